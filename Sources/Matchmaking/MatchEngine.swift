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
  ///
  /// With `specialize` (the default) each advertiser's rules are compiled once with the advertiser
  /// as a constant (``RuleSet/specialized(advertiser:)``); results are the same either way.
  public static func score(
    ruleSet: RuleSet, advertisers: [MatchSubject], shows: [MatchSubject], workers: Int? = nil,
    specialize: Bool = true
  ) async -> [AdvertiserResult] {
    await parallelMap(advertisers, shows: shows, workers: workers) { advertiser, shows in
      scoreAdvertiser(ruleSet, advertiser, shows, specialize: specialize)
    }
  }

  /// Maps every advertiser with `body` on `workers` concurrent tasks (default: one per core); the
  /// results come back in advertiser order.
  ///
  /// Each worker takes chunks of advertisers until none are left, and evaluates them against its
  /// own copy of `shows` (see ``MatchSubject/copy()``): a pair retains and releases the show's
  /// record and lists, and two cores doing that on the same objects fight over their reference
  /// counts' cache lines. The first worker, and every worker when there are fewer than 16
  /// advertisers per worker, uses the shows as they are.
  static func parallelMap<Result: Sendable>(
    _ advertisers: [MatchSubject], shows: [MatchSubject], workers: Int?,
    _ body: @escaping @Sendable (MatchSubject, [MatchSubject]) -> Result
  ) async -> [Result] {
    let workerCount = max(1, workers ?? ProcessInfo.processInfo.activeProcessorCount)
    let chunkSize = max(1, (advertisers.count + workerCount * 4 - 1) / (workerCount * 4))
    let chunks = stride(from: 0, to: advertisers.count, by: chunkSize).map {
      $0..<min($0 + chunkSize, advertisers.count)
    }
    let queue = ChunkQueue(count: chunks.count)
    let taskCount = min(workerCount, chunks.count)
    // A copy of the shows costs about as much as scoring two advertisers; below this many
    // advertisers per worker it is not worth it.
    let copyShows = advertisers.count >= 16 * taskCount
    return await withTaskGroup(of: [(Int, [Result])].self) { group in
      for worker in 0..<taskCount {
        group.addTask {
          let own = worker == 0 || !copyShows ? shows : shows.map { $0.copy() }
          var done: [(Int, [Result])] = []
          while let index = queue.next() {
            done.append((index, chunks[index].map { body(advertisers[$0], own) }))
          }
          return done
        }
      }
      var results: [[Result]] = Array(repeating: [], count: chunks.count)
      for await done in group {
        for (index, chunk) in done { results[index] = chunk }
      }
      return results.flatMap { $0 }
    }
  }

  /// Scores one advertiser against every show (single-threaded).
  public static func scoreAdvertiser(
    _ ruleSet: RuleSet, _ advertiser: MatchSubject, _ shows: [MatchSubject],
    specialize: Bool = true
  ) -> AdvertiserResult {
    var scorer = AdvertiserScorer(ruleSet, advertiser, specialize: specialize)
    shows.withUnsafeBufferPointer { shows in
      for index in shows.indices { scorer.evaluate(shows[index]) }
    }
    return scorer.result(evaluated: shows.count)
  }
}

/// Hands out chunk indexes `0..<count` to workers, each once.
final class ChunkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var nextIndex = 0
  private let count: Int

  init(count: Int) { self.count = count }

  /// The next chunk to score, or nil when every chunk is taken.
  func next() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextIndex < count else { return nil }
    nextIndex += 1
    return nextIndex - 1
  }
}

/// The best kept pairs of one advertiser: all of them, or with `top N` a bounded heap of N, so
/// a pair is copied only when it ranks (best first: higher score, then lower show id).
struct TopMatches {
  let limit: Int?
  /// With a limit: a min-heap whose root is the worst of the best N; without: every pair.
  private var items: [ScoredMatch] = []

  init(limit: Int?) { self.limit = limit }

  /// True when `a` ranks before `b`.
  @inline(__always)
  static func ranksBefore(_ a: ScoredMatch, _ b: ScoredMatch) -> Bool {
    a.score != b.score ? a.score > b.score : a.showID < b.showID
  }

  @inline(__always)
  static func ranksBefore(score: Double, showID: String, _ b: ScoredMatch) -> Bool {
    score != b.score ? score > b.score : showID < b.showID
  }

  mutating func offer(showID: String, score: Double, signals: [Double]) {
    guard let limit else {
      items.append(ScoredMatch(showID: showID, score: score, signals: signals))
      return
    }
    if items.count < limit {
      items.append(ScoredMatch(showID: showID, score: score, signals: signals))
      siftUp(items.count - 1)
    } else if limit > 0, Self.ranksBefore(score: score, showID: showID, items[0]) {
      items[0] = ScoredMatch(showID: showID, score: score, signals: signals)
      siftDown(0)
    }
  }

  /// The kept pairs, best first.
  func ranked() -> [ScoredMatch] {
    items.sorted(by: Self.ranksBefore)
  }

  // The heap's root is the element that ranks last.
  private mutating func siftUp(_ index: Int) {
    var child = index
    while child > 0 {
      let parent = (child - 1) / 2
      guard Self.ranksBefore(items[parent], items[child]) else { return }
      items.swapAt(parent, child)
      child = parent
    }
  }

  private mutating func siftDown(_ index: Int) {
    var parent = index
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var worst = parent
      if left < items.count, Self.ranksBefore(items[worst], items[left]) { worst = left }
      if right < items.count, Self.ranksBefore(items[worst], items[right]) { worst = right }
      if worst == parent { return }
      items.swapAt(parent, worst)
      parent = worst
    }
  }
}
