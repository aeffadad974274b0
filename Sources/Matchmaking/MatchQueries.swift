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
}
