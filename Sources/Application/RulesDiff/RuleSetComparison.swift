import Foundation
import Matchmaking
import Rules

/// Turns the per-advertiser comparisons of one rule set into a ``RuleSetDiff``: a pure function of
/// the two rule sets, the inputs and the comparisons.
public enum RuleSetComparison {
  /// Advertisers' shows explained signal by signal, per advertiser.
  static let explainedMoves = 3
  static let exampleLimit = 5

  /// Summarises `comparisons` (one per advertiser, in advertiser order) and details the `limit`
  /// advertisers with the largest changes.
  public static func diff(
    base: RuleSet, head: RuleSet, comparisons: [AdvertiserComparison],
    advertisers: [MatchSubject], shows: [MatchSubject], limit: Int
  ) -> RuleSetDiff {
    // Network totals.
    var pairsChanged = 0
    var newlyDropped = 0
    var newlyKept = 0
    var newlyRejected: [String: Int] = [:]
    var noLongerRejected: [String: Int] = [:]
    var requirementExamples: [String: [RuleSetDiff.PairExample]] = [:]
    var scoredOnBoth = 0
    var scoreChanged = 0
    var deltaSum = 0.0
    var absoluteDeltaSum = 0.0
    var largest: RuleSetDiff.PairDelta?
    for comparison in comparisons {
      scoredOnBoth += comparison.scoredOnBoth
      scoreChanged += comparison.scoreChanged
      deltaSum += comparison.deltaSum
      absoluteDeltaSum += comparison.absoluteDeltaSum
      if let pair = comparison.largestDelta,
        abs(pair.after - pair.before) > abs(largest?.delta ?? 0)
      {
        largest = RuleSetDiff.PairDelta(
          advertiserID: comparison.advertiserID, showID: pair.showID, before: pair.before,
          after: pair.after, delta: pair.after - pair.before)
      }
      for (change, count) in comparison.changes {
        pairsChanged += count
        if change.before == .kept && change.after == .dropped { newlyDropped += count }
        if change.before == .dropped && change.after == .kept { newlyKept += count }
        let beforeName = requirementName(change.before, base)
        let afterName = requirementName(change.after, head)
        guard beforeName != afterName else { continue }
        let examples = (comparison.examples[change] ?? []).map {
          RuleSetDiff.PairExample(
            advertiserID: comparison.advertiserID, showID: $0,
            before: describe(change.before, base), after: describe(change.after, head))
        }
        if let afterName {
          newlyRejected[afterName, default: 0] += count
          requirementExamples[afterName, default: []] += examples
        }
        if let beforeName {
          noLongerRejected[beforeName, default: 0] += count
          requirementExamples[beforeName, default: []] += examples
        }
      }
    }
    let requirementNames =
      head.requirements.map(\.reason)
      + base.requirements.map(\.reason).filter { name in
        !head.requirements.contains { $0.reason == name }
      }
    let requirements = requirementNames.compactMap { name -> RuleSetDiff.RequirementChange? in
      let added = newlyRejected[name] ?? 0
      let removed = noLongerRejected[name] ?? 0
      guard added + removed > 0 else { return nil }
      let line =
        head.requirements.first { $0.reason == name }?.line
        ?? base.requirements.first { $0.reason == name }?.line
      let examples = (requirementExamples[name] ?? []).sorted {
        ($0.advertiserID, $0.showID) < ($1.advertiserID, $1.showID)
      }
      return RuleSetDiff.RequirementChange(
        requirement: name, line: line, newlyRejected: added, noLongerRejected: removed,
        examples: Array(examples.prefix(exampleLimit)))
    }

    // Rankings: cheap keys for every advertiser, details for the largest changes.
    var ranked: [(index: Int, key: (Int, Int, Double))] = []
    var top5Changed: [String] = []
    for (index, comparison) in comparisons.enumerated() {
      let before = comparison.base.matches
      let after = comparison.head.matches
      if before.prefix(5).map(\.showID) != after.prefix(5).map(\.showID) {
        top5Changed.append(comparison.advertiserID)
      }
      let beforeIDs = Set(before.map(\.showID))
      let afterIDs = Set(after.map(\.showID))
      let entering = afterIDs.subtracting(beforeIDs).count
      let leaving = beforeIDs.subtracting(afterIDs).count
      let scores = Dictionary(
        uniqueKeysWithValues: before.enumerated().map { ($1.showID, ($0, $1.score)) })
      var moves = 0
      var moved = 0.0
      for (rank, match) in after.enumerated() {
        guard let (oldRank, oldScore) = scores[match.showID] else { continue }
        if oldRank != rank { moves += 1 }
        moved += abs(match.score - oldScore)
      }
      if entering + leaving + moves > 0 {
        ranked.append((index, (entering + leaving, moves, moved)))
      }
    }
    ranked.sort { a, b in
      if a.key.0 != b.key.0 { return a.key.0 > b.key.0 }
      if a.key.1 != b.key.1 { return a.key.1 > b.key.1 }
      if a.key.2 != b.key.2 { return a.key.2 > b.key.2 }
      return a.index < b.index
    }
    let showsByID = Dictionary(uniqueKeysWithValues: shows.map { ($0.id, $0) })
    let detailed = ranked.prefix(max(0, limit)).map { entry in
      advertiserDiff(
        base: base, head: head, comparisons[entry.index], advertiser: advertisers[entry.index],
        shows: showsByID)
    }

    let keptBefore = comparisons.reduce(0) { $0 + $1.base.kept }
    let keptAfter = comparisons.reduce(0) { $0 + $1.head.kept }
    return RuleSetDiff(
      name: head.name, definitionChanged: base.definition != head.definition,
      topBefore: base.top, topAfter: head.top,
      pairsEvaluated: advertisers.count * shows.count, pairsChanged: pairsChanged,
      keptBefore: keptBefore, keptAfter: keptAfter,
      matchesBefore: comparisons.reduce(0) { $0 + $1.base.matches.count },
      matchesAfter: comparisons.reduce(0) { $0 + $1.head.matches.count },
      newlyDropped: newlyDropped, newlyKept: newlyKept,
      errorsBefore: comparisons.reduce(0) { $0 + $1.base.errors },
      errorsAfter: comparisons.reduce(0) { $0 + $1.head.errors },
      scoredOnBoth: scoredOnBoth, scoreChanged: scoreChanged,
      meanScoreDelta: scoredOnBoth == 0 ? 0 : deltaSum / Double(scoredOnBoth),
      meanAbsoluteScoreDelta: scoredOnBoth == 0 ? 0 : absoluteDeltaSum / Double(scoredOnBoth),
      maxScoreDelta: largest, requirements: requirements, advertisersChanged: ranked.count,
      top5Changed: top5Changed.count,
      top5ChangedAdvertisers: Array(top5Changed.prefix(max(0, limit))),
      advertisers: detailed)
  }

