import GRDB
import Store

/// Counts an IO's delivered impressions from `metrics_daily`.
///
/// Rules (documented in `docs/pipeline.md`):
/// - **Which rows**: every episode of the IO's show (back-catalogue episodes too: dynamically
///   inserted ads run in old episodes), days from the flight start through `min(flight end, as-of)`.
/// - **Several sources**: one source per episode and day, never a sum across sources (they measure
///   the same downloads), read from the store's `metrics_daily_resolved` view: the first source
///   present in ``sourcePriority``; unknown sources rank after those, alphabetically.
/// - **Several IOs on a show**: each IO is credited with all of the show's impressions in its flight,
///   not a share: every delivered episode carries every booked placement.
public enum DeliveryCalculator {
  /// Sources in order of preference, as the store's `metrics_daily_resolved` view applies them:
  /// the hosting platform's server-side ad counts first, then the listening apps' reports, then
  /// manual CSV drops.
  public static let sourcePriority = ["megaphone", "spotify", "apple", "csv"]

  /// The show's impressions over `first...last`, one source per episode and day.
  public static func impressions(_ db: Database, showID: String, from first: Day, through last: Day)
    throws -> Int64
  {
    guard first <= last else { return 0 }
    let sql = """
      SELECT coalesce(sum(m.impressions), 0)
      FROM metrics_daily_resolved m JOIN episodes e ON e.episode_id = m.episode_id
      WHERE e.show_id = ? AND m.day BETWEEN ? AND ?
      """
    return try Int64.fetchOne(
      db, sql: sql, arguments: [showID, first.description, last.description]) ?? 0
  }

  /// The delivery of `io` as of `asOf` (included).
  public static func delivery(_ db: Database, io: IOBooking, asOf: Day) throws -> Delivery {
    let flight = io.flight
    let elapsed = min(max(flight.start.days(to: asOf) + 1, 0), flight.dayCount)
    let last = min(flight.end, asOf)
    let delivered = try impressions(db, showID: io.showID, from: flight.start, through: last)
    return Delivery(
      ioID: io.ioID, flight: flight, asOf: asOf, elapsedDays: elapsed, delivered: delivered,
      goal: io.rate.impressionsGoal)
  }
}
