import CuesheetTesting
import Foundation
import Store
import Testing

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One success, one failure (and the `--json` output where the command has one) for the commands
/// that had no CLI test: deals, the IO lifecycle, tokens, reports, eval, import options and serve.
/// The `--json` shapes are checked against docs/openapi.yaml by `JSONSchemaTests`; here the
/// values are.
@Suite("CLI commands: success, --json and failure", .timeLimit(.minutes(20)))
struct CommandTests {
  /// A migrated database with the samples imported.
  static func sampleDatabase(_ temp: TemporaryDirectory) throws -> String {
    let db = temp.path("a.db")
    for arguments in [["db", "migrate", "--db", db], ["import", "samples", "--db", db]] {
      let result = try CLIRunner.run(arguments)
      try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return db
  }

  static func json(_ result: CLIRunner.Result) throws -> JSONValue {
    try #require(result.status == 0, "\(result.stderr)")
    return try JSONValue(parsing: result.stdout)
  }

  // MARK: - deals

  @Test("deals create, move and history; an unknown advertiser or stage is refused")
  func deals() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let create = [
      "deals", "create", "--advertiser", "adv-velo", "--name", "Winter push", "--budget",
      "12000.00", "--starts", "2027-01-01", "--ends", "2027-01-31", "--id", "cmp-new", "--db", db,
    ]
    let created = try CLIRunner.run(create)
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.contains(#"cmp-new: created "Winter push" for adv-velo at lead"#))

    let json = try Self.json(
      try CLIRunner.run(
        [
          "deals", "create", "--advertiser", "adv-velo", "--name", "Spring", "--budget", "100",
          "--starts", "2027-03-01", "--ends", "2027-03-31", "--stage", "proposal", "--json",
          "--db", db,
        ]))
    #expect(json.field("stage")?.stringValue == "proposal")
    #expect(json.field("budget_cents")?.intValue == 10_000)
    #expect(json.field("advertiser_id")?.stringValue == "adv-velo")

    let moved = try CLIRunner.run(["deals", "move", "cmp-new", "--to", "qualified", "--db", db])
    #expect(moved.status == 0, "\(moved.stderr)")
    #expect(moved.stdout.contains("cmp-new: lead → qualified"))
    let history = try Self.json(
      try CLIRunner.run(["deals", "history", "cmp-new", "--json", "--db", db]))
    let changes = try #require(history.elements ?? history.field("changes")?.elements)
    #expect(changes.last?.field("to")?.stringValue == "qualified", "\(history)")

    let listed = try CLIRunner.run(["deals", "list", "--db", db])
    #expect(listed.stdout.contains("cmp-new"))

    let unknown = try CLIRunner.run(
      [
        "deals", "create", "--advertiser", "adv-nope", "--name", "W", "--budget", "1",
        "--starts", "2027-01-01", "--ends", "2027-01-31", "--db", db,
      ])
    #expect(unknown.status == 65)
    #expect(unknown.stderr.contains("No advertiser with id 'adv-nope'"))
    let badStage = try CLIRunner.run(["deals", "move", "cmp-new", "--to", "won", "--db", db])
    #expect(badStage.status == 2)
    #expect(badStage.stderr.contains("closed_won"))
    #expect(try CLIRunner.run(["deals", "list", "--db", db]).stdout == listed.stdout)
  }

  // MARK: - io lifecycle

  @Test("io schedule, start, deliver and cancel move an IO through its states; wrong moves fail")
  func ioLifecycle() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    // IO-1015 is a draft of cmp-008, which is in negotiation: scheduling needs a won deal.
    let early = try CLIRunner.run(["io", "schedule", "IO-1015", "--db", db])
    #expect(early.status == 65)
    #expect(early.stderr.contains("move the deal to closed_won first"))
    let deliverDraft = try CLIRunner.run(["io", "deliver", "IO-1015", "--db", db])
    #expect(deliverDraft.status == 65)
    #expect(deliverDraft.stderr.contains("while it is draft; allowed now: schedule, cancel"))

    _ = try CLIRunner.run(["deals", "move", "cmp-008", "--to", "closed_won", "--db", db])
    let scheduled = try Self.json(
      try CLIRunner.run(["io", "schedule", "IO-1015", "--json", "--db", db]))
    #expect(scheduled.field("io")?.field("status")?.stringValue == "scheduled", "\(scheduled)")

    let tooSoon = try CLIRunner.run(["io", "start", "IO-1015", "--db", db])
    #expect(tooSoon.status == 65)
    #expect(tooSoon.stderr.contains("before its flight"))
    let started = try CLIRunner.run(["io", "start", "IO-1015", "--force", "--db", db])
    #expect(started.status == 0, "\(started.stderr)")
    #expect(started.stdout.contains("IO-1015: scheduled → live"))
    let delivered = try CLIRunner.run(["io", "deliver", "IO-1015", "--force", "--db", db])
    #expect(delivered.status == 0, "\(delivered.stderr)")
    #expect(delivered.stdout.contains("IO-1015: live → completed"))

    let cancelled = try CLIRunner.run(
      ["io", "cancel", "IO-1016", "--reason", "budget cut", "--db", db])
    #expect(cancelled.status == 0, "\(cancelled.stderr)")
    #expect(cancelled.stdout.contains("IO-1016: draft → cancelled"))
    let again = try CLIRunner.run(["io", "cancel", "IO-1016", "--reason", "again", "--db", db])
    #expect(again.status == 65)
    #expect(again.stderr.contains("cancelled is final"))

    let shown = try Self.json(try CLIRunner.run(["io", "show", "IO-1015", "--json", "--db", db]))
    #expect(shown.field("status")?.stringValue == "completed")
  }

