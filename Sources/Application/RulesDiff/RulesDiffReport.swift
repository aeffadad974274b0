import Reports
import Store

/// What a rule change does: `cuesheet rules diff`'s result, the `--json` document and the source
/// of the terminal summary and the HTML review page.
///
/// The JSON shape (snake_case keys) is documented in docs/rule-files.md, "Reviewing a change";
/// ``schemaVersion`` changes when a key is renamed or removed (keys may be added).
public struct RulesDiffReport: Sendable, Encodable {
  /// The version of this shape.
  public static let currentSchemaVersion = 1

  /// Where one side's rules came from.
  public struct Side: Sendable, Encodable {
    /// `HEAD`, `main~2`, a base directory or the `--rules` paths.
    public let label: String
    /// The files loaded, as named in diagnostics (`HEAD:rules/flags.rules`).
    public let files: [String]
  }

  public let schemaVersion: Int
  public let base: Side
  public let head: Side
  /// True when anything differs: a flag or rule set added, removed or redefined, a context whose
  /// value changed, a pair whose outcome or score changed.
  public let changed: Bool
  public let flags: FlagsDiff
  public let matchmaking: MatchmakingDiff
  /// Advertisers detailed per rule set (largest changes first); counts always cover everything.
  public let limit: Int
  /// When the diff ran and on which data, for the HTML page's footer (not in the JSON).
  public let provenance: Provenance

  enum CodingKeys: String, CodingKey {
    case schemaVersion, base, head, changed, flags, matchmaking, limit
  }
}

// MARK: - Flags

/// How every flag's value changes over a population of contexts.
public struct FlagsDiff: Sendable, Encodable {
  /// `database` (advertisers × environments) or `contexts_file`.
  public let population: String
  public let contexts: Int
  /// The environments of a `database` population (those the rules compare `env` with).
  public let environments: [String]
  /// Flags only in the head rules, and only in the base rules.
  public let added: [String]
  public let removed: [String]
  /// Flags whose definition changed but whose value changed for no context.
  public let definitionOnly: [String]
  /// Flags whose value changed for at least one context, most contexts first.
  public let changed: [FlagChange]
  /// Flags defined the same way on both sides with no context changed.
  public let unchanged: Int

  var hasChanges: Bool {
    !added.isEmpty || !removed.isEmpty || !definitionOnly.isEmpty || !changed.isEmpty
  }
}

/// One flag whose value changed for some contexts.
public struct FlagChange: Sendable, Encodable {
  public struct Transition: Sendable, Encodable, Equatable {
    /// The variants served before and after (`off` → `on`).
    public let from: String
    public let to: String
    public let count: Int
  }

  /// One evaluation of an example.
  public struct Evaluation: Sendable, Encodable {
    public let variant: String
    public let value: JSONValue
    public let reason: String
    /// The `when` line that decided (`TARGETING_MATCH`, `SPLIT`), in ``file``.
    public let ruleLine: Int?
    public let file: String
    public let message: String?
  }

  public struct Example: Sendable, Encodable {
    public let context: JSONValue
    public let before: Evaluation
    public let after: Evaluation
  }

  public let flag: String
  public let definitionChanged: Bool
  /// Contexts whose served value changed.
  public let contextsChanged: Int
  /// Contexts served the same value for another reason or by another `when` rule (by position).
  public let reasonOnly: Int
  /// By pair of variants, most first.
  public let transitions: [Transition]
  /// The first contexts that changed, in population order (at most 5).
  public let examples: [Example]
}

// MARK: - Matchmaking

/// Every rule set present on both sides, scored over the same data with both versions.
public struct MatchmakingDiff: Sendable, Encodable {
  /// The last day of the 30-day metrics window the shows were built with.
  public let asOf: String
  public let advertisers: Int
  public let shows: Int
  public let ruleSetsAdded: [String]
  public let ruleSetsRemoved: [String]
  public let ruleSets: [RuleSetDiff]
}

/// One rule set, before and after.
public struct RuleSetDiff: Sendable, Encodable {
  /// A pair and its score on both sides.
  public struct PairDelta: Sendable, Encodable {
    public let advertiserID: String
    public let showID: String
    public let before: Double
    public let after: Double
    public let delta: Double
  }

