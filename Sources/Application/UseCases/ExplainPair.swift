import Expressions
import Matchmaking
import Rules
import Store

/// Explains one advertiser × show pair under a rule set: each requirement, signal and the score.
///
/// The pair comes from the store (built as a recalculation builds it) or as two JSON records.
///
/// ```swift
/// let explanation = try await ExplainPair(store: store).run(
///   .init(rules: book, pair: .stored(advertiser: "adv-velo", show: "night-shift")))
/// print(explanation.text)
/// ```
public struct ExplainPair: Sendable {
  /// Where the pair's records come from.
  public enum Pair: Sendable, Equatable {
    /// From the database, with the metrics window ending at `asOf` (default: the latest day).
    case stored(advertiser: String, show: String, asOf: Day? = nil)
    /// Two JSON objects; fields left out are zero or empty.
    case json(advertiser: String, show: String)
  }

  public struct Request: Sendable {
    public var rules: RuleBook
    public var ruleSet: String
    public var pair: Pair

    public init(rules: RuleBook, ruleSet: String = "default", pair: Pair) {
      self.rules = rules
      self.ruleSet = ruleSet
      self.pair = pair
    }
  }

  /// The database, needed only for ``Pair/stored(advertiser:show:asOf:)``.
  public let store: (@Sendable () throws -> CuesheetStore)?

  /// `store` opens the database when the pair comes from it (JSON pairs need no database).
  public init(store: (@Sendable () throws -> CuesheetStore)?) { self.store = store }

  public func run(_ request: Request) async throws -> PairExplanation {
    guard let ruleSet = request.rules.ruleSet(named: request.ruleSet) else {
      throw MatchmakingError.unknownRuleSet(
        request.ruleSet, available: request.rules.ruleSets.map(\.name))
    }
    let advertiser: Value
    let show: Value
    switch request.pair {
    case .stored(let advertiserID, let showID, let asOf):
      guard let open = store else {
        throw ApplicationError.invalidValue(
          field: "pair", message: "explaining a stored pair needs a database")
      }
      (advertiser, show) = try await MatchQueries.pair(
        store: try open(), advertiserID: advertiserID, showID: showID, asOf: asOf)
    case .json(let advertiserJSON, let showJSON):
      do {
        advertiser = try MatchInputs.record(MatchInputs.advertiser, json: advertiserJSON)
        show = try MatchInputs.record(MatchInputs.show, json: showJSON)
      } catch {
        throw ApplicationError.invalidValue(field: "pair", message: "\(error)")
      }
    }
    return PairExplanation(ruleSet: ruleSet, advertiser: advertiser, show: show)
  }
}
