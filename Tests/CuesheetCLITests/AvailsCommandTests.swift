import CuesheetTesting
import Foundation
import Testing

/// `cuesheet avails` and the avails checks of `io create` on the sample data, as a user runs them.
@Suite("cuesheet avails on the samples", .timeLimit(.minutes(20)))
struct AvailsCommandTests {
  /// A database with the samples imported (metrics end on 2026-11-24) and matches recalculated.
  static func sampleDatabase(_ temp: TemporaryDirectory) throws -> String {
    let db = temp.path("a.db")
    for arguments in [
      ["db", "migrate", "--db", db], ["import", "samples", "--db", db],
      ["match", "recalculate", "--env", "staging", "--db", db],
    ] {
      let result = try CLIRunner.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return db
  }

  @Test("the table for a category: inventory, contending, blocked, oversold rows, the plan")
  func table() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let result = try CLIRunner.run([
      "avails", "--from", "2026-12-01", "--to", "2026-12-28", "--category", "finance",
      "--placement", "mid", "--impressions", "60000", "--db", db,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    try snapshots.assertMatches(result.stdout, named: "avails-finance-mid.txt")
  }

  @Test("with an advertiser, rows follow its match ranks and the plan uses matched shows only")
  func advertiserRanking() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let matches = try CLIRunner.run([
      "match", "list", "--advertiser", "adv-safeharbor", "--json", "--db", db,
    ])
    let ranked = try #require(
      try JSONSerialization.jsonObject(with: Data(matches.stdout.utf8)) as? [[String: Any]])
    let result = try CLIRunner.run([
      "avails", "--from", "2026-12-01", "--to", "2026-12-28", "--advertiser", "adv-safeharbor",
      "--placement", "pre", "--impressions", "1000000", "--json", "--db", db,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let rows = try #require(report["rows"] as? [[String: Any]])
    let shows = rows.map { $0["show_id"] as? String ?? "" }
    let matched = ranked.compactMap { $0["show_id"] as? String }
    #expect(Array(shows.prefix(matched.count)) == matched)
    let plan = try #require(report["plan"] as? [String: Any])
    let planned = (plan["lines"] as? [[String: Any]] ?? []).compactMap { $0["show_id"] as? String }
    #expect(Set(planned).isSubset(of: Set(matched)))
    #expect(plan["filled"] as? Bool == false)
  }

  @Test("the backtest prints the model's and the baseline's MAPE and bias")
  func backtest() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let result = try CLIRunner.run([
      "avails", "backtest", "--as-of", "2026-10-27", "--weeks", "4", "--db", db,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    try snapshots.assertMatches(result.stdout, named: "avails-backtest.txt")
    let beyond = try CLIRunner.run([
      "avails", "backtest", "--as-of", "2026-11-10", "--weeks", "4", "--db", db,
    ])
    #expect(beyond.status == 2)
    #expect(beyond.stderr.contains("they end on 2026-11-24"))
  }

  @Test("io create warns, --strict refuses with exit 1 and writes nothing")
  func ioCreateWarning() throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let create = [
      "io", "create", "--campaign", "cmp-002", "--show", "full-court", "--placement", "mid",
      "--flight", "2026-12-01..2026-12-28", "--cpm", "25.00", "--impressions", "60000",
      "--db", db,
    ]
    let strict = try CLIRunner.run(create + ["--strict"])
    #expect(strict.status == 1)
    #expect(strict.stderr.contains("Refused, nothing written"))
    #expect(try CLIRunner.run(["io", "show", "IO-1021", "--db", db]).status == 65)
    let warned = try CLIRunner.run(create)
    #expect(warned.status == 0)
    #expect(warned.stdout == "IO-1021\n")
    #expect(
      warned.stderr.contains(
        "warning: IO-1021 wants 60,000 impressions on full-court mid over 2026-12-01..2026-12-28"))
    #expect(warned.stderr.contains("IO-1001, IO-1013"))
  }

  @Test(
    "bad requests and settings are refused with the fix",
    arguments: [
      (
        ["--from", "2026-11-20", "--to", "2026-11-30"], Int32(2), "start it on 2026-11-25 or later"
      ),
      (["--from", "2026-11-25", "--to", "2027-03-01"], 2, "end the window by then"),
      (["--from", "2026-11-25", "--to", "2026-11-30", "--show", "nope"], 65, "nope"),
      (
        ["--from", "2026-11-25", "--to", "2026-11-30", "--advertiser", "a", "--category", "b"], 2,
        "not both"
      ),
      (["--from", "2026-11-25", "--to", "2026-11-30", "--shares", "SHARES"], 65, "`default.pre`"),
    ])
  func refusals(arguments: [String], status: Int32, message: String) throws {
    let temp = try TemporaryDirectory()
    let db = try Self.sampleDatabase(temp)
    let shares = temp.path("avails.json")
    try #"{"default": {"pre": 2}}"#.write(toFile: shares, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(
      ["avails"] + arguments.map { $0 == "SHARES" ? shares : $0 } + ["--db", db])
    #expect(result.status == status, "\(result.stderr)")
    #expect(result.stderr.contains(message), "\(result.stderr)")
  }
}
