import Foundation
import Store
import Testing

/// #14 "Flags that do what they say", end to end: `flags list` names what each flag gates,
/// `io list` obeys ENABLE_PACING_ALERTS, and every command evaluates flags for the same context.
@Suite("Flags gate what they say (#14)", .serialized)
struct FlagGatesCommandTests {
  /// A migrated database with the samples imported.
  static func database() throws -> (TemporaryDirectory, String) {
    let temp = try TemporaryDirectory()
    let db = temp.path("c.db")
    for arguments in [["db", "migrate", "--db", db], ["import", "samples", "--db", db]] {
      let result = try CLIRunner.run(arguments)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return (temp, db)
  }

  // MARK: - flags list

  @Test("flags list names the commands and routes each flag gates; a flag of one's own, none")
  func flagsListShowsGates() throws {
    let text = try CLIRunner.run([
      "flags", "list", "--rules", "rules", "--rules", "Tests/Fixtures/Flags/tools.rules",
    ])
    #expect(text.status == 0, "\(text.stderr)")
    let lines = text.stdout.split(separator: "\n").map(String.init)
    func gates(of flag: String) -> String? {
      guard let index = lines.firstIndex(where: { $0.hasPrefix(flag + "  ") }) else { return nil }
      return lines[(index + 1)...].first { $0.hasPrefix("    gates: ") }
    }
    #expect(
      gates(of: "ENABLE_MATCHMAKING")
        == "    gates: cuesheet match recalculate, cuesheet demo, POST /api/match/recalculate")
    #expect(
      gates(of: "ENABLE_IO_PDF") == "    gates: cuesheet io export, GET /api/v1/io/{id}/document")
    #expect(
      gates(of: "IO_TEMPLATE") == "    gates: cuesheet io export, GET /api/v1/io/{id}/document")
    #expect(gates(of: "ENABLE_PACING_ALERTS") == "    gates: cuesheet io list, GET /api/v1/io")
    #expect(gates(of: "SEASONAL_RATE_CARD") == "    gates: not used by Cuesheet")

    let json = try CLIRunner.run([
      "flags", "list", "--json", "--rules", "rules", "--rules", "Tests/Fixtures/Flags/tools.rules",
    ])
    guard case .array(let rows) = try JSONValue(parsing: json.stdout) else {
      Issue.record("not an array: \(json.stdout)")
      return
    }
    var byName: [String: JSONValue] = [:]
    for case .object(let row) in rows {
      if case .string(let name) = row["name"] { byName[name] = row["gates"] }
    }
    #expect(
      byName["ENABLE_PACING_ALERTS"]
        == .array([.string("cuesheet io list"), .string("GET /api/v1/io")]))
    #expect(byName["RETIRED_UPLOADER"] == .array([]))
  }

  @Test("the shipped flag file has only flags that gate something, in rules/ and its proposed copy")
  func shippedFlagsAllGate() throws {
    for path in ["rules", "samples/rules-proposed/flags.rules"] {
      let result = try CLIRunner.run(["flags", "list", "--rules", path])
      #expect(result.status == 0, "\(result.stderr)")
      #expect(!result.stdout.contains("not used by Cuesheet"), "\(path): \(result.stdout)")
      #expect(!result.stdout.contains("HOLIDAY_RATE_CARD"))
      #expect(!result.stdout.contains("LEGACY_CSV_UPLOADER"))
      let names = result.stdout.split(separator: "\n").filter { !$0.hasPrefix(" ") }
        .map { String($0.prefix { $0 != " " }) }
      #expect(
        names == ["ENABLE_MATCHMAKING", "ENABLE_IO_PDF", "IO_TEMPLATE", "ENABLE_PACING_ALERTS"],
        "\(path)")
    }
  }

  // MARK: - io list and ENABLE_PACING_ALERTS

  struct PacingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let environment: [String: String]
    let shown: Bool
    var testDescription: String { name }
  }

  @Test(
    "io list shows pacing exactly when ENABLE_PACING_ALERTS is on for the context",
    arguments: [
      PacingCase(
        name: "default context (development)", arguments: [], environment: [:], shown: true),
      PacingCase(
        name: "--env ci (matchmaking off)", arguments: ["--env", "ci"], environment: [:],
        shown: false),
      PacingCase(
        name: "CUESHEET_ENV=ci", arguments: [], environment: ["CUESHEET_ENV": "ci"], shown: false),
      PacingCase(
        name: "override off", arguments: [],
        environment: ["CUESHEET_FLAG_ENABLE_PACING_ALERTS": "off"], shown: false),
      PacingCase(
        name: "--ignore-overrides", arguments: ["--ignore-overrides"],
        environment: ["CUESHEET_FLAG_ENABLE_PACING_ALERTS": "off"], shown: true),
      PacingCase(
        name: "--env production --account network",
        arguments: ["--env", "production", "--account", "network"],
        environment: [:], shown: true),
      PacingCase(
        name: "a flag file without the flag",
        arguments: ["--rules", "Tests/Fixtures/Flags/tools.rules"],
        environment: [:], shown: false),
    ])
  func ioListPacing(_ pacing: PacingCase) throws {
    let (temp, db) = try Self.database()
    defer { withExtendedLifetime(temp) {} }
    let base = ["io", "list", "--db", db, "--status", "live", "--as-of", "2026-11-20"]
    let text = try CLIRunner.run(base + pacing.arguments, environment: pacing.environment)
    #expect(text.status == 0, "\(text.stderr)")
    let header = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
    let row = text.stdout.split(separator: "\n").first { $0.hasPrefix("IO-1001 ") }.map(String.init)
    if pacing.shown {
      #expect(header.hasSuffix("STATUS  DELIVERED  EXPECTED  PACING  ALERT"))
      let cells = row?.split(separator: /\s{2,}/).map(String.init) ?? []
      #expect(
        cells.suffix(5) == ["live", "40,198", "52,556", "76.5%", "under 90%"], "\(text.stdout)")
    } else {
      #expect(header.hasSuffix("STATUS"), "\(text.stdout)")
      #expect(!text.stdout.contains("PACING"))
    }
    let json = try CLIRunner.run(
      base + pacing.arguments + ["--json"], environment: pacing.environment)
    #expect(json.status == 0, "\(json.stderr)")
    guard case .array(let ios) = try JSONValue(parsing: json.stdout),
      case .object(let first) = ios.first
    else {
      Issue.record("not an array of objects: \(json.stdout)")
      return
    }
    #expect(first["io_id"] == .string("IO-1001"))
    if pacing.shown {
      #expect(first["pacing_alert"] == .bool(true))
      guard case .object(let delivery) = first["delivery"] else {
        Issue.record("no delivery: \(first)")
        return
      }
      #expect(delivery["delivered_impressions"] == .int(40198))
      #expect(delivery["pacing"] == .double(0.7649))
    } else {
      #expect(first["pacing_alert"] == nil)
      #expect(first["delivery"] == nil)
    }
  }

  // MARK: - One context rule

  struct ContextCase: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let environment: [String: String]
    /// ENABLE_MATCHMAKING for that context (rules/flags.rules).
    let matchmaking: Bool
    var testDescription: String { name }
  }

  @Test(
    "flags eval, flags explain, match recalculate and io list agree on the context",
    arguments: [
      ContextCase(name: "defaults", arguments: [], environment: [:], matchmaking: true),
      ContextCase(
        name: "CUESHEET_ENV=ci", arguments: [], environment: ["CUESHEET_ENV": "ci"],
        matchmaking: false),
      ContextCase(
        name: "CUESHEET_ENV=production, CUESHEET_ACCOUNT=acme", arguments: [],
        environment: ["CUESHEET_ENV": "production", "CUESHEET_ACCOUNT": "acme"], matchmaking: false),
      ContextCase(
        name: "CUESHEET_ENV=production, default account", arguments: [],
        environment: ["CUESHEET_ENV": "production"], matchmaking: true),
      ContextCase(
        name: "--env beats CUESHEET_ENV", arguments: ["--env", "staging"],
        environment: ["CUESHEET_ENV": "ci"], matchmaking: true),
      ContextCase(
        name: "--account beats CUESHEET_ACCOUNT",
        arguments: ["--env", "production", "--account", "network"],
        environment: ["CUESHEET_ACCOUNT": "acme"], matchmaking: true),
    ])
  func oneContextRule(_ context: ContextCase) throws {
    let (temp, db) = try Self.database()
    defer { withExtendedLifetime(temp) {} }
    let env = context.environment
    let eval = try CLIRunner.run(
      ["flags", "eval", "ENABLE_MATCHMAKING", "--json"] + context.arguments, environment: env)
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(
      (try JSONValue(parsing: eval.stdout))["value"] == .bool(context.matchmaking),
      "flags eval: \(eval.stdout)")
    let explain = try CLIRunner.run(
      ["flags", "explain", "ENABLE_MATCHMAKING"] + context.arguments, environment: env)
    #expect(
      explain.stdout.contains("ENABLE_MATCHMAKING = \(context.matchmaking)"), "\(explain.stdout)")
    let recalculate = try CLIRunner.run(
      ["match", "recalculate", "--dry-run", "--json", "--db", db] + context.arguments,
      environment: env)
    #expect(recalculate.status == 0, "\(recalculate.stderr)")
    #expect(
      (try JSONValue(parsing: recalculate.stdout))["ran"] == .bool(context.matchmaking),
      "match recalculate: \(recalculate.stdout)")
    // ENABLE_PACING_ALERTS requires ENABLE_MATCHMAKING (and is otherwise on).
    let list = try CLIRunner.run(
      ["io", "list", "--db", db, "--as-of", "2026-11-20"] + context.arguments, environment: env)
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("PACING") == context.matchmaking, "io list: \(list.stdout)")
  }
}

extension JSONValue {
  fileprivate subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }
}
