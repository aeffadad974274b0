import Expressions
import Foundation
import Rules

/// One kept pair with its rank inputs.
public struct ScoredMatch: Sendable, Equatable {
  public let showID: String
  public let score: Double
  /// Each signal's value, in the rule set's signal order.
  public let signals: [Double]
}

/// What scoring did for one advertiser: its ranked matches and the fate of every pair.
public struct AdvertiserResult: Sendable {
  public let advertiserID: String
  /// Kept pairs, best first (ties broken by show id), cut to the rule set's `top N`.
  public let matches: [ScoredMatch]
  public let evaluated: Int
  /// Pairs rejected by each requirement, in the rule set's requirement order.
  public let rejected: [Int]
  /// Pairs under the keep threshold.
  public let dropped: Int
  /// Pairs that passed everything (before top-N).
  public let kept: Int
  /// The first pair whose evaluation failed, if any: show id and message.
  public let firstError: (showID: String, message: String)?
  public let errors: Int
}

/// Scores every advertiser × show pair with a compiled rule set, on every core.
///
/// Advertisers are split into chunks scored concurrently (structured concurrency); each task has its
/// own activation. Results come back in advertiser order and each ranking breaks ties by show id, so
/// the outcome is the same whatever the number of workers.
public enum MatchEngine {
  /// Scores `advertisers × shows`. `workers` defaults to the number of active processors.
  public static func score(
    ruleSet: RuleSet, advertisers: [MatchSubject], shows: [MatchSubject], workers: Int? = nil
  ) async -> [AdvertiserResult] {
    let workerCount = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    let chunkSize = max(1, (advertisers.count + workerCount * 4 - 1) / (workerCount * 4))
    let chunks = stride(from: 0, to: advertisers.count, by: chunkSize).map {
      $0..<min($0 + chunkSize, advertisers.count)
    }
    return await withTaskGroup(of: (Int, [AdvertiserResult]).self) { group in
      var next = 0
      var results: [[AdvertiserResult]] = Array(repeating: [], count: chunks.count)
      func launch(_ index: Int) {
        let range = chunks[index]
        group.addTask {
          (index, range.map { scoreAdvertiser(ruleSet, advertisers[$0], shows) })
        }
      }
      while next < min(workerCount, chunks.count) {
        launch(next)
        next += 1
      }
      for await (index, chunk) in group {
        results[index] = chunk
        if next < chunks.count {
          launch(next)
          next += 1
        }
      }
      return results.flatMap { $0 }
    }
  }

  /// Scores one advertiser against every show (single-threaded).
  public static func scoreAdvertiser(
    _ ruleSet: RuleSet, _ advertiser: MatchSubject, _ shows: [MatchSubject]
  ) -> AdvertiserResult {
    var activation = ruleSet.makeActivation()
    ruleSet.bind(advertiser: advertiser.value, show: nil, in: &activation)
    var signals: [Double] = []
    var kept: [ScoredMatch] = []
    var rejected = Array(repeating: 0, count: ruleSet.requirements.count)
    var dropped = 0
    var errors = 0
    var firstError: (String, String)?
    for show in shows {
      ruleSet.bind(advertiser: nil, show: show.value, in: &activation)
      switch ruleSet.evaluate(&activation, signalValues: &signals) {
      case .kept(let score):
        kept.append(ScoredMatch(showID: show.id, score: score, signals: signals))
      case .dropped:
        dropped += 1
      case .rejected(let index):
        rejected[index] += 1
      case .error(let message):
        errors += 1
        if firstError == nil { firstError = (show.id, message) }
      }
    }
    let keptCount = kept.count
    kept.sort { $0.score != $1.score ? $0.score > $1.score : $0.showID < $1.showID }
    if let top = ruleSet.top, kept.count > top { kept.removeSubrange(top...) }
    return AdvertiserResult(
      advertiserID: advertiser.id, matches: kept, evaluated: shows.count, rejected: rejected,
      dropped: dropped, kept: keptCount, firstError: firstError, errors: errors)
  }
}
