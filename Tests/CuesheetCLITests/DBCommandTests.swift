import CuesheetTesting
import Foundation
import Store
import Testing

@Suite("cuesheet db and events", .timeLimit(.minutes(20)))
struct DBCommandTests {
  @Test("migrate creates and migrates; a second run is a no-op; verify passes")
  func migrateVerify() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    let first = try CLIRunner.run(["db", "migrate", "--db", db])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("schema version 0 → "))
    let second = try CLIRunner.run(["db", "migrate", "--db", db])
    #expect(second.status == 0)
    #expect(second.stdout.contains("nothing to do"))
    let verify = try CLIRunner.run(["db", "verify", "--db", db])
    #expect(verify.status == 0)
    #expect(verify.stdout.contains("ok:"))
  }

  @Test("$CUESHEET_DB picks the database when --db is absent")
  func environmentDatabase() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("env.db")
    let result = try CLIRunner.run(
      ["db", "migrate"], in: temp.url, environment: ["CUESHEET_DB": db])
    #expect(result.status == 0)
    #expect(FileManager.default.fileExists(atPath: db))
    #expect(!FileManager.default.fileExists(atPath: temp.path("cuesheet.db")))
  }

  @Test("verify exits 1 on a dropped index, names it, and passes after migrate")
  func verifyDroppedIndex() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let drop = Process()
    drop.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    drop.arguments = ["sqlite3", db, "DROP INDEX ux_metrics_daily_day_ep_source"]
    try drop.run()
    drop.waitUntilExit()
    try #require(drop.terminationStatus == 0, "sqlite3 is needed for this test")
    let broken = try CLIRunner.run(["db", "verify", "--db", db])
    #expect(broken.status == 1)
    #expect(broken.stdout.contains("ux_metrics_daily_day_ep_source"))
    let json = try CLIRunner.run(["db", "verify", "--db", db, "--json"])
    #expect(json.status == 1)
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["healthy"] as? Bool == false)
    let repair = try CLIRunner.run(["db", "migrate", "--db", db])
    #expect(repair.status == 0)
    #expect(repair.stdout.contains("backup:"))
    #expect(try CLIRunner.run(["db", "verify", "--db", db]).status == 0)
  }

  @Test("rollback then migrate round-trips; status shows applied and pending")
  func rollbackRoundTrip() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let back = try CLIRunner.run(["db", "rollback", "--to", "0", "--db", db])
    #expect(back.status == 0)
    #expect(back.stdout.contains("backup:"))
    let status = try CLIRunner.run(["db", "status", "--db", db])
    #expect(status.stdout.contains("pending"))
    let again = try CLIRunner.run(["db", "rollback", "--to", "0", "--db", db])
    #expect(again.status == 0)
    #expect(again.stdout.contains("nothing to do"))
    #expect(try CLIRunner.run(["db", "migrate", "--db", db]).status == 0)
    #expect(try CLIRunner.run(["db", "verify", "--db", db]).status == 0)
  }

  @Test(
    "errors are one sentence on stderr with the documented exit code",
    arguments: [
      (["events", "--db", "/nonexistent/dir/x.db"], Int32(74), "No database at"),
      (["db", "rollback", "--db", "/nonexistent/dir/x.db"], 74, "No database at"),
      (["db", "migrate", "--to", "42", "--db", "DB"], 2, "There is no schema version 42"),
      (["events", "--limit", "0", "--db", "DB"], 2, "--limit must be at least 1"),
      (["events", "--since", "tomorrowish", "--db", "DB"], 2, "is not a time"),
      (
        ["no-such-command"], 2,
        "error: unexpected argument 'no-such-command'.\nusage: cuesheet <subcommand>"
      ),
    ])
  func errors(arguments: [String], status: Int32, message: String) throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("e.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let result = try CLIRunner.run(arguments.map { $0 == "DB" ? db : $0 })
    #expect(result.status == status, "stderr: \(result.stderr)")
    #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test("a command on a database that is not migrated says to migrate, and changes nothing")
  func notMigrated() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("old.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    _ = try CLIRunner.run(["db", "rollback", "--db", db])
    let result = try CLIRunner.run(["events", "--db", db])
    #expect(result.status == 65)
    #expect(result.stderr.contains("run `cuesheet db migrate`"))
  }

  @Test("events --json on an empty database is an empty list")
  func eventsEmpty() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let empty = try CLIRunner.run(["events", "--db", db, "--json"])
    #expect(empty.status == 0)
    guard case .array(let events) = try JSONValue(parsing: empty.stdout) else {
      Issue.record("not a JSON array: \(empty.stdout)")
      return
    }
    #expect(events.isEmpty)
  }

  @Test("events lists newest last, in text and as JSON, and --limit keeps the newest")
  func eventsNewestLast() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    for kind in ["shows", "episodes"] {
      let imported = try CLIRunner.run(["import", kind, "samples/\(kind).csv", "--db", db])
      try #require(imported.status == 0, "\(imported.stderr)")
    }
    let listed = try CLIRunner.run(["events", "--db", db, "--json"])
    #expect(listed.status == 0, "\(listed.stderr)")
    guard case .array(let events) = try JSONValue(parsing: listed.stdout) else {
      Issue.record("not a JSON array: \(listed.stdout)")
      return
    }
    let completed = events.filter { $0.field("type")?.stringValue == "etl.import_completed" }
    try #require(completed.count == 2, "\(listed.stdout)")
    // The shows import ran first, so its event comes first; the episodes one, the newest, last.
    #expect(
      completed[0].field("payload").map { "\($0)" }?.contains("shows") == true, "\(completed[0])")
    #expect(
      completed[1].field("payload").map { "\($0)" }?.contains("episodes") == true, "\(completed[1])"
    )
    let ids = events.compactMap { $0.field("id")?.intValue }
    #expect(ids.count == events.count && ids == ids.sorted(), "ids in order: \(ids)")

    let text = try CLIRunner.run(["events", "--db", db])
    let showsAt = try #require(text.stdout.range(of: "shows"))
    let episodesAt = try #require(text.stdout.range(of: "episodes"))
    #expect(showsAt.lowerBound < episodesAt.lowerBound, "\(text.stdout)")

    let newest = try CLIRunner.run(["events", "--db", db, "--limit", "1", "--json"])
    guard case .array(let one) = try JSONValue(parsing: newest.stdout) else {
      Issue.record("not a JSON array: \(newest.stdout)")
      return
    }
    #expect(one.count == 1)
    #expect(one.first?.field("id")?.intValue == ids.last)
  }

  @Test("help text is stable", arguments: [["--help"], ["db", "--help"], ["events", "--help"]])
  func help(arguments: [String]) throws {
    let result = try CLIRunner.run(arguments)
    #expect(result.status == 0)
    try snapshots.assertMatches(
      result.stdout, named: "help-\(arguments.dropLast().joined(separator: "-"))root.txt")
  }
}
