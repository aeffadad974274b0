import Application
import CuesheetTesting
import Foundation
import Ingest
import Matchmaking
import Rules
import Store
import Testing

@Suite("RecalculateMatches: the gate, its defaults and its refusal")
struct RecalculateMatchesTests {
  /// A migrated database with the samples imported.
  static func sampleStore() async throws -> (TemporaryDatabase, CuesheetStore) {
    let database = try TemporaryDatabase()
    let store = try database.openMigrated()
    _ = try await ImportCSV(store: store).run(
      .init(source: .directory(PackageRoot.path("samples"))))
    return (database, store)
  }

  static func shippedRules() throws -> RuleBook {
    try RuleLoader.load(paths: [PackageRoot.path("rules")])
  }

  @Test(
    "without a context the gate sees $CUESHEET_ENV / $CUESHEET_ACCOUNT, else development / network",
    arguments: [
      ([:], true, "TARGETING_MATCH"),
      (["CUESHEET_ENV": "production", "CUESHEET_ACCOUNT": "initech"], false, "DEFAULT"),
      (["CUESHEET_ENV": "production"], true, "TARGETING_MATCH"),
    ] as [([String: String], Bool, String)])
  func defaults(environment: [String: String], ran: Bool, reason: String) async throws {
    let (database, store) = try await Self.sampleStore()
    let outcome = try await RecalculateMatches(store: store, environment: environment).run(
      .init(rules: try Self.shippedRules(), rulesSource: "rules", dryRun: true))
    #expect(outcome.ran == ran)
    #expect(outcome.gate.reason.rawValue == reason)
    withExtendedLifetime(database) {}
  }

  @Test("rule files without ENABLE_MATCHMAKING are refused, whatever the context")
  func undefinedGate() async throws {
    let (database, store) = try await Self.sampleStore()
    let rules = try RuleLoader.load(paths: [PackageRoot.path("rules/matchmaking.rules")])
    for context in [RecalculateMatches.GateContext.defaults(), .json(#"{"env": "staging"}"#)] {
      await #expect(
        throws: ApplicationError.gateUndefined(flag: "ENABLE_MATCHMAKING", source: "m.rules")
      ) {
        _ = try await RecalculateMatches(store: store).run(
          .init(rules: rules, rulesSource: "m.rules", context: context))
      }
    }
    let events = try await QueryEvents(store: store).run(.init(type: "match.*"))
    #expect(events.isEmpty)
    withExtendedLifetime(database) {}
  }

  @Test("a context that does not bind is invalid input, with the checker's hint")
  func badContext() async throws {
    let (database, store) = try await Self.sampleStore()
    do {
      _ = try await RecalculateMatches(store: store).run(
        .init(
          rules: try Self.shippedRules(), rulesSource: "rules",
          context: .json(#"{"acount": {}}"#)))
      Issue.record("a misspelled context key was accepted")
    } catch let error as ApplicationError {
      guard case .invalidContext(let message) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(message.contains("did you mean `account`?"), "\(message)")
    }
    withExtendedLifetime(database) {}
  }
}