  // MARK: - One advertiser

  static func advertiserDiff(
    base: RuleSet, head: RuleSet, _ comparison: AdvertiserComparison, advertiser: MatchSubject,
    shows: [String: MatchSubject]
  ) -> AdvertiserDiff {
    let before = comparison.base.matches
    let after = comparison.head.matches
    let beforeRanks = Dictionary(
      uniqueKeysWithValues: before.enumerated().map { ($1.showID, $0 + 1) })
    let afterRanks = Dictionary(
      uniqueKeysWithValues: after.enumerated().map { ($1.showID, $0 + 1) })
    // Both outcomes of every ranked show, evaluated again (at most 2 × top N pairs).
    var outcomes: [String: (before: (PairOutcome, [Double]), after: (PairOutcome, [Double]))] = [:]
    for showID in Set(beforeRanks.keys).union(afterRanks.keys) {
      guard let show = shows[showID] else { continue }
      outcomes[showID] = (
        MatchComparison.evaluate(base, advertiser: advertiser, show: show),
        MatchComparison.evaluate(head, advertiser: advertiser, show: show)
      )
    }
    let entering = after.enumerated().compactMap { rank, match -> AdvertiserDiff.Entry? in
      guard beforeRanks[match.showID] == nil else { return nil }
      return AdvertiserDiff.Entry(
        showID: match.showID, rank: rank + 1, score: match.score,
        otherSide: outcomes[match.showID].map { describe($0.before.0, base) } ?? "not scored")
    }
    let leaving = before.enumerated().compactMap { rank, match -> AdvertiserDiff.Entry? in
      guard afterRanks[match.showID] == nil else { return nil }
      return AdvertiserDiff.Entry(
        showID: match.showID, rank: rank + 1, score: match.score,
        otherSide: outcomes[match.showID].map { describe($0.after.0, head) } ?? "not scored")
    }
    let scoresBefore = Dictionary(uniqueKeysWithValues: before.map { ($0.showID, $0.score) })
    var rescored = 0
    let moves = after.enumerated().compactMap { rank, match -> AdvertiserDiff.Move? in
      guard let from = beforeRanks[match.showID], let score = scoresBefore[match.showID] else {
        return nil
      }
      guard from != rank + 1 else {
        if abs(score - match.score) > MatchComparison.scoreTolerance { rescored += 1 }
        return nil
      }
      return AdvertiserDiff.Move(
        showID: match.showID, from: from, to: rank + 1, scoreBefore: score,
        scoreAfter: match.score)
    }.sorted { a, b in
      let rankA = abs(a.to - a.from)
      let rankB = abs(b.to - b.from)
      if rankA != rankB { return rankA > rankB }
      let scoreA = abs(a.scoreAfter - a.scoreBefore)
      let scoreB = abs(b.scoreAfter - b.scoreBefore)
      if scoreA != scoreB { return scoreA > scoreB }
      return a.showID < b.showID
    }

    // The shows whose score moved most, signal by signal.
    let candidates = outcomes.compactMap { showID, pair -> (String, Double)? in
      let old = pair.before.0.score
      let new = pair.after.0.score
      let magnitude = abs((new ?? 0) - (old ?? 0))
      return magnitude > MatchComparison.scoreTolerance
        || PairState(pair.before.0) != PairState(pair.after.0)
        ? (showID, magnitude) : nil
    }.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
    let explanations = candidates.prefix(explainedMoves).compactMap {
      showID, _ -> AdvertiserDiff.Explanation? in
      guard let pair = outcomes[showID] else { return nil }
      return AdvertiserDiff.Explanation(
        showID: showID, rankBefore: beforeRanks[showID], rankAfter: afterRanks[showID],
        before: beforeRanks[showID].map { "rank \($0) at \(format(pair.before.0.score ?? 0))" }
          ?? describe(pair.before.0, base),
        after: afterRanks[showID].map { "rank \($0) at \(format(pair.after.0.score ?? 0))" }
          ?? describe(pair.after.0, head),
        scoreBefore: pair.before.0.score, scoreAfter: pair.after.0.score,
        signals: contributions(base, pair.before, head, pair.after))
    }
    return AdvertiserDiff(
      advertiserID: comparison.advertiserID,
      top5Changed: before.prefix(5).map(\.showID) != after.prefix(5).map(\.showID),
      entering: entering, leaving: leaving, moves: moves, rescored: rescored,
      largestMoves: explanations)
  }

