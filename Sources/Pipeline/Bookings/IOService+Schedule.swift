import Foundation
import GRDB
import Store

extension IOService {
  /// `draft → scheduled` inside the caller's transaction, recording `io.scheduled`.
  ///
  /// Requires the campaign to be `closed_won`. Competitive separation: refuses when an IO of another
  /// advertiser with the same `advertisers.category` (compared without regard to case; an empty
  /// category matches nothing) holds the slot — scheduled, live or completed — on the same show, in
  /// the same placement, with an overlapping flight. Drafts hold nothing (two competing drafts would
  /// otherwise block each other for good), and cancelled IOs are gone; the first to be scheduled
  /// wins. `allowConflict` schedules anyway; the event lists the overridden IOs.
  @discardableResult
  public static func schedule(_ db: Database, _ ioID: String, allowConflict: Bool, now: Date) throws
    -> ScheduleOutcome
  {
    let io = try booking(db, ioID)
    _ = try IOWorkflow.apply(.schedule, io: ioID, from: io.status)
    let deal = try DealService.deal(db, campaignID: io.campaignID)
    guard deal.stage == .closedWon else {
      throw PipelineError.campaignNotWon(io: ioID, campaign: io.campaignID, stage: deal.stage)
    }
    let conflicts = try separationConflicts(db, for: io)
    if !conflicts.isEmpty, !allowConflict {
      throw PipelineError.separationConflict(io: ioID, conflicts: conflicts)
    }
    try transition(db, io, .schedule, now: now)
    let payload: [String: JSONValue] = [
      "io_id": .string(ioID), "campaign_id": .string(io.campaignID), "show_id": .string(io.showID),
      "placement": .string(io.placement.rawValue),
      "flight_start": .string(io.flight.start.description),
      "flight_end": .string(io.flight.end.description),
      "allow_conflict": .bool(allowConflict),
      "conflicts": .array(conflicts.map { .string($0.ioID) }),
    ]
    try EventLog.record(db, type: "io.scheduled", subject: "io:\(ioID)", payload: payload, at: now)
    return ScheduleOutcome(ioID: ioID, overridden: conflicts)
  }

  /// The IOs that `io` would compete with (see ``schedule(_:_:allowConflict:now:)``), by id.
  public static func separationConflicts(_ db: Database, for io: IOBooking) throws
    -> [SeparationConflict]
  {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT \(IOBooking.selection), a.category
        FROM \(IOBooking.from)
        JOIN advertisers a ON a.advertiser_id = c.advertiser_id
        JOIN advertisers mine ON mine.advertiser_id = ?
        WHERE io.io_id <> ? AND io.status IN ('scheduled', 'live', 'completed')
          AND io.show_id = ? AND io.placement = ?
          AND io.flight_start <= ? AND io.flight_end >= ?
          AND c.advertiser_id <> mine.advertiser_id
          AND trim(mine.category) <> ''
          AND lower(trim(a.category)) = lower(trim(mine.category))
        """,
      arguments: [
        io.advertiserID, io.ioID, io.showID, io.placement.rawValue, io.flight.end.description,
        io.flight.start.description,
      ])
    return try rows.map { row in
      let other = try IOBooking(row: row)
      return SeparationConflict(
        ioID: other.ioID, advertiserID: other.advertiserID, category: row["category"],
        showID: other.showID, placement: other.placement, flight: other.flight,
        status: other.status)
    }.sorted { ioOrder($0.ioID, $1.ioID) }
  }
}
