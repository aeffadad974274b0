import CuesheetTesting
import Foundation
import Testing

/// The request path holds no thread while it waits: the server and the use cases reach the
/// database through GRDB's async `read`/`write`, print PDFs with an awaited process and read files
/// through NIO. This test reads `Sources/Server` and `Sources/Application` for the calls that
/// would block a thread (a dispatch queue or group, waiting for a process, sleeping, reading a file
/// synchronously, the store's synchronous `read`/`write`), so one cannot come back unnoticed.
/// Each exception is listed with the reason it is not on a request's path.
@Suite("No blocking call on the request path")
struct NoBlockingCallTests {
  /// A call that blocks the thread it runs on.
  struct Pattern: Sendable {
    let name: String
    let matches: @Sendable (String) -> Bool
  }

  static let patterns: [Pattern] = [
    Pattern(name: "dispatch queue or group") {
      $0.contains("DispatchQueue") || $0.contains("DispatchGroup")
        || $0.contains("DispatchSemaphore")
    },
    Pattern(name: "waiting for a process") { $0.contains("waitUntilExit") },
    Pattern(name: "sleeping a thread") { $0.contains("usleep(") || $0.contains("Thread.sleep") },
    Pattern(name: "reading a file synchronously") {
      $0.contains("Data(contentsOf:") || $0.contains("contentsOfFile:")
        || $0.contains("FileManager.default.contents(")
    },
    Pattern(name: "the store's synchronous read or write") { line in
      (line.contains("writer.read") || line.contains("writer.write")) && !line.contains("await")
    },
    Pattern(name: "work parked off the cooperative threads") {
      $0.contains("blocking {") || $0.contains("Offload.run")
    },
  ]

  /// `path (relative to Sources/) → why the blocking call there is not on a request's path`.
  static let allowed: [String: String] = [
    "Server/Support/Browser.swift":
      "`cuesheet serve --open` starts a browser once, at start-up, before any request",
    "Application/RulesDiff/RuleSources.swift":
      "runs git for `cuesheet rules diff`, a CLI command no route calls",
    "Application/UseCases/RulesDiff.swift": "`cuesheet rules diff` only; no route calls it",
    "Application/Avails/RefreshSellThrough.swift":
      "`run(shares:)` is synchronous for the CLI's reports commands; the server calls only the "
      + "async `refresh(shares:)` (through `refreshForDashboards(throttle:)`)",
  ]

  /// Every Swift file under the two folders, relative to `Sources/`.
  static func sources() throws -> [String] {
    let root = PackageRoot.appending("Sources")
    var files: [String] = []
    for folder in ["Server", "Application"] {
      let enumerator = try #require(
        FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path))
      for case let file as String in enumerator where file.hasSuffix(".swift") {
        files.append("\(folder)/\(file)")
      }
    }
    return files.sorted()
  }

  @Test("Sources/Server and Sources/Application have no blocking call outside the allow-list")
  func noBlockingCalls() throws {
    let files = try Self.sources()
    #expect(files.count > 50, "found only \(files.count) source files")
    var found: [String] = []
    for file in files where Self.allowed[file] == nil {
      let text = try String(
        contentsOf: PackageRoot.appending("Sources/\(file)"), encoding: .utf8)
      for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
        .enumerated()
      {
        let code = line.trimmingCharacters(in: .whitespaces)
        if code.hasPrefix("//") { continue }
        for pattern in Self.patterns where pattern.matches(code) {
          found.append("\(file):\(number + 1): \(pattern.name): \(code)")
        }
      }
    }
    #expect(found.isEmpty, "blocking calls:\n\(found.joined(separator: "\n"))")
  }

  @Test(
    "the patterns catch what they name",
    arguments: [
      "DispatchQueue.global().async { }", "process.waitUntilExit()", "usleep(20_000)",
      "let body = try Data(contentsOf: url)", "try store.writer.read { db in 1 }",
      "try await blocking { 1 }", "try await Offload.run { 1 }",
    ])
  func patternsMatch(_ line: String) {
    #expect(Self.patterns.contains { $0.matches(line) })
  }

  @Test(
    "the async seam passes",
    arguments: [
      "try await store.writer.read { db in 1 }", "try await Task.sleep(for: .seconds(1))",
      "let file = try await FileIO().loadFile(path: path, context: context)",
    ])
  func asyncPasses(_ line: String) {
    #expect(!Self.patterns.contains { $0.matches(line) })
  }

  @Test("every allow-listed file exists and still needs its exception")
  func allowListIsCurrent() throws {
    for (file, _) in Self.allowed {
      let url = PackageRoot.appending("Sources/\(file)")
      let text = try String(contentsOf: url, encoding: .utf8)
      let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.hasPrefix("//") }
      #expect(
        lines.contains { line in Self.patterns.contains { $0.matches(line) } },
        "\(file) no longer blocks; remove it from the allow-list")
    }
  }
}
