import CuesheetTesting
import Foundation
import Testing

/// `cuesheet rules diff` end to end on the samples database: exit codes, git bases, diagnostics.
@Suite("cuesheet rules diff", .timeLimit(.minutes(20)))
struct RulesDiffCommandTests {
  /// A migrated database with the samples imported.
  static func sampleDatabase(_ temp: TemporaryDirectory) throws -> String {
    let db = temp.path("diff.db")
    #expect(try CLIRunner.run(["db", "migrate", "--db", db]).status == 0)
    let imported = try CLIRunner.run(["import", "samples", "--db", db])
    #expect(imported.status == 0, "\(imported.stderr)")
    return db
  }

  static func git(_ arguments: [String], in directory: URL) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      [
        "git", "-c", "user.name=Test", "-c", "user.email=test@example.com",
        "-c", "commit.gpgsign=false",
      ] + arguments
    process.currentDirectoryURL = directory
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
  }

  @Test("identical rules: no change, exit 0 even with --fail-on-change")
  func identical() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let result = try CLIRunner.run([
      "rules", "diff", "--base-dir", "rules", "--rules", "rules", "--db", db, "--fail-on-change",
    ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.contains(": no change"), "\(result.stdout)")
  }

  @Test("the shipped proposal: changes reported, --json parses, --html writes, exit 1 on change")
  func proposal() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let arguments = [
      "rules", "diff", "--base-dir", "rules", "--rules", "samples/rules-proposed", "--db", db,
    ]
    let json = try CLIRunner.run(arguments + ["--json"])
    #expect(json.status == 0, "\(json.stderr)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
    #expect(object["changed"] as? Bool == true)
    #expect(object["schema_version"] as? Int == 1)
    let flags = try #require(object["flags"] as? [String: Any])
    let changed = try #require(flags["changed"] as? [[String: Any]])
    #expect(changed.map { $0["flag"] as? String } == ["IO_TEMPLATE"])
    let matchmaking = try #require(object["matchmaking"] as? [String: Any])
    let ruleSets = try #require(matchmaking["rule_sets"] as? [[String: Any]])
    #expect(ruleSets.first?["definition_changed"] as? Bool == true)
    #expect((ruleSets.first?["score_changed"] as? Int ?? 0) > 0)

    let page = temp.path("review.html")
    let html = try CLIRunner.run(arguments + ["--html", page, "--fail-on-change"])
    #expect(html.status == 1, "\(html.stderr)")
    #expect(html.stdout.contains("IO_TEMPLATE"))
    let text = try String(contentsOfFile: page, encoding: .utf8)
    #expect(text.hasPrefix("<!DOCTYPE html>") && text.contains("Rule set"))
  }

  @Test("a git base: HEAD by default, nothing checked out; an unknown revision is a clear error")
  func gitBase() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let repository = temp.url.appendingPathComponent("repo")
    let rules = repository.appendingPathComponent("rules")
    try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
    for name in ["flags.rules", "matchmaking.rules"] {
      try FileManager.default.copyItem(
        at: PackageRoot.appending("rules/\(name)"),
        to: rules.appendingPathComponent(name))
    }
    try Self.git(["init", "-q"], in: repository)
    try Self.git(["add", "."], in: repository)
    try Self.git(["commit", "-q", "-m", "rules"], in: repository)

    let same = try CLIRunner.run(
      ["rules", "diff", "--db", db, "--fail-on-change"], in: repository)
    #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
    #expect(same.stdout.contains("base HEAD (2 files)"), "\(same.stdout)")

    let file = rules.appendingPathComponent("matchmaking.rules")
    let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(
      of: "keep score >= 0.65", with: "keep score >= 0.75")
    try edited.write(to: file, atomically: true, encoding: .utf8)
    let changed = try CLIRunner.run(
      ["rules", "diff", "--db", db, "--fail-on-change"], in: repository)
    #expect(changed.status == 1, "\(changed.stdout)\(changed.stderr)")
    #expect(changed.stdout.contains("rule set default: definition changed"), "\(changed.stdout)")
    // The work tree is untouched.
    #expect(try String(contentsOf: file, encoding: .utf8) == edited)

    let missing = try CLIRunner.run(
      ["rules", "diff", "--db", db, "--base", "no-such-branch"], in: repository)
    #expect(missing.status == 65)
    #expect(
      missing.stderr.contains("There is no revision no-such-branch in the git repository"),
      "\(missing.stderr)")

    // Rules outside any git work tree: there is no HEAD; the error says what to pass instead.
    let plain = temp.url.appendingPathComponent("plain")
    try FileManager.default.createDirectory(
      at: plain.appendingPathComponent("rules"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: file, to: plain.appendingPathComponent("rules/matchmaking.rules"))
    let outside = try CLIRunner.run(["rules", "diff", "--db", db], in: plain)
    #expect(outside.status == 2, "\(outside.stderr)")
    #expect(outside.stderr.contains("pass --base-dir DIR"), "\(outside.stderr)")
  }

  @Test("a base side with a rule error: its diagnostics under its name, exit 65")
  func brokenBase() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let base = temp.path("base")
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    let broken = try String(
      contentsOf: PackageRoot.appending("rules/matchmaking.rules"),
      encoding: .utf8
    ).replacingOccurrences(of: "show.downloads_30d >=", with: "show.downlods_30d >=")
    try broken.write(toFile: base + "/matchmaking.rules", atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["rules", "diff", "--base-dir", base, "--db", db])
    #expect(result.status == 65, "\(result.stderr)")
    #expect(result.stderr.contains("base (\(base)):"), "\(result.stderr)")
    #expect(result.stderr.contains("matchmaking.rules:"), "\(result.stderr)")
    #expect(result.stderr.contains("downloads_30d"), "\(result.stderr)")
    #expect(result.stderr.contains("the base (\(base)) side has 1 error"), "\(result.stderr)")
  }
}
