import Expressions
import Foundation
import GRDB
import Rules
import Store

/// Store reads the front ends need, each in one read transaction (GRDB's async API).
public enum MatchQueries {
  /// The stored matches of an advertiser, best first (the best `top` only when given).
  ///
  /// Throws ``MatchmakingError/unknownAdvertiser(_:)`` when the advertiser does not exist, so
  /// "no matches yet" and "no such advertiser" stay apart.
  public static func matches(store: CuesheetStore, advertiserID: String, top: Int? = nil)
    async throws -> [StoredMatch]
  {
    let (exists, matches) = try await store.writer.read { db in
      (
        try Bool.fetchOne(
          db, sql: "SELECT EXISTS(SELECT 1 FROM advertisers WHERE advertiser_id = ?)",
          arguments: [advertiserID]) ?? false,
        try StoredMatch.fetch(db, advertiserID: advertiserID, top: top)
      )
    }
    guard exists else { throw MatchmakingError.unknownAdvertiser(advertiserID) }
    return matches
  }

  /// One advertiser's and one show's records, built as a recalculation builds them, with the
  /// metrics window ending at `asOf` (default: the latest metrics day).
  public static func pair(
    store: CuesheetStore, advertiserID: String, showID: String, asOf: Day? = nil
  ) async throws -> (advertiser: Value, show: Value) {
    try await store.writer.read { db in
      let day = try asOf ?? MatchInputLoader.defaultAsOf(db)
      guard let advertiser = try MatchInputLoader.advertisers(db, ids: [advertiserID]).first else {
        throw MatchmakingError.unknownAdvertiser(advertiserID)
      }
      guard let show = try MatchInputLoader.shows(db, asOf: day, ids: [showID]).first else {
        throw MatchmakingError.unknownShow(showID)
      }
      return (advertiser.value, show.value)
    }
  }

  /// Everything a scoring run reads, from one consistent snapshot: the as-of day, the advertisers
  /// (those in `advertiserIDs`, or all) and every show, plus where the data came from.
  ///
  /// Throws ``MatchmakingError/unknownAdvertiser(_:)`` for an id the store does not have.
  public static func inputs(
    store: CuesheetStore, advertiserIDs: [String]? = nil, asOf: Day? = nil
  ) async throws -> MatchInputSnapshot {
    let snapshot = try await store.writer.read { db in
      let day = try asOf ?? MatchInputLoader.defaultAsOf(db)
      let importID = try Int64.fetchOne(
        db, sql: "SELECT max(import_id) FROM imports WHERE status = 'completed'")
      let range = try Row.fetchOne(
        db, sql: "SELECT (SELECT min(day) FROM metrics_daily), (SELECT max(day) FROM metrics_daily)"
      )
      return MatchInputSnapshot(
        asOf: day, advertisers: try MatchInputLoader.advertisers(db, ids: advertiserIDs),
        shows: try MatchInputLoader.shows(db, asOf: day), latestImportID: importID,
        metricsFirstDay: range?[0], metricsLastDay: range?[1])
    }
    if let advertiserIDs {
      let found = Set(snapshot.advertisers.map(\.id))
      if let missing = advertiserIDs.first(where: { !found.contains($0) }) {
        throw MatchmakingError.unknownAdvertiser(missing)
      }
    }
    return snapshot
  }
}

/// The inputs of a scoring run and the data they came from (see
/// ``MatchQueries/inputs(store:advertiserIDs:asOf:)``).
public struct MatchInputSnapshot: Sendable {
  public let asOf: Day
  public let advertisers: [MatchSubject]
  public let shows: [MatchSubject]
  /// The newest completed import, and the first and last day with metrics.
  public let latestImportID: Int64?
  public let metricsFirstDay: String?
  public let metricsLastDay: String?
}
