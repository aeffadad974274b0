import CuesheetTesting
import Foundation
import Testing

/// Every fenced `sh` example marked runnable in README.md and docs/*.md runs against the demo
/// database, so examples cannot drift from the code (#14).
///
/// The marker is an HTML comment on the line before the fence: `<!-- runnable -->` (invisible on
/// GitHub). Each line of the block that starts with `cuesheet` (a trailing `\` continues it) runs
/// through `/bin/sh -c`, in order, in a fresh directory per document holding `rules`, `samples`
/// and `reports` (links to the checkout's) with `CUESHEET_DB` set to a copy of a demo database
/// built once. A line must exit 0, or the code its comment states as `(exit N)`. README.md,
/// "Development", documents the marker.
@Suite("Docs examples run", .serialized)
struct DocsExamplesTests {
  /// One runnable line: where it is, what it runs, the exit code it must give.
  struct Example: CustomStringConvertible {
    let file: String
    let line: Int
    let command: String
    let exitCode: Int32
    var description: String { "\(file):\(line): \(command)" }
  }

  static let marker = "<!-- runnable -->"

  /// The runnable examples of one Markdown file, in order.
  static func examples(in file: String, text: String) -> [Example] {
    let lines = text.components(separatedBy: "\n")
    var examples: [Example] = []
    var index = 0
    while index < lines.count {
      defer { index += 1 }
      guard lines[index].trimmingCharacters(in: .whitespaces) == marker,
        index + 1 < lines.count, lines[index + 1].trimmingCharacters(in: .whitespaces) == "```sh"
      else { continue }
      index += 2
      while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" {
        let start = index
        var command = lines[index]
        while command.hasSuffix("\\"), index + 1 < lines.count {
          command =
            String(command.dropLast()) + " "
            + lines[index + 1].trimmingCharacters(in: .whitespaces)
          index += 1
        }
        index += 1
        let trimmed = command.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("cuesheet ") || trimmed == "cuesheet" else { continue }
        var exitCode: Int32 = 0
        if let match = trimmed.firstMatch(of: /\(exit (\d+)\)/), let code = Int32(match.1) {
          exitCode = code
        }
        examples.append(Example(file: file, line: start + 1, command: trimmed, exitCode: exitCode))
      }
    }
    return examples
  }

  /// README.md and docs/*.md, by name.
  static func documents() throws -> [String] {
    let docs = try FileManager.default.contentsOfDirectory(
      atPath: PackageRoot.url.appendingPathComponent("docs").path
    ).filter { $0.hasSuffix(".md") }.sorted().map { "docs/\($0)" }
    return ["README.md"] + docs
  }

  @Test("the marker finds lines, joins continuations and reads (exit N)")
  func parsing() {
    let text = """
      ```sh
      cuesheet not-marked
      ```
      <!-- runnable -->
      ```sh
      # a comment
      cuesheet db verify          # fine
      cuesheet io create --campaign c \\
        --show s
      cuesheet reports build --strict   # (exit 1) when a page is empty
      echo not cuesheet
      ```
      """
    let found = Self.examples(in: "x.md", text: text)
    #expect(
      found.map(\.command) == [
        "cuesheet db verify          # fine", "cuesheet io create --campaign c  --show s",
        "cuesheet reports build --strict   # (exit 1) when a page is empty",
      ])
    #expect(found.map(\.line) == [7, 8, 10])
    #expect(found.map(\.exitCode) == [0, 0, 1])
  }

  @Test("every runnable example in README.md and docs/ runs against the demo database")
  func runnableExamplesRun() throws {
    let root = PackageRoot.url
    var all: [String: [Example]] = [:]
    for file in try Self.documents() {
      let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
      all[file] = Self.examples(in: file, text: text)
    }
    let total = all.values.reduce(0) { $0 + $1.count }
    // The README and most docs have runnable examples; a marker lost in an edit shows here.
    #expect(total >= 40, "only \(total) runnable examples")
    #expect(all["README.md"]?.isEmpty == false)

    let temp = try TemporaryDirectory()
    let demo = try CLIRunner.run(["demo", "--out", temp.path("demo")])
    try #require(demo.status == 0, "\(demo.stderr)")
    let binDirectory = CLIRunner.executable.deletingLastPathComponent().path
    let fm = FileManager.default
    for (file, examples) in all.sorted(by: { $0.key < $1.key }) where !examples.isEmpty {
      let directory = temp.url.appendingPathComponent(
        file.replacingOccurrences(of: "/", with: "-"))
      try fm.createDirectory(at: directory, withIntermediateDirectories: true)
      for folder in ["rules", "samples", "reports"] {
        try fm.createSymbolicLink(
          at: directory.appendingPathComponent(folder),
          withDestinationURL: root.appendingPathComponent(folder))
      }
      let db = directory.appendingPathComponent("cuesheet.db").path
      // The database and its WAL: the demo's last writes may not be checkpointed yet.
      for suffix in ["", "-wal", "-shm"]
      where fm.fileExists(atPath: temp.path("demo/cuesheet.db\(suffix)")) {
        try fm.copyItem(atPath: temp.path("demo/cuesheet.db\(suffix)"), toPath: db + suffix)
      }
      for example in examples {
        let result = try Self.shell(
          example.command, in: directory,
          environment: [
            "PATH": binDirectory + ":"
              + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "CUESHEET_DB": db, "CUESHEET_BUILD_TIME": "2026-11-25T08:00:00Z",
          ])
        #expect(
          result.status == example.exitCode,
          "\(example): exit \(result.status), expected \(example.exitCode)\n\(result.stderr)")
      }
    }
  }

  @Test("docs/schema.md and docs/database.md name the schema version `db status` reports")
  func schemaVersionInDocs() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("v.db")
    #expect(try CLIRunner.run(["db", "migrate", "--db", db]).status == 0)
    let status = try CLIRunner.run(["db", "status", "--db", db])
    let match = try #require(status.stdout.firstMatch(of: /version:\s+(\d+) of (\d+)/))
    let (current, latest) = (String(match.1), String(match.2))
    #expect(current == latest)
    for file in ["docs/schema.md", "docs/database.md"] {
      let text = try String(
        contentsOf: PackageRoot.url.appendingPathComponent(file), encoding: .utf8)
      let stated = text.matches(of: /version (\d+) of (\d+)/).map { "\($0.1) of \($0.2)" }
      #expect(!stated.isEmpty, "\(file) names no schema version")
      for version in stated {
        #expect(version == "\(latest) of \(latest)", "\(file) says version \(version)")
      }
    }
  }

  @Test("docs/events.md lists every event type the sources record, and the forced field")
  func eventCatalogue() throws {
    let root = PackageRoot.url
    let catalogue = try String(
      contentsOf: root.appendingPathComponent("docs/events.md"), encoding: .utf8)
    var types: Set<String> = []
    let sources = root.appendingPathComponent("Sources")
    let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      let text = try String(contentsOf: url, encoding: .utf8)
      for match in text.matches(of: /type: "([a-z_]+\.[a-z_]+)"/) { types.insert(String(match.1)) }
    }
    #expect(types.contains("deal.created"))
    for type in types.sorted() {
      #expect(catalogue.contains("| `\(type)` |"), "docs/events.md has no row for \(type)")
    }
    #expect(catalogue.contains("`forced: true`"))
  }

  /// Runs `command` with `/bin/sh -c`.
  static func shell(_ command: String, in directory: URL, environment: [String: String]) throws
    -> CLIRunner.Result
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", command]
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    for key in env.keys where key.hasPrefix("CUESHEET_") { env[key] = nil }
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRunner.Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}
