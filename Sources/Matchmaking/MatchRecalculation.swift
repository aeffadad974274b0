import Foundation
import GRDB
import Rules
import Store

/// Options of one `match recalculate` run.
public struct RecalculationOptions: Sendable {
  /// The rule set to apply (default `default`).
  public var ruleSet = "default"
  /// Only these advertisers (nil: all); other advertisers' matches are left alone.
  public var advertiserIDs: [String]?
  /// Compute and compare, write nothing.
  public var dryRun = false
  /// The end of the 30-day metrics window (nil: the latest metrics day).
  public var asOf: Day?
  /// Concurrent scoring tasks (nil: one per core).
  public var workers: Int?
  /// The time stamped on matches and the event.
  public var now = Date()

  public init() {}
}

/// How one advertiser's stored ranking would change.
public struct RankingChange: Sendable, Codable, Equatable {
  public let advertiserID: String
  /// Shows entering the ranking.
  public let added: [String]
  /// Shows leaving it.
  public let dropped: [String]
  /// Shows whose rank changes: show, old rank, new rank.
  public let reranked: [Rerank]

  public struct Rerank: Sendable, Codable, Equatable {
    public let showID: String
    public let from: Int
    public let to: Int
  }

  public var isEmpty: Bool { added.isEmpty && dropped.isEmpty && reranked.isEmpty }
}

/// What a run did (or, when gated off or dry, would do).
public struct RecalculationOutcome: Sendable {
  /// The `ENABLE_MATCHMAKING` evaluation that allowed or stopped the run.
  public let gate: FlagResult
  /// False when the gate was off: nothing was computed or written.
  public let ran: Bool
  public let ruleSet: String
  public let ruleHash: String
  public let asOf: Day?
  public let advertisers: Int
  public let shows: Int
  public let pairsEvaluated: Int
  /// Matches stored (after threshold and top-N).
  public let pairsKept: Int
  public let durationMS: Int
  public let results: [AdvertiserResult]
  public let changes: [RankingChange]
  public let dryRun: Bool
}

/// `match recalculate`: gate, load inputs once, score every pair, replace matches atomically.
public enum MatchRecalculation {
  /// The flag that gates writing matches.
  public static let gateFlag = "ENABLE_MATCHMAKING"

  /// Runs a recalculation. Throws ``MatchmakingError`` (nothing written) on unknown ids or rule
  /// errors; returns `ran == false` when the gate is off.
  public static func run(
    store: CuesheetStore, rules: RuleBook, gateContext: FlagContext,
    overrides: FlagOverrides = .none, options: RecalculationOptions = RecalculationOptions()
  ) async throws -> RecalculationOutcome {
    let started = ContinuousClock.now
    let gate = rules.flags.evaluate(gateFlag, in: gateContext, overrides: overrides)
    guard let ruleSet = rules.ruleSet(named: options.ruleSet) else {
      throw MatchmakingError.unknownRuleSet(options.ruleSet, available: rules.ruleSets.map(\.name))
    }
    guard gate.isOn else {
      return RecalculationOutcome(
        gate: gate, ran: false, ruleSet: ruleSet.name, ruleHash: ruleSet.contentHash, asOf: nil,
        advertisers: 0, shows: 0, pairsEvaluated: 0, pairsKept: 0, durationMS: 0, results: [],
        changes: [], dryRun: options.dryRun)
    }

    // Inputs, once per run, from one consistent snapshot.
    let (asOf, advertisers, shows, previous) = try await store.writer.read { db in
      let asOf = try options.asOf ?? MatchInputLoader.defaultAsOf(db)
      let advertisers = try MatchInputLoader.advertisers(db, ids: options.advertiserIDs)
      let shows = try MatchInputLoader.shows(db, asOf: asOf)
      let previous = try StoredMatch.rankings(db, advertiserIDs: advertisers.map(\.id))
      return (asOf, advertisers, shows, previous)
    }
    if let requested = options.advertiserIDs {
      let found = Set(advertisers.map(\.id))
      if let missing = requested.first(where: { !found.contains($0) }) {
        throw MatchmakingError.unknownAdvertiser(missing)
      }
    }

    let results = await MatchEngine.score(
      ruleSet: ruleSet, advertisers: advertisers, shows: shows, workers: options.workers)
    let failed = results.reduce(0) { $0 + $1.errors }
    if failed > 0, let first = results.first(where: { $0.firstError != nil }),
      let error = first.firstError
    {
      throw MatchmakingError.evaluation(
        advertiser: first.advertiserID, show: error.showID, message: error.message,
        failedPairs: failed)
    }

    let changes = results.map { diff(previous[$0.advertiserID] ?? [], $0) }.filter { !$0.isEmpty }
    let kept = results.reduce(0) { $0 + $1.matches.count }
    let evaluated = advertisers.count * shows.count
    let durationMS =
      Int((ContinuousClock.now - started).components.seconds * 1000)
      + Int((ContinuousClock.now - started).components.attoseconds / 1_000_000_000_000_000)

    if !options.dryRun {
      try await store.writer.write { db in
        try write(
          db, results: results, ruleSet: ruleSet, advertiserIDs: advertisers.map(\.id),
          at: options.now)
        try EventLog.record(
          db, type: "match.recalculated", subject: "ruleset:\(ruleSet.name)",
          payload: EventPayload(
            rule_set: ruleSet.name, rule_hash: ruleSet.contentHash, as_of: asOf.description,
            advertisers: advertisers.count, shows: shows.count, pairs_evaluated: evaluated,
            pairs_kept: kept, duration_ms: durationMS, advertiser_ids: options.advertiserIDs),
          at: options.now)
      }
    }
    return RecalculationOutcome(
      gate: gate, ran: true, ruleSet: ruleSet.name, ruleHash: ruleSet.contentHash, asOf: asOf,
      advertisers: advertisers.count, shows: shows.count, pairsEvaluated: evaluated,
      pairsKept: kept, durationMS: durationMS, results: results, changes: changes,
      dryRun: options.dryRun)
  }

