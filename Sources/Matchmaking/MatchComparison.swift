import Expressions
import Foundation
import Rules

/// What became of one pair under one rule set, reduced to what two rule sets can be compared on.
public enum PairState: Hashable, Sendable {
  /// Passed every requirement and the keep threshold.
  case kept
  /// Passed the requirements, scored under the keep threshold.
  case dropped
  /// Rejected by the requirement at this index (of that side's rule set).
  case rejected(Int)
  /// An expression failed.
  case error

  public init(_ outcome: PairOutcome) {
    switch outcome {
    case .kept: self = .kept
    case .dropped: self = .dropped
    case .rejected(let index): self = .rejected(index)
    case .error: self = .error
    }
  }
}

/// A pair whose state differs between the two rule sets.
public struct StateChange: Hashable, Sendable {
  public let before: PairState
  public let after: PairState
}

/// One advertiser scored with two rule sets over the same shows, in one pass.
public struct AdvertiserComparison: Sendable {
  public let advertiserID: String
  /// The advertiser scored with the base rule set (ranking cut to its `top N`).
  public let base: AdvertiserResult
  /// The advertiser scored with the head rule set.
  public let head: AdvertiserResult
  /// Pairs whose state changed, counted by change.
  public let changes: [StateChange: Int]
  /// The first shows (in show order) of each change, at most ``MatchComparison/exampleLimit``.
  public let examples: [StateChange: [String]]
  /// Pairs with a score on both sides (kept or dropped on both).
  public let scoredOnBoth: Int
  /// Pairs scored on both sides whose score differs (by more than ``MatchComparison/scoreTolerance``).
  public let scoreChanged: Int
  /// The sum of `head − base` and of `|head − base|` over the pairs scored on both sides.
  public let deltaSum: Double
  public let absoluteDeltaSum: Double
  /// The pair with the largest `|head − base|` (the first in show order on ties), if any differs.
  public let largestDelta: (showID: String, before: Double, after: Double)?
}

/// Scores every advertiser × show pair with two rule sets at once, for `cuesheet rules diff`.
///
/// Each advertiser's two rule sets are specialised once and every show is evaluated with both in
/// the same loop, so a comparison costs about two dry-run recalculations and keeps no per-pair
/// table: only each side's top N (as ``MatchEngine`` ranks them), counts of changed states and the
/// first few examples of each change. Results come back in advertiser order whatever the number of
/// workers.
public enum MatchComparison {
  /// Examples kept per kind of state change and advertiser.
  public static let exampleLimit = 5
  /// Score differences at or under this are rounding, not change: `0.35 + 0.25` and
  /// `0.25 + 0.35` differ in the last bit.
  public static let scoreTolerance = 1e-9

  /// Compares `base` and `head` over `advertisers × shows`.
  public static func compare(
    base: RuleSet, head: RuleSet, advertisers: [MatchSubject], shows: [MatchSubject],
    workers: Int? = nil
  ) async -> [AdvertiserComparison] {
    await MatchEngine.parallelMap(advertisers, shows: shows, workers: workers) {
      advertiser, shows in
      compareAdvertiser(base: base, head: head, advertiser, shows)
    }
  }

  /// Compares one advertiser against every show (single-threaded).
  public static func compareAdvertiser(
    base: RuleSet, head: RuleSet, _ advertiser: MatchSubject, _ shows: [MatchSubject]
  ) -> AdvertiserComparison {
    var baseSide = AdvertiserScorer(base, advertiser)
    var headSide = AdvertiserScorer(head, advertiser)
    var changes: [StateChange: Int] = [:]
    var examples: [StateChange: [String]] = [:]
    var scoredOnBoth = 0
    var scoreChanged = 0
    var deltaSum = 0.0
    var absoluteDeltaSum = 0.0
    var largest: (showID: String, before: Double, after: Double)?
    var largestMagnitude = 0.0
    for show in shows {
      let before = baseSide.evaluate(show)
      let after = headSide.evaluate(show)
      let beforeState = PairState(before)
      let afterState = PairState(after)
      if beforeState != afterState {
        let change = StateChange(before: beforeState, after: afterState)
        changes[change, default: 0] += 1
        if examples[change, default: []].count < exampleLimit {
          examples[change, default: []].append(show.id)
        }
      }
      if let old = before.score, let new = after.score {
        scoredOnBoth += 1
        let delta = new - old
        if abs(delta) > scoreTolerance {
          scoreChanged += 1
          deltaSum += delta
          absoluteDeltaSum += abs(delta)
          if abs(delta) > largestMagnitude {
            largestMagnitude = abs(delta)
            largest = (show.id, old, new)
          }
        }
      }
    }
    return AdvertiserComparison(
      advertiserID: advertiser.id, base: baseSide.result(evaluated: shows.count),
      head: headSide.result(evaluated: shows.count), changes: changes, examples: examples,
      scoredOnBoth: scoredOnBoth, scoreChanged: scoreChanged, deltaSum: deltaSum,
      absoluteDeltaSum: absoluteDeltaSum, largestDelta: largest)
  }

  /// Evaluates one pair with a rule set, for the details of a few pairs after a comparison: the
  /// outcome and each signal's value (zero for signals not reached).
  public static func evaluate(
    _ ruleSet: RuleSet, advertiser: MatchSubject, show: MatchSubject
  ) -> (PairOutcome, [Double]) {
    var activation = ruleSet.makeActivation()
    ruleSet.bind(advertiser: advertiser.value, show: show.value, in: &activation)
    var signals: [Double] = []
    let outcome = ruleSet.evaluate(&activation, signalValues: &signals)
    if signals.count != ruleSet.signals.count {
      signals = Array(repeating: 0, count: ruleSet.signals.count)
    }
    return (outcome, signals)
  }
}
