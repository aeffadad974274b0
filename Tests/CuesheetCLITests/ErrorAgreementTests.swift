import Application
import Avails
import Diagnostics
import Expressions
import Foundation
import Hummingbird
import Ingest
import Matchmaking
import Pipeline
import Store
import Testing

@testable import CuesheetCLI
@testable import Reports
@testable import Rules
@testable import Server

/// Every error case, classified once, gives the CLI's exit code and the API's status from the same
/// category; the pair is the one documented for that category in docs/architecture.md.
@Suite("one error classification: the CLI and the API agree")
struct ErrorAgreementTests {
  /// The documented (exit code, HTTP status) of each category.
  static let documented: [ErrorCategory: (Int32, Int)] = [
    .invalidRequest: (2, 400), .undefinedName: (2, 404), .invalidInput: (65, 422),
    .notFound: (65, 404), .conflict: (65, 409), .checkFailed: (1, 422), .busy: (74, 503),
    .io: (74, 500), .internal: (70, 500),
  ]

  /// One value of every case of every error type a use case can throw.
  static var examples: [any Error] {
    let diagnostic = Diagnostic(id: "check.no-such-field", message: "no field x")
    let flight = try! Flight(parsing: "2026-12-01..2026-12-31")
    let conflict = SeparationConflict(
      ioID: "IO-2", advertiserID: "adv-b", category: "finance", showID: "s", placement: .pre,
      flight: flight, status: .scheduled)
    let location = TemplateLocation(line: 1, column: 2)
    let row = RowError(file: "f.csv", line: 2, column: "day", value: "x", expected: "YYYY-MM-DD")
    var errors: [any Error] = [
      DiagnosticsError([diagnostic]),
      EvaluationError(.divideByZero, "division by zero"),
      RuleLoadError(diagnostics: [diagnostic]),
      RuleFileReadError(path: "r.rules", reason: "missing"),
      RuleFormatError(file: "r.rules", was: "default on", now: "default off"),
      FlagContextError("`env` in the context must be a string"),
      StoreError.databaseMissing(path: "x.db"),
      StoreError.notMigrated(path: "x.db", version: 1, latest: 4),
      StoreError.newerThanKnown(path: "x.db", version: 9, latest: 4),
      StoreError.unknownVersion(9, latest: 4),
      StoreError.wrongDirection("down"),
      StoreError.cannotOpen(path: "x.db", reason: "not a database"),
      TokenStore.TokenError.invalidName("a b"),
      TokenStore.TokenError.nameTaken("t"),
      TokenStore.TokenError.notFound("t"),
      ImportError.invalidRows(kind: .shows, file: "f.csv", errors: [row], total: 1),
      ImportError.badHeader(kind: .shows, file: "f.csv", problem: "missing show_id"),
      ImportError.malformedCSV(
        kind: .shows, file: "f.csv", error: .unterminatedQuote(line: 2, field: 1)),
      ImportError.cannotRead(path: "f.csv", reason: "missing"),
      ImportError.nothingToImport(directory: "d"),
      CSVError.unterminatedQuote(line: 1, field: 1),
      CSVError.textAfterClosingQuote(line: 1, field: 1),
      CSVError.cannotRead(path: "f.csv", reason: "missing"),
      PipelineError.campaignNotFound("c"), PipelineError.advertiserNotFound("a"),
      PipelineError.showNotFound("s"), PipelineError.ioNotFound("IO-1"),
      PipelineError.ioExists("IO-1"),
      PipelineError.moveRefused(campaign: "c", from: .lead, to: .closedWon, allowed: [.qualified]),
      PipelineError.reasonRequired(campaign: "c", to: .closedLost),
      PipelineError.actionRefused(io: "IO-1", action: .start, status: .draft, allowed: [.schedule]),
      PipelineError.campaignNotWon(io: "IO-1", campaign: "c", stage: .lead),
      PipelineError.separationConflict(io: "IO-1", conflicts: [conflict]),
      PipelineError.promoCodeInUse(code: "X", io: "IO-2", advertiser: "adv-b"),
      PipelineError.invalidArgument("flight start is not a date"),
      AvailsError.invalidRequest("the window ends before it starts"),
      AvailsError.settingsUnreadable(path: "avails.json", reason: "missing"),
      AvailsError.invalidSettings(path: "avails.json", key: "default.pre", problem: "too big"),
      AvailsError.noMetrics,
      AvailsError.backtestBeyondData(
        asOf: Day(parsing: "2026-11-01")!, weeks: 4, lastDay: Day(parsing: "2026-11-24")!),
      AvailsError.exceedsAvails(io: "IO-1", warnings: ["IO-1 wants 5 impressions"]),
      MatchmakingError.unknownAdvertiser("a"), MatchmakingError.unknownShow("s"),
      MatchmakingError.unknownRuleSet("x", available: ["default"]),
      MatchmakingError.evaluation(advertiser: "a", show: "s", message: "m", failedPairs: 1),
      ReportError.template(file: "t.md", location: location, message: "m"),
      ReportError.query(file: "t.md", location: location, query: "q", message: "m"),
      ReportError.unknownReport(name: "x", directory: "reports", known: ["ops"]),
      ReportError.schedule(file: "t.md", message: "m"),
      ReportError.io(path: "out", message: "m"),
      ReportError.warnings(["w"]),
      CronError("bad cron"),
      PDFError.engineMissing(engine: "weasyprint"),
      PDFError.engineFailed(engine: "weasyprint", status: 1, message: "m"),
      PDFError.io(path: "x.pdf", message: "m"),
      IODocumentError.unknownIO("IO-1"), IODocumentError.unknownCampaign("c"),
      IODocumentError.noLines(campaign: "c", reason: "all cancelled"),
      IODocumentError.draft(io: "IO-1"), IODocumentError.cancelled(io: "IO-1"),
      IODocumentError.missingField(io: "IO-1", status: "scheduled", field: "promo_code"),
      IODocumentError.terms(path: "t.json", message: "m"), IODocumentError.overflow("x"),
      IODocumentError.pdfDisabled(reason: "ENABLE_IO_PDF is off (reason OVERRIDE)"),
      IODocumentError.warnings([IODocumentWarning(id: "creative-due-past", ioID: nil, message: "m")]
      ),
      IODocumentError.unknownTemplate("fancy"), IODocumentError.noCanonicalContent(path: "x.md"),
      IODocumentError.unreadable(path: "x.pdf", message: "m"),
      IODocumentError.changedWhileExporting(scope: "IO-1", attempts: 3),
      ApplicationError.unknownFlag("F", source: "rules", suggestion: nil),
      ApplicationError.invalidContext("m"),
      ApplicationError.gateUndefined(flag: "ENABLE_MATCHMAKING", source: "rules"),
      ApplicationError.cannotWrite(path: "p", reason: "r"),
      ApplicationError.invalidValue(field: "limit", message: "m"),
      OpenFeatureError.parseError("m"), OpenFeatureError.invalidContext("m"),
      OpenFeatureError.targetingKeyMissing(flag: "F", message: "m"),
      OpenFeatureError.flagNotFound(key: "F", suggestion: nil), OpenFeatureError.general("m"),
      RulesDiffError.rulesDoNotLoad([.init(side: "head", diagnostics: [diagnostic])]),
      RulesDiffError.unknownRevision("nope", repository: "/repo"),
      RulesDiffError.notAGitWorkTree(path: "rules"),
      RulesDiffError.gitFailed(command: "git show", message: "m"),
      RulesDiffError.invalidContext(origin: "c.jsonl:2", message: "m"),
      RulesDiffError.cannotRead(path: "c.jsonl", reason: "missing"),
      CocoaError(.fileNoSuchFile),
    ]
    struct Unexpected: Error {}
    errors.append(Unexpected())
    return errors
  }

