import Matchmaking

/// A `match recalculate` outcome: `cuesheet match recalculate --json` and
/// `POST /api/match/recalculate`.
public struct RecalculationJSON: Encodable, Sendable {
  public let gate: FlagResultJSON
  public let ran: Bool
  public let dryRun: Bool
  public let ruleSet: String
  public let ruleHash: String
  public let asOf: String?
  public let advertisers: Int
  public let shows: Int
  public let pairsEvaluated: Int
  public let pairsKept: Int
  public let durationMs: Int
  public let changes: [RankingChange]

  public init(_ outcome: RecalculationOutcome) {
    gate = FlagResultJSON(outcome.gate)
    ran = outcome.ran
    dryRun = outcome.dryRun
    ruleSet = outcome.ruleSet
    ruleHash = outcome.ruleHash
    asOf = outcome.asOf?.description
    advertisers = outcome.advertisers
    shows = outcome.shows
    pairsEvaluated = outcome.pairsEvaluated
    pairsKept = outcome.pairsKept
    durationMs = outcome.durationMS
    changes = outcome.changes
  }
}
