import CuesheetTesting
import Foundation
import Store
import Testing

/// `cuesheet demo` and `cuesheet io export` work from an empty directory outside the checkout,
/// with the samples, rules, templates and terms shipped with the binary, and say so (#14).
@Suite("Works from any directory", .serialized)
struct AnyDirectoryTests {
  @Test("demo and io export from an empty temporary directory use the shipped copies")
  func demoAndExportFromEmptyDirectory() throws {
    let temp = try TemporaryDirectory()
    #expect(try FileManager.default.contentsOfDirectory(atPath: temp.url.path).isEmpty)
    let demo = try CLIRunner.run(["demo", "--out", "d"], in: temp.url)
    #expect(demo.status == 0, "\(demo.stderr)")
    #expect(demo.stdout.contains("(shipped copy)"), "\(demo.stdout)")
    #expect(demo.stdout.contains("exported the IO document of campaign"), "\(demo.stdout)")
    #expect(demo.stdout.contains("built 3 dashboard(s)"), "\(demo.stdout)")

    let export = try CLIRunner.run(
      ["io", "export", "IO-1001", "--db", "d/cuesheet.db", "--verbose"], in: temp.url)
    #expect(export.status == 0, "\(export.stderr)")
    #expect(export.stdout.hasPrefix("wrote IO-1001.md: IO-1001 revision 1"), "\(export.stdout)")
    #expect(FileManager.default.fileExists(atPath: temp.path("IO-1001.md")))
    let shipped = PackageRoot.url.resolvingSymlinksInPath().path
    #expect(
      export.stderr.contains("templates: \(shipped)/reports (shipped copy)"), "\(export.stderr)")
    #expect(
      export.stderr.contains("terms: \(shipped)/reports/io-terms.json (shipped copy)"),
      "\(export.stderr)")
    #expect(
      export.stderr.contains("flags: \(shipped)/rules/flags.rules (shipped copy)"),
      "\(export.stderr)")
  }

  struct SourceCase: Sendable, CustomTestStringConvertible {
    let name: String
    let inCheckout: Bool
    let arguments: [String]
    let environment: [String: String]
    let source: String
    var testDescription: String { name }
  }

  @Test(
    "io export --json names where its files came from: option, setting, current directory, shipped",
    arguments: [
      SourceCase(
        name: "shipped", inCheckout: false, arguments: [], environment: [:], source: "shipped copy"),
      SourceCase(
        name: "current directory", inCheckout: true, arguments: [], environment: [:],
        source: "current directory"),
      SourceCase(
        name: "setting", inCheckout: false, arguments: [],
        environment: [
          "CUESHEET_REPORTS": PackageRoot.url.appendingPathComponent("reports").path
        ],
        source: "setting"),
      SourceCase(
        name: "option", inCheckout: false,
        arguments: ["--reports", PackageRoot.url.appendingPathComponent("reports").path],
        environment: [:], source: "option"),
    ])
  func sources(_ source: SourceCase) throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("c.db")
    for arguments in [["db", "migrate", "--db", db], ["import", "samples", "--db", db]] {
      let result = try CLIRunner.run(arguments)
      #expect(result.status == 0, "\(result.stderr)")
    }
    let result = try CLIRunner.run(
      ["io", "export", "IO-1001", "--db", db, "--out", temp.path("io.md"), "--json"]
        + source.arguments,
      in: source.inCheckout ? nil : temp.url, environment: source.environment)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try JSONValue(parsing: result.stdout)
    guard case .object(let top) = json, case .object(let sources) = top["sources"],
      case .object(let reports) = sources["reports"]
    else {
      Issue.record("no sources: \(result.stdout)")
      return
    }
    #expect(reports["source"] == .string(source.source), "\(result.stdout)")
  }
}
