import Application
import CuesheetTesting
import Diagnostics
import Foundation
import Rules
import Store
import Testing

/// OpenFeature (OFREP) evaluation as a use case, without HTTP: the context mapping, the reason
/// mapping, failures, the ETag and the JSON shapes.
@Suite("OpenFeature: context and reason mapping, bulk ETag")
struct OpenFeatureTests {
  static let shipped = try! RuleLoader.load(paths: [PackageRoot.path("rules")])
  /// The shipped flags and an analyst's own (an object-valued scheduled flag, a kill-switched one).
  static let withTools = try! RuleLoader.load(paths: [
    PackageRoot.path("rules"), PackageRoot.path("Tests/Fixtures/Flags/tools.rules"),
  ])

  /// Flags that exercise every reason and value type.
  static let custom = try! RuleLoader.load([
    SourceFile(
      name: "of.rules",
      text: """
        flag BY_USER {
          default off
          when env == "production" => rollout 50% by user.id
        }
        flag STATIC_ON {
          default on
        }
        flag NEEDS_BY_USER {
          requires BY_USER
          default on
        }
        flag NUMBERS {
          variants {
            small = 1
            ratio = 2.5
            none = null
            list = [1, 2]
          }
          default small
          when env == "ratio" => ratio
          when env == "none" => none
          when env == "list" => list
        }
        flag OLD {
          active until 2020-01-01T00:00:00Z
          default on
        }
        flag EVERYONE_SPLIT {
          variants {
            a = "a"
            b = "b"
          }
          default split by account.id { a 50%, b 50% }
        }
        flag CHECKS_TIER {
          default off
          when account.tier == "enterprise" => on
        }
        """)
  ])

