import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Rules
import Server
import Store
import Testing

/// `cuesheet serve` answers an OpenFeature client (OFREP) with the same values, variants and
/// reasons as `cuesheet flags eval` gives for the same context: every shipped flag, over a set of
/// contexts, the CLI run as a user would run it and the OFREP route called over the router.
@Suite("OFREP agrees with `cuesheet flags eval`")
struct OFREPAgreementTests {
  /// Cuesheet contexts, as `flags eval --context` takes them.
  static let contexts = [
    #"{"env": "production", "account": {"id": "acme", "tier": "enterprise"}}"#,
    #"{"env": "production", "account": {"id": "network"}}"#,
    #"{"env": "production", "account": {"id": "acct-7", "tier": "smb", "country": "CA"}, "now": "2026-11-20T10:00:00Z"}"#,
    #"{"env": "staging", "account": {"id": "acme"}}"#,
    #"{"env": "ci", "account": {}}"#,
    #"{"env": "ci", "account": {"id": "cuesheet-ops"}}"#,
    #"{"env": "production", "account": {"tier": "enterprise"}}"#,
    #"{"env": "development", "account": {"id": "42"}, "user": {"id": "u-1"}, "now": "2027-02-01T00:00:00Z"}"#,
    #"{"env": "production", "account": {"id": "globex", "tier": "enterprise"}, "now": "2026-11-14T23:59:59Z"}"#,
  ]

  /// The OpenFeature form of a Cuesheet context: `account.id` becomes the targeting key, the rest
  /// are attributes (the mapping docs/openfeature.md documents, written out independently here).
  static func openFeature(_ context: String) throws -> String {
    var object = try #require(
      JSONSerialization.jsonObject(with: Data(context.utf8)) as? [String: Any])
    if var account = object["account"] as? [String: Any], let id = account.removeValue(forKey: "id")
    {
      object["targetingKey"] = id
      object["account"] = account
    }
    return String(
      decoding: try JSONSerialization.data(withJSONObject: ["context": object]), as: UTF8.self)
  }

  /// The OFREP reason docs/openfeature.md gives for a Cuesheet reason.
  static func expectedReason(_ reason: String, staticDefault: Bool) -> String? {
    switch reason {
    case "TARGETING_MATCH": "TARGETING_MATCH"
    case "SPLIT": "SPLIT"
    case "DEFAULT": staticDefault ? "STATIC" : "TARGETING_MATCH"
    case "DISABLED", "SCHEDULED_OFF", "PREREQUISITE_FAILED": "DISABLED"
    case "OVERRIDE": "STATIC"
    default: nil
    }
  }

  @Test("every shipped flag, every context: the same value, variant and reason")
  func sameAnswers() async throws {
    // The shipped flags, and an analyst's own (a scheduled object flag, a kill-switched one) for
    // the DISABLED and SCHEDULED_OFF answers the shipped file no longer gives (#14).
    let rulesPaths = [
      PackageRoot.appending("rules").path,
      PackageRoot.appending("Tests/Fixtures/Flags/tools.rules").path,
    ]
    let book = try RuleLoader.load(paths: rulesPaths)
    let temp = try TemporaryDirectory()
    let store = try CuesheetStore.openUnchecked(path: temp.path("s.db"), create: true)
    _ = try Migrator().migrate(store, backupDirectory: temp.path("b"))
    let token = try TokenStore(store: store).create(name: "agreement", scope: .flagsRead).token
    var configuration = CuesheetServer.Configuration()
    configuration.dashboardsDirectory = temp.url.path
    configuration.reportsDirectory = PackageRoot.appending("reports").path
    let server = CuesheetServer(
      configuration: configuration, store: store, rules: RuleWatcher(paths: rulesPaths))
    let (compared, reasons) = try await server.application().test(.router) { client in
      var compared = 0
      var reasons: Set<String> = []
      for context in Self.contexts {
        let body = try Self.openFeature(context)
        for flag in book.flags.flags {
          let cli = try CLIRunner.run([
            "flags", "eval", flag.name, "--context", context, "--json", "--ignore-overrides",
            "--rules", rulesPaths[0], "--rules", rulesPaths[1],
          ])
          #expect(cli.status == 0, "\(flag.name) \(context): \(cli.stderr)")
          let own = try JSONValue(parsing: cli.stdout)
          let ofrep = try await client.execute(
            uri: "/ofrep/v1/evaluate/flags/\(flag.name)", method: .post,
            headers: [.authorization: "Bearer \(token)"], body: ByteBuffer(string: body)
          ) { response in
            (response.status, try JSONValue(parsing: String(buffer: response.body)))
          }
          let label = "\(flag.name) for \(context)"
          let reason = try #require(own["reason"]?.string)
          reasons.insert(reason)
          if reason == "ERROR" {
            // An evaluation error is an OFREP failure carrying the same message.
            #expect(ofrep.0 == .badRequest, "\(label)")
            #expect(
              ["GENERAL", "TARGETING_KEY_MISSING"].contains(ofrep.1["errorCode"]?.string ?? ""),
              "\(label)")
            let message = try #require(own["message"]?.string)
            #expect(ofrep.1["errorDetails"]?.string?.contains(message) == true, "\(label)")
            #expect(ofrep.1["metadata"]?["cuesheet_reason"]?.string == "ERROR", "\(label)")
          } else {
            #expect(ofrep.0 == .ok, "\(label): \(ofrep.1)")
            #expect(ofrep.1["value"] == own["value"], "\(label)")
            #expect(ofrep.1["variant"] == own["variant"], "\(label)")
            #expect(ofrep.1["metadata"]?["cuesheet_reason"]?.string == reason, "\(label)")
            let staticDefault = flag.rules.isEmpty && flag.prerequisites.isEmpty
            #expect(
              ofrep.1["reason"]?.string
                == Self.expectedReason(reason, staticDefault: staticDefault), "\(label)")
          }
          #expect(ofrep.1["metadata"]?["rule_line"] == own["rule_line"], "\(label)")
          #expect(ofrep.1["metadata"]?["rule_index"] == own["rule_index"], "\(label)")
          compared += 1
        }
      }
      return (compared, reasons)
    }
    #expect(compared == Self.contexts.count * book.flags.flags.count)
    // The contexts reach every kind of answer.
    #expect(
      reasons.isSuperset(of: [
        "TARGETING_MATCH", "SPLIT", "DEFAULT", "DISABLED", "SCHEDULED_OFF", "PREREQUISITE_FAILED",
        "ERROR",
      ]), "\(reasons.sorted())")
  }
}

extension JSONValue {
  fileprivate subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }
  fileprivate var string: String? { if case .string(let text) = self { text } else { nil } }
}
