import Foundation
import Testing

@Suite("cuesheet rules, flags and match", .timeLimit(.minutes(20)))
struct RulesCommandTests {
  @Test("rules check passes on the shipped rules and rules test runs their tests")
  func shippedRules() throws {
    let check = try CLIRunner.run(["rules", "check"])
    #expect(check.status == 0, "\(check.stderr)")
    #expect(check.stdout.contains("0 errors"))
    let test = try CLIRunner.run(["rules", "test"])
    #expect(test.status == 0, "\(test.stdout)")
    #expect(test.stdout.contains("0 failed"))
  }

  @Test("a broken rule file: exit 65, every error with file:line:column, a caret and a hint")
  func brokenRules() throws {
    let temp = try TemporaryDirectory()
    let path = temp.path("bad.rules")
    try """
    matchmaking m {
      require "audience": show.downlods_30d >= 1000
      signal "s" weight 1: show.cpm + 1
    }
    """.write(toFile: path, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["rules", "check", path])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(path):2:23"), "\(result.stderr)")
    #expect(result.stderr.contains("did you mean `downloads_30d`?"), "\(result.stderr)")
    #expect(result.stderr.contains("^"))
    #expect(result.stderr.contains("\(path):3:24"), "\(result.stderr)")
    #expect(result.stdout.contains("2 errors"))
  }

  @Test("a failing rule test: exit 1 with expected vs actual")
  func failingRuleTest() throws {
    let temp = try TemporaryDirectory()
    try """
    flag F {
      default off
    }
    test "F is on" {
      flag F
      expect on reason DEFAULT
    }
    """.write(toFile: temp.path("f.rules"), atomically: true, encoding: .utf8)
    let result = try CLIRunner.run(["rules", "test", temp.url.path])
    #expect(result.status == 1)
    #expect(result.stdout.contains("expected value on, got false"), "\(result.stdout)")
  }

  @Test("flags eval prints value, variant and reason; --json too; overrides win")
  func flagsEval() throws {
    let context = #"{"env": "production", "account": {"id": "acme", "tier": "enterprise"}}"#
    let text = try CLIRunner.run(["flags", "eval", "ENABLE_MATCHMAKING", "--context", context])
    #expect(text.status == 0, "\(text.stderr)")
    #expect(text.stdout.contains("reason SPLIT"), "\(text.stdout)")
    let json = try CLIRunner.run([
      "flags", "eval", "ENABLE_MATCHMAKING", "--context", context, "--json",
    ])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["reason"] as? String == "SPLIT")
    #expect(object?["value"] as? Bool == false)
    let forced = try CLIRunner.run(
      ["flags", "eval", "ENABLE_MATCHMAKING", "--context", context],
      environment: ["CUESHEET_FLAG_ENABLE_MATCHMAKING": "on"])
    #expect(forced.stdout.contains("reason OVERRIDE"), "\(forced.stdout)")
    let explain = try CLIRunner.run([
      "flags", "explain", "ENABLE_MATCHMAKING", "--context", context,
    ])
    #expect(explain.stdout.contains("bucket 8390 of 10000"), "\(explain.stdout)")
  }

  @Test("an unknown flag or a bad context is a usage error with a hint")
  func flagsErrors() throws {
    let unknown = try CLIRunner.run(["flags", "eval", "ENABLE_MATCHMAKIN"])
    #expect(unknown.status == 2)
    #expect(unknown.stderr.contains("did you mean ENABLE_MATCHMAKING?"))
    let context = try CLIRunner.run([
      "flags", "eval", "IO_TEMPLATE", "--context", #"{"acount": {}}"#,
    ])
    #expect(context.status == 2)
    #expect(context.stderr.contains("did you mean `account`?"))
  }

  @Test("match recalculate with the gate off changes nothing and exits 0; on, it writes matches")
  func matchGate() throws {
    let temp = try TemporaryDirectory()
    let db = temp.path("m.db")
    #expect(try CLIRunner.run(["db", "migrate", "--db", db]).status == 0)
    let imported = try CLIRunner.run(["import", "samples", "--db", db])
    #expect(imported.status == 0, "\(imported.stderr)")
    let off = try CLIRunner.run([
      "match", "recalculate", "--db", db, "--env", "production", "--account", "initech",
    ])
    #expect(off.status == 0, "\(off.stderr)")
    #expect(off.stdout.contains("matchmaking is off"), "\(off.stdout)")
    #expect(off.stdout.contains("reason DEFAULT"))
    let events = try CLIRunner.run(["events", "--db", db, "--type", "match.*"])
    #expect(events.stdout.contains("no events"))
    let on = try CLIRunner.run(["match", "recalculate", "--db", db, "--env", "staging"])
    #expect(on.status == 0, "\(on.stderr)")
    #expect(on.stdout.contains("recalculated 10 advertisers × 12 shows"), "\(on.stdout)")
    let list = try CLIRunner.run([
      "match", "list", "--db", db, "--advertiser", "adv-velo", "--json",
    ])
    #expect(list.status == 0)
    let matches = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
    #expect(!(matches ?? []).isEmpty)
    let again = try CLIRunner.run([
      "match", "recalculate", "--db", db, "--env", "staging", "--dry-run",
    ])
    #expect(again.stdout.contains("no ranking changes"), "\(again.stdout)")
    let unknown = try CLIRunner.run(["match", "list", "--db", db, "--advertiser", "nope"])
    #expect(unknown.status == 65)
  }
}