  // MARK: - tokens

  @Test("tokens create, list and revoke; a duplicate name or an unknown token is refused")
  func tokens() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let created = try CLIRunner.run(["tokens", "create", "ci", "--db", db])
    #expect(created.status == 0, "\(created.stderr)")
    #expect(created.stdout.hasPrefix("cst_"))
    let json = try Self.json(try CLIRunner.run(["tokens", "create", "ops", "--json", "--db", db]))
    let secret = try #require(json.field("token")?.stringValue ?? json.field("secret")?.stringValue)
    #expect(secret.hasPrefix("cst_"), "\(json)")

    let duplicate = try CLIRunner.run(["tokens", "create", "ci", "--db", db])
    #expect(duplicate.status == 65)
    #expect(duplicate.stderr.contains("A token named 'ci' already exists"))

    let revoked = try CLIRunner.run(["tokens", "revoke", "ci", "--db", db])
    #expect(revoked.status == 0, "\(revoked.stderr)")
    #expect(revoked.stdout.contains("revoked ci"))
    let listed = try Self.json(try CLIRunner.run(["tokens", "list", "--json", "--db", db]))
    let rows = try #require(listed.elements)
    let ci = try #require(rows.first { $0.field("name")?.stringValue == "ci" })
    let ops = try #require(rows.first { $0.field("name")?.stringValue == "ops" })
    #expect(ci.field("revoked_at")?.stringValue != nil, "\(ci)")
    #expect(ops.field("revoked_at") == .null || ops.field("revoked_at") == nil, "\(ops)")

