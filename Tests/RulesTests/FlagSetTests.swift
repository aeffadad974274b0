import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Rules

@Suite("FlagSet", .timeLimit(.minutes(20)))
struct FlagSetTests {
  static let now = Date(timeIntervalSince1970: 1_795_000_000)  // 2026-11-18T11:06:40Z

  func book(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> RuleBook {
    try RuleLoader.load([SourceFile(name: "t.rules", text: text)])
  }

  func evaluate(
    _ book: RuleBook, _ flag: String, _ context: String, overrides: FlagOverrides = .none
  )
    throws -> FlagResult
  {
    book.flags.evaluate(
      flag, in: try book.flags.context(json: context, now: Self.now), overrides: overrides)
  }

  @Test(
    "the evaluation order is override → kill switch → schedule → prerequisites → rules → default",
    arguments: [
      ("enabled false\n  default on", "{}", FlagReason.disabled, "off"),
      ("active from 2027-01-01T00:00:00Z\n  default on", "{}", .scheduledOff, "off"),
      ("active until 2026-01-01T00:00:00Z\n  default on", "{}", .scheduledOff, "off"),
      (
        "active from 2026-01-01T00:00:00Z until 2027-01-01T00:00:00Z\n  default on", "{}", .default,
        "on"
      ),
      ("requires OFF_FLAG\n  default on", "{}", .prerequisiteFailed, "off"),
      ("requires ON_FLAG\n  default on", "{}", .default, "on"),
      (
        "default off\n  when env == \"x\" => on\n  when true => off", #"{"env": "x"}"#,
        .targetingMatch, "on"
      ),
      ("default off\n  when env == \"x\" => on", #"{"env": "y"}"#, .default, "off"),
      ("default off\n  when account.tier == \"gold\" => on", #"{"env": "y"}"#, .error, "off"),
      (
        "default on\n  when account.seats > 10 => off", #"{"account": {"seats": 3}}"#, .default,
        "on"
      ),
      ("default off\n  when true => rollout 100% by \"u\"", "{}", .split, "on"),
      ("default off\n  when true => rollout 0% by \"u\"", "{}", .split, "off"),
    ])
  func order(body: String, context: String, reason: FlagReason, variant: String) throws {
    let book = try book(
      """
      flag OFF_FLAG {
        default off
      }
      flag ON_FLAG {
        default on
      }
      flag F {
        \(body)
      }
      """)
    let result = try evaluate(book, "F", context)
    #expect(result.reason == reason, "\(result)")
    #expect(result.variant == variant, "\(result)")
  }

  @Test("an override beats the kill switch; an unknown override variant is ignored")
  func overrides() throws {
    let book = try book("flag F {\n  enabled false\n  default off\n}\n")
    let on = try evaluate(book, "F", "{}", overrides: FlagOverrides(values: ["F": "on"]))
    #expect(on.reason == .override)
    #expect(on.isOn)
    let ignored = try evaluate(book, "F", "{}", overrides: FlagOverrides(values: ["F": "purple"]))
    #expect(ignored.reason == .disabled)
  }

  @Test("the process environment beats .env, which beats the rules")
  func overridePrecedence() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let dotEnv = directory.appendingPathComponent(".env").path
    try
      "# comment\nexport CUESHEET_FLAG_A=on\nCUESHEET_FLAG_B=\"modern\"\nCUESHEET_FLAG_C=off # trailing\nOTHER=1\n"
      .write(toFile: dotEnv, atomically: true, encoding: .utf8)
    let overrides = FlagOverrides.load(
      environment: ["CUESHEET_FLAG_A": "off", "PATH": "/bin"], dotEnvPath: dotEnv)
    #expect(overrides.values == ["A": "off", "B": "modern", "C": "off"])
  }

  @Test("variant splits use cumulative weights and report SPLIT with the rule's line")
  func split() throws {
    let book = try book(
      """
      flag IO_TEMPLATE {
        variants {
          classic = "classic"
          modern = "modern"
        }
        default classic
        when true => split by account.id { classic 50%, modern 50% }
      }
      """)
    // adv_0042 has bucket 5124 under IO_TEMPLATE: past the first 50% (5000), so modern.
    let result = try evaluate(book, "IO_TEMPLATE", #"{"account": {"id": "adv_0042"}}"#)
    #expect(result.variant == "modern")
    #expect(result.reason == .split)
    #expect(result.ruleLine == 7)
    #expect(result.ruleIndex == 0)
  }

  @Test("explain records each step and the unit's bucket")
  func explain() throws {
    let book = try book(
      """
      flag ENABLE_MATCHMAKING {
        default off
        when env == "staging" => on
        when account.tier == "enterprise" => rollout 25% by account.id
      }
      """)
    let context = try book.flags.context(
      json: #"{"env": "production", "account": {"id": "acme", "tier": "enterprise"}}"#,
      now: Self.now)
    let (result, steps) = book.flags.explain("ENABLE_MATCHMAKING", in: context)
    #expect(result.reason == .split)
    #expect(steps.map(\.result) == ["false", "true", "bucket 8390 of 10000, in when < 2500: out"])
  }

  @Test("contexts with unknown keys or bad values are refused with a hint")
  func badContexts() throws {
    let book = try book("flag F {\n}\n")
    #expect(throws: FlagContextError.self) { try book.flags.context(json: #"{"acount": {}}"#) }
    #expect(throws: FlagContextError.self) { try book.flags.context(json: "[1]") }
    #expect(throws: FlagContextError.self) { try book.flags.context(json: #"{"env": 3}"#) }
    #expect(throws: FlagContextError.self) { try book.flags.context(json: "{") }
  }

  @Test("`now` in a context is RFC 3339, with or without fractional seconds")
  func contextTimes() throws {
    let book = try book("flag F {\n}\n")
    let whole = try book.flags.context(json: #"{"now": "2026-11-25T12:00:00Z"}"#)
    #expect(whole.now == Date(timeIntervalSince1970: 1_795_608_000))
    let fractional = try book.flags.context(json: #"{"now": "2026-11-25T13:00:00.250+01:00"}"#)
    #expect(fractional.now == Date(timeIntervalSince1970: 1_795_608_000.25))
    #expect(throws: FlagContextError.self) {
      try book.flags.context(json: #"{"now": "yesterday"}"#)
    }
  }

  @Test(".env.example lists every shipped flag")
  func envExample() throws {
    let book = try RuleLoader.load(paths: [PackageRoot.path("rules")])
    let example = try String(contentsOfFile: PackageRoot.path(".env.example"), encoding: .utf8)
    for flag in book.flags.flags {
      #expect(example.contains("CUESHEET_FLAG_\(flag.name)="), "missing \(flag.name)")
    }
  }

  @Test("a flag condition that doubles a string is stopped by the cost limit (reason ERROR)")
  func stringWorkIsBounded() throws {
    let doubling =
      String(repeating: "(", count: 21) + "'aaaa'"
      + String(repeating: ".replace('a', 'aa'))", count: 21)
    let book = try book(
      """
      flag F {
        default off
        when size(\(doubling)) > 0 => on
      }
      """)
    let result = try evaluate(book, "F", "{}")
    #expect(result.reason == .error)
    #expect(result.message?.contains("cost limit") == true, "\(result.message ?? "")")
  }
}