  @Test(
    "each error's exit code and HTTP status come from its one category",
    arguments: ErrorAgreementTests.examples.indices)
  func agree(index: Int) throws {
    let error = Self.examples[index]
    let failure = ClassifiedFailure(error)
    let (exit, status) = try #require(Self.documented[failure.category])
    let (_, code) = ExitStatus.describe(error)
    #expect(code.rawValue == exit, "\(type(of: error)) \(failure.code): exit \(code.rawValue)")
    let api = APIError.from(error)
    #expect(api.status.code == status, "\(type(of: error)) \(failure.code): HTTP \(api.status)")
    #expect(api.code == failure.code)
    #expect(!failure.code.isEmpty && failure.code.allSatisfy { $0.isLowercase || $0 == "_" })
  }

  @Test("every category has at least one error in it")
  func everyCategoryIsUsed() {
    let used = Set(Self.examples.map { ClassifiedFailure($0).category })
    #expect(used == Set(ErrorCategory.allCases))
  }

  @Test("the two tables agree for every category")
  func tables() {
    for category in ErrorCategory.allCases {
      let (exit, status) = Self.documented[category]!
      #expect(ExitStatus.code(for: category).rawValue == exit, "\(category)")
      #expect(APIError.status(for: category).code == status, "\(category)")
    }
  }

  /// Library messages name no command-line option (the API shows them too). The two exceptions
  /// are pinned word for word by older tests (ReportsTests, PipelineTests) and keep their text.
  @Test("library messages do not name command-line options")
  func noFlagsInLibraryMessages() {
    let pinned: Set<String> = ["document_draft", "reason_required"]
    for error in Self.examples {
      let failure = ClassifiedFailure(error)
      guard !pinned.contains(failure.code) else { continue }
      #expect(
        failure.message.range(of: #"(^|\s|`)--[a-z]"#, options: .regularExpression) == nil,
        "\(failure.code): \(failure.message)")
    }
  }
}