  static func body(_ context: String) -> Data { Data(#"{"context": \#(context)}"#.utf8) }

  static func evaluate(
    _ flag: String, _ context: String, rules: RuleBook = shipped,
    overrides: FlagOverrides = .none
  ) -> OpenFeatureResolution {
    EvaluateOpenFeature().evaluate(
      flag: flag, .init(rules: rules, overrides: overrides, body: body(context)))
  }

  // MARK: - Context mapping

  /// An OFREP context and the Cuesheet context it maps to (nil when refused, with a fragment of
  /// the refusal).
  struct MappingCase: CustomTestStringConvertible, Sendable {
    let name: String
    let openFeature: String
    let cuesheet: String?
    let refusal: String?
    var testDescription: String { name }
  }

  static let mappings: [MappingCase] = [
    .init(
      name: "targetingKey is account.id", openFeature: #"{"targetingKey": "acme"}"#,
      cuesheet: #"{"account":{"id":"acme"},"user":{}}"#, refusal: nil),
    .init(
      name: "dotted and nested attributes merge",
      openFeature:
        #"{"targetingKey": "acme", "env": "production", "account.tier": "enterprise", "account": {"seats": 40}, "user.id": "u-7"}"#,
      cuesheet:
        #"{"account":{"id":"acme","seats":40,"tier":"enterprise"},"env":"production","user":{"id":"u-7"}}"#,
      refusal: nil),
    .init(
      name: "account.id alone is the targeting key", openFeature: #"{"account": {"id": "acme"}}"#,
      cuesheet: #"{"account":{"id":"acme"},"user":{}}"#, refusal: nil),
    .init(
      name: "an empty targetingKey is none", openFeature: #"{"targetingKey": "", "env": "ci"}"#,
      cuesheet: #"{"account":{},"env":"ci","user":{}}"#, refusal: nil),
    .init(
      name: "now passes through",
      openFeature: #"{"targetingKey": "a", "now": "2026-12-01T00:00:00Z"}"#,
      cuesheet: #"{"account":{"id":"a"},"now":"2026-12-01T00:00:00Z","user":{}}"#, refusal: nil),
    .init(
      name: "unknown attributes are named",
      openFeature: #"{"targetingKey": "a", "email": "x", "country": "CA"}"#,
      cuesheet: nil, refusal: "flags cannot see: country, email."),
    .init(
      name: "a misspelled map gets a suggestion", openFeature: #"{"acount.tier": "enterprise"}"#,
      cuesheet: nil, refusal: "Did you mean `account.tier`?"),
    .init(
      name: "a misspelled attribute gets a suggestion", openFeature: #"{"targetKey": "acme"}"#,
      cuesheet: nil, refusal: "Did you mean `targetingKey`?"),
    .init(
      name: "targetingKey and account.id must agree",
      openFeature: #"{"targetingKey": "a", "account.id": "b"}"#, cuesheet: nil,
      refusal: "disagree"),
    .init(
      name: "a key given twice", openFeature: #"{"account.tier": "x", "account": {"tier": "x"}}"#,
      cuesheet: nil, refusal: "is given twice"),
    .init(
      name: "env must be a string", openFeature: #"{"env": 3}"#, cuesheet: nil,
      refusal: "`env` must be a string"),
    .init(
      name: "targetingKey must be a string", openFeature: #"{"targetingKey": 7}"#, cuesheet: nil,
      refusal: "`targetingKey` must be a string"),
    .init(
      name: "account must be an object", openFeature: #"{"account": "acme"}"#, cuesheet: nil,
      refusal: "`account` must be an object"),
    .init(
      name: "a bare `account.` is unknown", openFeature: #"{"account.": 1}"#, cuesheet: nil,
      refusal: "cannot see: account."),
  ]

  @Test("OpenFeature attributes map to env, account.*, user.*, now", arguments: mappings)
  func mapping(_ example: MappingCase) throws {
    let attributes = try #require(
      JSONSerialization.jsonObject(with: Data(example.openFeature.utf8)) as? [String: Any])
    do {
      let mapped = try OpenFeatureContext.map(attributes)
      #expect(mapped.cuesheetJSON == example.cuesheet)
      if let cuesheet = example.cuesheet, cuesheet.contains(#""id""#) {
        #expect(mapped.targetingKey != nil)
      }
    } catch {
      let refusal = try #require(example.refusal, "refused: \(error)")
      guard case .invalidContext = error else {
        Issue.record("expected INVALID_CONTEXT, got \(error.errorCode)")
        return
      }
      #expect(error.description.contains(refusal), "\(error)")
    }
  }

  @Test("request bodies: PARSE_ERROR for non-JSON, no context is an empty one")
  func bodies() throws {
    for bad in ["", "nope", "[1]", "\"x\""] {
      #expect(throws: OpenFeatureError.self) { try OpenFeatureContext.parse(body: Data(bad.utf8)) }
      let result = EvaluateOpenFeature().evaluate(
        flag: "ENABLE_PACING_ALERTS", .init(rules: Self.shipped, body: Data(bad.utf8)))
      #expect(result.error?.errorCode == "PARSE_ERROR", "\(bad)")
    }
    #expect(
      try OpenFeatureContext.parse(body: Data("{}".utf8)).cuesheetJSON
        == #"{"account":{},"user":{}}"#)
    let notObject = EvaluateOpenFeature().evaluate(
      flag: "ENABLE_PACING_ALERTS", .init(rules: Self.shipped, body: Data(#"{"context": 1}"#.utf8)))
    #expect(notObject.error?.errorCode == "INVALID_CONTEXT")
    let badNow = Self.evaluate("ENABLE_PACING_ALERTS", #"{"now": "yesterday"}"#)
    #expect(badNow.error?.errorCode == "INVALID_CONTEXT")
    #expect(badNow.error?.description.contains("ISO 8601") == true)
  }

  // MARK: - Values and reasons

  @Test("the shipped flags: boolean, string and object values with their OFREP reasons")
  func shippedFlags() throws {
    let staging = Self.evaluate(
      "ENABLE_MATCHMAKING", #"{"targetingKey": "acme", "env": "staging"}"#)
    #expect(staging.value == .bool(true))
    #expect(staging.variant == "on")
    #expect(staging.reason == "TARGETING_MATCH")
    #expect(staging.metadata.first { $0.key == "rule_line" }?.value == .int(10))
    #expect(staging.metadata.first { $0.key == "rule_index" }?.value == .int(0))

    let noMatch = Self.evaluate("ENABLE_MATCHMAKING", #"{"targetingKey": "acme", "env": "ci"}"#)
    #expect(noMatch.value == .bool(false))
    #expect(noMatch.reason == "TARGETING_MATCH")
    #expect(noMatch.metadata.first?.value == .string("DEFAULT"))

    let template = Self.evaluate(
      "IO_TEMPLATE", #"{"targetingKey": "acme", "account.tier": "enterprise"}"#)
    #expect(template.value == .string("modern"))
    #expect(template.reason == "TARGETING_MATCH")

    let split = Self.evaluate("IO_TEMPLATE", #"{"targetingKey": "acme", "env": "production"}"#)
    #expect(split.reason == "SPLIT")
    #expect(split.metadata.contains { $0.key == "cuesheet_reason" && $0.value == .string("SPLIT") })

    let holiday = Self.evaluate(
      "SEASONAL_RATE_CARD", #"{"targetingKey": "acme", "now": "2026-12-01T00:00:00Z"}"#,
      rules: Self.withTools)
    #expect(holiday.value == .object(["uplift_percent": .int(15)]))
    #expect(holiday.variant == "holiday")
    #expect(holiday.reason == "STATIC")
    let after = Self.evaluate(
      "SEASONAL_RATE_CARD", #"{"targetingKey": "acme", "now": "2027-02-01T00:00:00Z"}"#,
      rules: Self.withTools)
    #expect(after.value == .object(["uplift_percent": .int(0)]))
    #expect(after.reason == "DISABLED")
    #expect(after.metadata.first?.value == .string("SCHEDULED_OFF"))

    let legacy = Self.evaluate(
      "RETIRED_UPLOADER", #"{"targetingKey": "acme"}"#, rules: Self.withTools)
    #expect(legacy.value == .bool(false))
    #expect(legacy.reason == "DISABLED")

    let pacing = Self.evaluate("ENABLE_PACING_ALERTS", #"{"targetingKey": "acme", "env": "ci"}"#)
    #expect(pacing.value == .bool(false))
    #expect(pacing.reason == "DISABLED")
    #expect(
      pacing.metadata.contains {
        $0.key == "cuesheet_reason" && $0.value == .string("PREREQUISITE_FAILED")
      })
    #expect(pacing.metadata.contains { $0.key == "message" })

    let overridden = Self.evaluate(
      "IO_TEMPLATE", #"{"targetingKey": "acme"}"#,
      overrides: FlagOverrides(values: ["IO_TEMPLATE": "modern"]))
    #expect(overridden.value == .string("modern"))
    #expect(overridden.reason == "STATIC")
    #expect(overridden.metadata.first?.value == .string("OVERRIDE"))
  }

  @Test("rollouts bucket the targeting key exactly as `flags eval` buckets account.id")
  func rolloutsAgreeWithFlagsEval() throws {
    var seen: Set<String> = []
    for account in (0..<40).map({ "acct-\($0)" }) {
      let open = Self.evaluate(
        "ENABLE_MATCHMAKING",
        #"{"targetingKey": "\#(account)", "env": "production", "account": {"tier": "enterprise"}}"#)
      let own = try EvaluateFlag().run(
        .init(
          rules: Self.shipped, rulesSource: "rules", flag: "ENABLE_MATCHMAKING",
          context:
            #"{"env": "production", "account": {"id": "\#(account)", "tier": "enterprise"}}"#))
      #expect(open.variant == own.result.variant, "\(account)")
      #expect(open.reason == "SPLIT")
      seen.insert(open.variant ?? "")
    }
    #expect(seen == ["on", "off"])
  }

  @Test("reasons: every Cuesheet reason maps to an allowed OFREP one; ERROR is a failure")
  func reasons() throws {
    let allowed: Set<String> = ["STATIC", "TARGETING_MATCH", "SPLIT", "DISABLED", "UNKNOWN"]
    let flag = try #require(Self.custom.flags.flag(named: "CHECKS_TIER"))
    for reason in FlagReason.allCases {
      let mapped = OpenFeatureReason.map(reason, flag: flag)
      if reason == .error {
        #expect(mapped == nil)
      } else {
        #expect(allowed.contains(try #require(mapped)), "\(reason)")
      }
    }
    let staticFlag = try #require(Self.custom.flags.flag(named: "STATIC_ON"))
    #expect(OpenFeatureReason.map(.default, flag: staticFlag) == "STATIC")
    let withPrerequisite = try #require(Self.custom.flags.flag(named: "NEEDS_BY_USER"))
    #expect(OpenFeatureReason.map(.default, flag: withPrerequisite) == "TARGETING_MATCH")
  }

  @Test("failures: FLAG_NOT_FOUND with a suggestion, TARGETING_KEY_MISSING, GENERAL")
  func failures() throws {
    let missing = Self.evaluate("ENABLE_MATCHMAKIN", #"{"targetingKey": "a"}"#)
    #expect(
      missing.error == .flagNotFound(key: "ENABLE_MATCHMAKIN", suggestion: "ENABLE_MATCHMAKING"))
    #expect(missing.error?.errorCode == "FLAG_NOT_FOUND")

    // The enterprise rollout buckets account.id; without a targeting key it cannot.
    let noKey = Self.evaluate(
      "ENABLE_MATCHMAKING", #"{"env": "production", "account": {"tier": "enterprise"}}"#)
    #expect(noKey.error?.errorCode == "TARGETING_KEY_MISSING")
    #expect(noKey.metadata.first?.value == .string("ERROR"))
    #expect(noKey.metadata.contains { $0.key == "rule_line" })

    // A flag that buckets by user.id with no user.id: the targeting key is there, so GENERAL.
    let noUser = Self.evaluate(
      "BY_USER", #"{"targetingKey": "acme", "env": "production"}"#, rules: Self.custom)
    #expect(noUser.error?.errorCode == "GENERAL")
    #expect(noUser.error?.description.contains("BY_USER could not be evaluated") == true)

    // A missing attribute in a condition: GENERAL, with the evaluation's message.
    let noTier = Self.evaluate("CHECKS_TIER", #"{"targetingKey": "acme"}"#, rules: Self.custom)
    #expect(noTier.error?.errorCode == "GENERAL")

    // Without a targeting key, a flag that does not bucket evaluates.
    let pdf = Self.evaluate("ENABLE_IO_PDF", #"{"env": "ci"}"#)
    #expect(pdf.value == .bool(false))
    #expect(pdf.reason == "TARGETING_MATCH")
  }

  @Test("value types: numbers, null (the code default), arrays refused; by user.id")
  func valueTypes() throws {
    let small = Self.evaluate("NUMBERS", #"{"targetingKey": "a", "env": "x"}"#, rules: Self.custom)
    #expect(small.value == .int(1))
    let ratio = Self.evaluate(
      "NUMBERS", #"{"targetingKey": "a", "env": "ratio"}"#, rules: Self.custom)
    #expect(ratio.value == .double(2.5))
    let none = Self.evaluate(
      "NUMBERS", #"{"targetingKey": "a", "env": "none"}"#, rules: Self.custom)
    #expect(none.succeeded)
    #expect(none.value == nil)
    #expect(none.variant == "none")
    #expect(!OFREPJSON.resolution(none).contains(#""value""#))
    let list = Self.evaluate(
      "NUMBERS", #"{"targetingKey": "a", "env": "list"}"#, rules: Self.custom)
    #expect(list.error?.errorCode == "GENERAL")
    #expect(list.error?.description.contains("JSON array") == true)

    var variants: Set<String> = []
    for user in 0..<30 {
      let result = Self.evaluate(
        "BY_USER", #"{"targetingKey": "acme", "env": "production", "user.id": "u-\#(user)"}"#,
        rules: Self.custom)
      #expect(result.reason == "SPLIT")
      variants.insert(result.variant ?? "")
    }
    #expect(variants == ["on", "off"], "by user.id buckets users, not the account")
  }

  // MARK: - Bulk and ETag

  static func bulk(
    _ context: String, rules: RuleBook = shipped, ifNoneMatch: String? = nil,
    now: Date = Date()
  ) -> EvaluateOpenFeature.BulkAnswer {
    EvaluateOpenFeature().evaluateAll(
      .init(rules: rules, body: body(context), now: now), ifNoneMatch: ifNoneMatch)
  }

  static func etag(_ answer: EvaluateOpenFeature.BulkAnswer) -> String? {
    if case .evaluated(_, let etag) = answer { return etag }
    return nil
  }

  @Test("bulk: every flag; the ETag follows the rules, the context and time, and answers 304")
  func bulkETag() throws {
    let context = #"{"targetingKey": "acme", "env": "production", "account.tier": "enterprise"}"#
    guard case .evaluated(let flags, let etag) = Self.bulk(context) else {
      Issue.record("not evaluated")
      return
    }
    #expect(flags.map(\.key) == Self.shipped.flags.flags.map(\.name))
    #expect(etag.hasPrefix("\"") && etag.hasSuffix("\"") && etag.count == 18)
    // The same context written differently: the same ETag.
    let same = #"{"account": {"tier": "enterprise"}, "env": "production", "targetingKey": "acme"}"#
    #expect(Self.etag(Self.bulk(same)) == etag)
    // Another context, other rules: another ETag.
    #expect(Self.etag(Self.bulk(#"{"targetingKey": "other", "env": "production"}"#)) != etag)
    let edited = try RuleLoader.load([
      SourceFile(
        name: "flags.rules",
        text: try String(contentsOfFile: PackageRoot.path("rules/flags.rules"), encoding: .utf8)
          + "\n# a reload\n")
    ])
    #expect(Self.etag(Self.bulk(context, rules: edited)) != etag)
    // A schedule boundary crossed: SEASONAL_RATE_CARD changes, so does the ETag.
    let during = Self.etag(
      Self.bulk(
        context, rules: Self.withTools,
        now: ISO8601DateFormatter().date(from: "2026-12-01T00:00:00Z")!))
    let later = Self.etag(
      Self.bulk(
        context, rules: Self.withTools,
        now: ISO8601DateFormatter().date(from: "2027-02-01T00:00:00Z")!))
    #expect(during != later)
    // If-None-Match: the current tag (strong, weak, in a list, or *) gives 304.
    for header in [etag, "W/\(etag)", "\"x\", \(etag)", "*"] {
      guard case .notModified(let current) = Self.bulk(context, ifNoneMatch: header) else {
        Issue.record("\(header) did not give notModified")
        continue
      }
      #expect(current == etag)
    }
    #expect(Self.etag(Self.bulk(context, ifNoneMatch: "\"0000000000000000\"")) == etag)
  }

  @Test("bulk: a bad context fails the whole request; a failing flag is one failed item")
  func bulkFailures() throws {
    guard case .failed(let error) = Self.bulk(#"{"targetingKey": "a", "plan": "free"}"#) else {
      Issue.record("a context with an unknown attribute was evaluated")
      return
    }
    #expect(error.errorCode == "INVALID_CONTEXT")
    guard
      case .evaluated(let flags, _) = Self.bulk(
        #"{"env": "production", "account": {"tier": "enterprise"}}"#)
    else {
      Issue.record("not evaluated")
      return
    }
    #expect(flags.filter { !$0.succeeded }.map(\.key) == ["ENABLE_MATCHMAKING"])
    // ENABLE_PACING_ALERTS requires ENABLE_MATCHMAKING, whose evaluation failed.
    #expect(flags.first { $0.key == "ENABLE_PACING_ALERTS" }?.reason == "DISABLED")
  }

  // MARK: - JSON

  @Test("JSON: OFREP's camelCase keys, sorted, escaped")
  func json() throws {
    let result = Self.evaluate(
      "IO_TEMPLATE", #"{"targetingKey": "acme", "account.tier": "enterprise"}"#)
    #expect(
      OFREPJSON.resolution(result)
        == #"{"key":"IO_TEMPLATE","metadata":{"cuesheet_reason":"TARGETING_MATCH","rule_index":0,"rule_line":28},"reason":"TARGETING_MATCH","value":"modern","variant":"modern"}"#
    )
    let missing = Self.evaluate("NOPE\"\n", "{}")
    #expect(
      OFREPJSON.resolution(missing)
        == #"{"errorCode":"FLAG_NOT_FOUND","errorDetails":"Flag 'NOPE\"\n' was not found in the loaded rule files.","key":"NOPE\"\n"}"#
    )
    let failure = OFREPJSON.failure(.invalidContext("x"))
    #expect(
      failure
        == #"{"errorCode":"INVALID_CONTEXT","errorDetails":"The evaluation context is not valid: x"}"#
    )
    let parsed =
      try JSONSerialization.jsonObject(
        with: Data(OFREPJSON.bulk([result, missing]).utf8)) as? [String: Any]
    #expect((parsed?["flags"] as? [Any])?.count == 2)
  }
}
