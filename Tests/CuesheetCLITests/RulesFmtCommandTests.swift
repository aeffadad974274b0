import Foundation
import Testing

@Suite("cuesheet rules fmt")
struct RulesFmtCommandTests {
  static let messy = """
    # a comment
    flag A {
          default on   # kept
    }
    flag B {
    default off
    }
    """

  static let tidy = """
    # a comment
    flag A {
      default on   # kept
    }

    flag B {
      default off
    }

    """

  @Test("--check lists a file that would change, exits 1 and writes nothing")
  func checkFindsUnformatted() throws {
    let temp = try TemporaryDirectory()
    let path = temp.path("a.rules")
    try Self.messy.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["rules", "fmt", "--check", temp.url.path])
    #expect(result.status == 1, "\(result.stderr)")
    #expect(result.stdout.contains(path), "\(result.stdout)")
    #expect(result.stderr.contains("would be reformatted"), "\(result.stderr)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.messy)
  }

  @Test("fmt writes the canonical layout; then --check exits 0")
  func formatsInPlace() throws {
    let temp = try TemporaryDirectory()
    let path = temp.path("a.rules")
    try Self.messy.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["rules", "fmt", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("formatted 1 file: 1 changed"), "\(result.stdout)")
    #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.tidy)
    let check = try CLIRunner.run(["rules", "fmt", "--check", path])
    #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    #expect(check.stdout.isEmpty)
  }

  @Test("the shipped rules are formatted: `rules fmt --check` (default ./rules) exits 0")
  func shippedRulesFormatted() throws {
    let result = try CLIRunner.run(["rules", "fmt", "--check"])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let samples = try CLIRunner.run(["rules", "fmt", "--check", "samples/rules-proposed"])
    #expect(samples.status == 0, "\(samples.stdout)\(samples.stderr)")
  }

  @Test("a missing path is an I/O error, exit 74")
  func missingPath() throws {
    let result = try CLIRunner.run(["rules", "fmt", "--check", "no/such/folder"])
    #expect(result.status == 74, "\(result.stderr)")
    #expect(result.stderr.contains("no/such/folder"))
  }
}