  struct EventPayload: Encodable {
    let rule_set: String
    let rule_hash: String
    let as_of: String
    let advertisers: Int
    let shows: Int
    let pairs_evaluated: Int
    let pairs_kept: Int
    let duration_ms: Int
    let advertiser_ids: [String]?
  }

  /// Replaces the matches of `advertiserIDs` with `results`.
  static func write(
    _ db: Database, results: [AdvertiserResult], ruleSet: RuleSet, advertiserIDs: [String],
    at now: Date
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let calculatedAt = Timestamp.string(now)
    for chunk in stride(from: 0, to: advertiserIDs.count, by: 500) {
      let ids = Array(advertiserIDs[chunk..<min(chunk + 500, advertiserIDs.count)])
      try db.execute(
        sql:
          "DELETE FROM matches WHERE advertiser_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))",
        arguments: StatementArguments(ids))
    }
    let insert = try db.makeStatement(
      sql: """
        INSERT INTO matches (advertiser_id, show_id, score, rank, signals, reasons, rule_set, rule_hash, calculated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """)
    for result in results {
      for (index, match) in result.matches.enumerated() {
        let parts = zip(ruleSet.signals, match.signals).map { signal, value in
          StoredMatch.SignalPart(
            name: signal.name, value: value, weight: signal.weight,
            contribution: value * signal.weight)
        }
        let reasons = parts.sorted { $0.contribution > $1.contribution }.map {
          "\($0.name): \(format($0.value)) × \(format($0.weight)) = \(format($0.contribution))"
        }
        try insert.execute(arguments: [
          result.advertiserID, match.showID, match.score, index + 1,
          String(decoding: try encoder.encode(parts), as: UTF8.self),
          String(decoding: try encoder.encode(reasons), as: UTF8.self), ruleSet.name,
          ruleSet.contentHash, calculatedAt,
        ])
      }
    }
  }

  static func format(_ value: Double) -> String { String(format: "%.2f", value) }

  /// Compares a stored ranking with a new one.
  static func diff(_ old: [String], _ new: AdvertiserResult) -> RankingChange {
    let newIDs = new.matches.map(\.showID)
    let oldRanks = Dictionary(uniqueKeysWithValues: old.enumerated().map { ($1, $0 + 1) })
    let newRanks = Dictionary(uniqueKeysWithValues: newIDs.enumerated().map { ($1, $0 + 1) })
    return RankingChange(
      advertiserID: new.advertiserID,
      added: newIDs.filter { oldRanks[$0] == nil },
      dropped: old.filter { newRanks[$0] == nil },
      reranked: newIDs.compactMap { id in
        guard let from = oldRanks[id], let to = newRanks[id], from != to else { return nil }
        return RankingChange.Rerank(showID: id, from: from, to: to)
      })
  }
}