  /// A pair whose outcome changed, described on both sides.
  public struct PairExample: Sendable, Encodable {
    public let advertiserID: String
    public let showID: String
    public let before: String
    public let after: String
  }

  /// Pairs whose requirement outcome changed, for one requirement (matched by its reason text).
  public struct RequirementChange: Sendable, Encodable {
    public let requirement: String
    /// Its line in the head rules (the base's when removed).
    public let line: Int?
    /// Pairs this requirement rejects after but not before.
    public let newlyRejected: Int
    /// Pairs it rejected before but not after.
    public let noLongerRejected: Int
    /// The first such pairs (at most 5; advertisers in id order, shows in id order).
    public let examples: [PairExample]
  }

  public let name: String
  public let definitionChanged: Bool
  /// `top N per advertiser` before and after (nil: no limit).
  public let topBefore: Int?
  public let topAfter: Int?
  public let pairsEvaluated: Int
  /// Pairs whose outcome (kept, under the threshold, rejected by which requirement, error)
  /// changed.
  public let pairsChanged: Int
  /// Pairs passing everything (before top-N), and matches kept (after top-N).
  public let keptBefore: Int
  public let keptAfter: Int
  public let matchesBefore: Int
  public let matchesAfter: Int
  /// Pairs moving under the keep threshold, and over it.
  public let newlyDropped: Int
  public let newlyKept: Int
  public let errorsBefore: Int
  public let errorsAfter: Int
  /// Pairs with a score on both sides, and those whose score changed.
  public let scoredOnBoth: Int
  public let scoreChanged: Int
  /// Over the pairs scored on both sides: mean of `after − before` and of its absolute value.
  public let meanScoreDelta: Double
  public let meanAbsoluteScoreDelta: Double
  /// The pair whose score moved most.
  public let maxScoreDelta: PairDelta?
  public let requirements: [RequirementChange]
  /// Advertisers whose ranking changed (a show entering, leaving or changing rank).
  public let advertisersChanged: Int
  /// Advertisers whose top 5 (the shows, in order) changed, and the first of them by id.
  public let top5Changed: Int
  public let top5ChangedAdvertisers: [String]
  /// The advertisers with the largest changes (entering + leaving, then rank moves, then score
  /// deltas), at most `limit`.
  public let advertisers: [AdvertiserDiff]

  var hasChanges: Bool {
    definitionChanged || pairsChanged > 0 || scoreChanged > 0 || advertisersChanged > 0
  }
}

/// How one advertiser's ranking changes.
public struct AdvertiserDiff: Sendable, Encodable {
  /// A show entering or leaving the top N.
  public struct Entry: Sendable, Encodable {
    public let showID: String
    /// Its rank and score on the side where it is ranked.
    public let rank: Int
    public let score: Double
    /// What it is on the other side: `kept at 0.66, outside the top 20`, `under the keep threshold
    /// (0.58)`, `rejected: audience minimum`, `error: …`.
    public let otherSide: String
  }

  /// A show ranked on both sides whose rank changed.
  public struct Move: Sendable, Encodable {
    public let showID: String
    public let from: Int
    public let to: Int
    public let scoreBefore: Double
    public let scoreAfter: Double
  }

  /// One signal's part of a score: value × weight = contribution (nil where the side lacks the
  /// signal or the pair was not scored).
  public struct SignalContribution: Sendable, Encodable {
    public let signal: String
    public let weightBefore: Double?
    public let valueBefore: Double?
    public let contributionBefore: Double?
    public let weightAfter: Double?
    public let valueAfter: Double?
    public let contributionAfter: Double?
  }

  /// Why a show moved: each signal's contribution before and after.
  public struct Explanation: Sendable, Encodable {
    public let showID: String
    public let rankBefore: Int?
    public let rankAfter: Int?
    public let before: String
    public let after: String
    public let scoreBefore: Double?
    public let scoreAfter: Double?
    public let signals: [SignalContribution]
  }

  public let advertiserID: String
  public let top5Changed: Bool
  /// Shows entering the top N (ranked after), and leaving it (ranked before).
  public let entering: [Entry]
  public let leaving: [Entry]
  /// Largest rank change first.
  public let moves: [Move]
  /// Shows keeping their rank with another score.
  public let rescored: Int
  /// The (at most 3) ranked shows whose score moved most, with per-signal contributions.
  public let largestMoves: [Explanation]
}