    for name in ["ci", "nope"] {
      let refused = try CLIRunner.run(["tokens", "revoke", name, "--db", db])
      #expect(refused.status == 65)
      #expect(refused.stderr.contains("No active token named '\(name)'"))
    }
  }

  // MARK: - reports

  @Test("reports list, check, build and run; an unknown report is refused")
  func reports() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let listed = try CLIRunner.run(["reports", "list", "--db", db])
    #expect(listed.status == 0, "\(listed.stderr)")
    #expect(listed.stdout.contains("advertiser\tAdvertiser dashboards"))

    let checked = try CLIRunner.run(["reports", "check", "--db", db])
    #expect(checked.status == 0, "\(checked.stderr)")
    #expect(checked.stdout.contains("0 problem(s)"))
    let checks = try #require(
      try Self.json(try CLIRunner.run(["reports", "check", "--json", "--db", db])).elements)
    let names = checks.compactMap { $0.field("name")?.stringValue }
    #expect(names.contains("ops"), "\(names)")
    let clean = checks.allSatisfy { $0.field("problems")?.elements?.isEmpty == true }
    #expect(clean, "\(checks)")

    let out = temp.path("out")
    let built = try CLIRunner.run(["reports", "build", "advertiser", "--out", out, "--db", db])
    #expect(built.status == 0, "\(built.stderr)")
    #expect(FileManager.default.fileExists(atPath: out + "/advertiser"), "\(built.stdout)")
    let run = try CLIRunner.run(["reports", "run", "--due", "--out", out, "--db", db])
    #expect(run.status == 0, "\(run.stderr)")

    for arguments in [["reports", "check", "nope"], ["reports", "build", "nope", "--out", out]] {
      let unknown = try CLIRunner.run(arguments + ["--db", db])
      #expect(unknown.status == 2, "\(arguments)")
      #expect(unknown.stderr.contains(#"no report named "nope""#), "\(unknown.stderr)")
    }
  }

  // MARK: - eval

  @Test("eval prints value and type, --json too; a type error and a runtime error exit 65")
  func eval() throws {
    let text = try CLIRunner.run(["eval", "1 + 2"])
    #expect(text.status == 0)
    #expect(text.stdout == "3 : int\n")
    let json = try Self.json(try CLIRunner.run(["eval", "x * 2", "--var", "x=21", "--json"]))
    #expect(json.field("value")?.intValue == 42)
    #expect(json.field("type")?.stringValue == "int")

    let typeError = try CLIRunner.run(["eval", "1 + 'a'"])
    #expect(typeError.status == 65)
    #expect(typeError.stderr.contains("check.no-matching-overload"))
    let runtime = try CLIRunner.run(["eval", "1 / 0"])
    #expect(runtime.status == 65)
    #expect(runtime.stderr.contains("eval.divide-by-zero"))
  }

  // MARK: - import options

  @Test(
    "import --dry-run writes nothing; --skip-invalid --rejects imports the rest; without it nothing"
  )
  func importOptions() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let bad = temp.path("bad.csv")
    try
      "show_id,name,creator,categories,explicit,language,country,cpm\ns1,S,C,,no,en,US,1\ns2,S2,C,,maybe,en,US,1\n"
      .write(toFile: bad, atomically: true, encoding: .utf8)

    let dry = try CLIRunner.run(["import", "shows", "samples/shows.csv", "--dry-run", "--db", db])
    #expect(dry.status == 0, "\(dry.stderr)")
    #expect(dry.stdout.contains("12 would be inserted"))
    let refused = try CLIRunner.run(["import", "shows", bad, "--db", db])
    #expect(refused.status == 65)
    #expect(refused.stderr.contains("nothing was imported"))
    let events = try #require(
      try Self.json(try CLIRunner.run(["events", "--json", "--db", db])).elements)
    #expect(!events.contains { $0.field("type")?.stringValue == "etl.import_completed" })

    let rejects = temp.path("rejects.csv")
    let skipped = try CLIRunner.run(
      ["import", "shows", bad, "--skip-invalid", "--rejects", rejects, "--json", "--db", db])
    let results = try #require(try Self.json(skipped).elements)
    #expect(results.first?.field("inserted")?.intValue == 1, "\(results)")
    #expect(results.first?.field("rejected")?.intValue == 1, "\(results)")
    let written = try String(contentsOfFile: rejects, encoding: .utf8)
    #expect(
      written.hasPrefix("show_id,name,creator,categories,explicit,language,country,cpm,error"))
    #expect(written.contains("s2,S2,C,,maybe,en,US,1,\"explicit: 'maybe' is not valid"))
  }

  // MARK: - serve

  @Test(
    "serve answers /healthz on the port it reports; a bad port or a missing database is refused")
  func serve() async throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("a.db")
    _ = try CLIRunner.run(["db", "migrate", "--db", db])
    let badPort = try CLIRunner.run(["serve", "--port", "70000", "--db", db])
    #expect(badPort.status == 2)
    #expect(badPort.stderr.contains("--port must be 0 to 65535"))
    let noDatabase = try CLIRunner.run(["serve", "--db", temp.path("none/x.db")])
    #expect(noDatabase.status == 74)

    let process = Process()
    process.executableURL = CLIRunner.executable
    process.arguments = ["serve", "--port", "0", "--db", db, "--dashboards", temp.path("dash")]
    process.currentDirectoryURL = PackageRoot.url
    let log = temp.path("serve.log")
    _ = FileManager.default.createFile(atPath: log, contents: nil)
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    defer {
      process.terminate()
      process.waitUntilExit()
    }
    // The server logs the address it listens on; wait for that line (bounded by the time limit).
    var port: Int?
    while port == nil, process.isRunning {
      let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
      if let match = text.firstMatch(of: /listening on 127\.0\.0\.1:([0-9]+)/) {
        port = Int(match.1)
      } else {
        try await Task.sleep(for: .milliseconds(50))
      }
    }
    let listening = try #require(
      port, "serve exited: \((try? String(contentsOfFile: log, encoding: .utf8)) ?? "")")
    let (body, response) = try await URLSession.shared.data(
      from: URL(string: "http://127.0.0.1:\(listening)/healthz")!)
    #expect((response as? HTTPURLResponse)?.statusCode == 200)
    #expect(!body.isEmpty)
  }
}
