import Application
import CuesheetTesting
import Foundation
import Ingest
import Matchmaking
import Reports
import Rules
import Store
import Testing

@Suite("Application use cases")
struct UseCaseTests {
  static func sampleStore() async throws -> (TemporaryDatabase, CuesheetStore) {
    try await RecalculateMatchesTests.sampleStore()
  }

  @Test("EvaluateFlag: value and reason; an unknown flag names the nearest one")
  func evaluateFlag() throws {
    let rules = try RuleLoader.load(paths: [PackageRoot.path("rules")])
    let answer = try EvaluateFlag().run(
      .init(
        rules: rules, rulesSource: "rules", flag: "ENABLE_MATCHMAKING",
        context: #"{"env": "staging"}"#, explain: true))
    #expect(answer.result.isOn)
    #expect(!answer.steps.isEmpty)
    #expect(
      throws: ApplicationError.unknownFlag(
        "ENABLE_MATCHMAKIN", source: "rules", suggestion: "ENABLE_MATCHMAKING")
    ) {
      _ = try EvaluateFlag().run(
        .init(rules: rules, rulesSource: "rules", flag: "ENABLE_MATCHMAKIN"))
    }
  }

  @Test(
    "ExportIODocument: the template IO_TEMPLATE picks and io-terms.json from the reports directory; ENABLE_IO_PDF refuses a PDF"
  )
  func exportIODocument() async throws {
    let (database, store) = try await Self.sampleStore()
    let export = ExportIODocument(store: store)
    let path = database.file("out/doc.md")
    var request = ExportIODocument.Request(
      scope: .io("IO-1001"), reportsDirectory: PackageRoot.path("reports"))
    request.output = { _ in path }
    let result = try await export.run(request)
    let markdown = try String(contentsOfFile: path, encoding: .utf8)
    #expect(markdown.contains("IO-1001"))
    #expect(markdown.contains("Revision \(try #require(result.document.revision))"))
    #expect(result.template == .classic)

    let rules = try RuleLoader.load(paths: [PackageRoot.path("rules")])
    request.flags = try IODocumentFlags.evaluate(
      rules, context: .json(#"{"env": "staging", "account": {"id": "a", "tier": "enterprise"}}"#))
    #expect(try await export.run(request).template == .modern)
    #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Key date"))

    request.format = .pdf
    request.flags = try IODocumentFlags.evaluate(
      rules, context: .json(#"{"env": "ci", "account": {}}"#))
    #expect(!request.flags.pdfAllowed)
    await #expect(throws: IODocumentError.self) { _ = try await export.run(request) }

    let campaign = try await export.firstExportableCampaign()
    #expect(campaign != nil)
    await #expect(throws: IODocumentError.self) {
      _ = try await export.run(
        .init(scope: .io("NOPE"), reportsDirectory: PackageRoot.path("reports")))
    }
  }

  @Test(
    "BuildClock honours CUESHEET_BUILD_TIME",
    arguments: [
      (["CUESHEET_BUILD_TIME": "2026-11-25T08:00:00Z"], "2026-11-25T08:00:00Z"),
      (["CUESHEET_BUILD_TIME": "2026-11-25"], "2026-11-25T00:00:00Z"),
    ] as [([String: String], String)])
  func buildClock(environment: [String: String], expected: String) {
    #expect(Timestamp.string(BuildClock.now(environment: environment)) == expected)
  }

  @Test("ImportCSV, QueryEvents and ListMatches on the samples")
  func importAndQuery() async throws {
    let (database, store) = try await Self.sampleStore()
    let events = try await QueryEvents(store: store).run(.init(type: "etl.*"))
    #expect(events.contains { $0.type == "etl.import_completed" })
    let limited = try await QueryEvents(store: store).run(.init(limit: 1))
    #expect(limited.count == 1)
    await #expect(throws: ApplicationError.self) {
      _ = try await QueryEvents(store: store).run(.init(limit: 0))
    }
    await #expect(throws: MatchmakingError.unknownAdvertiser("nope")) {
      _ = try await ListMatches(store: store).run(.init(advertiserID: "nope"))
    }
    #expect(try await ListMatches(store: store).run(.init(advertiserID: "adv-velo")).isEmpty)
    withExtendedLifetime(database) {}
  }

  @Test("ExplainPair from JSON records and from the store")
  func explainPair() async throws {
    let (database, store) = try await Self.sampleStore()
    let rules = try RuleLoader.load(paths: [PackageRoot.path("rules")])
    let fromJSON = try await ExplainPair(store: nil).run(
      .init(rules: rules, pair: .json(advertiser: "{}", show: "{}")))
    #expect(fromJSON.ruleSet == "default")
    let stored = try await ExplainPair(store: { store }).run(
      .init(rules: rules, pair: .stored(advertiser: "adv-velo", show: "night-shift")))
    #expect(stored.requirements.count == fromJSON.requirements.count)
    await #expect(throws: MatchmakingError.unknownShow("nope")) {
      _ = try await ExplainPair(store: { store }).run(
        .init(rules: rules, pair: .stored(advertiser: "adv-velo", show: "nope")))
    }
    withExtendedLifetime(database) {}
  }

  @Test("ManageTokens: create, list, revoke")
  func tokens() async throws {
    let database = try TemporaryDatabase()
    let tokens = ManageTokens(store: try database.openMigrated())
    guard case .created(let created) = try await tokens.run(.create(name: "sheets")) else {
      Issue.record("no token created")
      return
    }
    #expect(created.token.hasPrefix("cst_"))
    guard case .listed(let entries) = try await tokens.run(.list) else { return }
    #expect(entries.map(\.name) == ["sheets"])
    _ = try await tokens.run(.revoke(name: "sheets"))
    await #expect(throws: TokenStore.TokenError.notFound("sheets")) {
      _ = try await tokens.run(.revoke(name: "sheets"))
    }
  }
}