  /// Each signal's value × weight on both sides, head's signals first, then those only in base.
  static func contributions(
    _ base: RuleSet, _ before: (PairOutcome, [Double]), _ head: RuleSet,
    _ after: (PairOutcome, [Double])
  ) -> [AdvertiserDiff.SignalContribution] {
    let names =
      head.signals.map(\.name)
      + base.signals.map(\.name).filter { name in !head.signals.contains { $0.name == name } }
    return names.map { name in
      func side(_ rules: RuleSet, _ evaluated: (PairOutcome, [Double])) -> (
        Double?, Double?, Double?
      ) {
        guard let index = rules.signals.firstIndex(where: { $0.name == name }) else {
          return (nil, nil, nil)
        }
        let weight = rules.signals[index].weight
        guard evaluated.0.score != nil, index < evaluated.1.count else { return (weight, nil, nil) }
        let value = evaluated.1[index]
        return (weight, value, value * weight)
      }
      let old = side(base, before)
      let new = side(head, after)
      return AdvertiserDiff.SignalContribution(
        signal: name, weightBefore: old.0, valueBefore: old.1, contributionBefore: old.2,
        weightAfter: new.0, valueAfter: new.1, contributionAfter: new.2)
    }
  }

  // MARK: - Describing outcomes

  /// The requirement that rejected a pair, by its reason text; nil when not rejected.
  static func requirementName(_ state: PairState, _ rules: RuleSet) -> String? {
    if case .rejected(let index) = state, index < rules.requirements.count {
      return rules.requirements[index].reason
    }
    return nil
  }

  static func describe(_ state: PairState, _ rules: RuleSet) -> String {
    switch state {
    case .kept: "kept"
    case .dropped: "under the keep threshold"
    case .rejected: "rejected: \(requirementName(state, rules) ?? "a requirement")"
    case .error: "error"
    }
  }

  static func describe(_ outcome: PairOutcome, _ rules: RuleSet) -> String {
    switch outcome {
    case .kept(let score):
      "kept at \(format(score))" + (rules.top.map { ", outside the top \($0)" } ?? "")
    case .dropped(let score): "under the keep threshold (\(format(score)))"
    case .rejected: describe(PairState(outcome), rules)
    case .error(let message): "error: \(message)"
    }
  }

  static func format(_ value: Double) -> String { String(format: "%.3f", value) }
}
