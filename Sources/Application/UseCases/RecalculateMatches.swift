import Expressions
import Foundation
import Matchmaking
import Rules
import Store

/// Recalculates advertiser × show matches behind the `ENABLE_MATCHMAKING` gate:
/// `cuesheet match recalculate` and `POST /api/match/recalculate`.
///
/// The gate is evaluated with the request's context; without one, the run's context is
/// `{"env": $CUESHEET_ENV or "development", "account": {"id": $CUESHEET_ACCOUNT or "network"}}`.
/// Rule files that do not define the gate flag are refused (nothing runs ungated). A gate that is
/// off is not an error: the outcome says `ran == false` and nothing changes.
///
/// ```swift
/// let outcome = try await RecalculateMatches(store: store).run(
///   .init(rules: book, rulesSource: "rules/", context: .defaults(env: "staging")))
/// ```
public struct RecalculateMatches: Sendable {
  /// The gate's context: ``FlagRunContext``, the one context rule of every command (#14).
  public typealias GateContext = FlagRunContext

  public struct Request: Sendable {
    /// The loaded rule files (flags and matchmaking rule sets).
    public var rules: RuleBook
    /// Where they came from, for messages (`rules/flags.rules`, `the loaded rule files`).
    public var rulesSource: String
    public var context: GateContext
    public var overrides: FlagOverrides
    public var ruleSet: String
    /// Only these advertisers (the others keep their matches); `nil` is every advertiser.
    public var advertiserIDs: [String]?
    public var asOf: Day?
    public var workers: Int?
    public var dryRun: Bool

    public init(
      rules: RuleBook, rulesSource: String, context: GateContext = .defaults(),
      overrides: FlagOverrides = .none, ruleSet: String = "default",
      advertiserIDs: [String]? = nil, asOf: Day? = nil, workers: Int? = nil, dryRun: Bool = false
    ) {
      self.rules = rules
      self.rulesSource = rulesSource
      self.context = context
      self.overrides = overrides
      self.ruleSet = ruleSet
      self.advertiserIDs = advertiserIDs
      self.asOf = asOf
      self.workers = workers
      self.dryRun = dryRun
    }
  }

  public let store: CuesheetStore
  let environment: [String: String]

  public init(
    store: CuesheetStore, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.store = store
    self.environment = environment
  }

  /// Evaluates the gate and, when it is on, scores and (unless a dry run) replaces the matches.
  public func run(_ request: Request) async throws -> RecalculationOutcome {
    let gate = ShippedFlag.matchmaking.name
    guard request.rules.flags.flag(named: gate) != nil else {
      throw ApplicationError.gateUndefined(flag: gate, source: request.rulesSource)
    }
    let context = try FlagContexts.bind(contextJSON(request.context), in: request.rules)
    var options = RecalculationOptions()
    options.ruleSet = request.ruleSet
    options.advertiserIDs = request.advertiserIDs
    options.asOf = request.asOf
    options.workers = request.workers
    options.dryRun = request.dryRun
    return try await MatchRecalculation.run(
      store: store, rules: request.rules, gateContext: context, overrides: request.overrides,
      options: options)
  }

  /// The context's JSON text.
  func contextJSON(_ context: GateContext) throws -> String {
    try context.json(environment: environment)
  }
}

/// Binding flag contexts, with one error for a context that does not bind.
enum FlagContexts {
  static func bind(_ json: String, in book: RuleBook) throws -> FlagContext {
    do {
      return try book.flags.context(json: json)
    } catch {
      throw ApplicationError.invalidContext("\(error)")
    }
  }
}
