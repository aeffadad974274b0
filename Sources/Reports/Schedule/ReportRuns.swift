import Foundation
import GRDB
import Store

/// The `report_runs` table: each scheduled report's last run and the claim that makes
/// `reports run --due` build a due report exactly once, even when two runs overlap.
///
/// Claiming happens in one write transaction (SQLite's single writer serialises it across
/// processes): the first run marks the report claimed; an overlapping run sees the claim and skips;
/// a later run sees the recorded run time and computes the next due time from it.
public enum ReportRuns {
  /// One row of `report_runs`.
  public struct Record: Sendable, Codable, Equatable {
    public var report: String
    public var schedule: String?
    public var timeZone: String?
    /// The instant the last successful run was claimed; the next due time is computed from it.
    public var lastRunAt: String?
    public var lastSuccessAt: String?
    public var lastStatus: String?
    public var lastError: String?
    public var pages: Int?
    public var durationMs: Int?
    public var claimedAt: String?
  }

  /// A claim is considered abandoned (a crashed run) after this long.
  public static let staleClaimAfter: TimeInterval = 3600

  /// Every row, by report name.
  public static func all(_ db: Database) throws -> [String: Record] {
    var records: [String: Record] = [:]
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT report, schedule, time_zone, last_run_at, last_success_at, last_status, last_error,
               pages, duration_ms, claimed_at FROM report_runs
        """)
    {
      records[row[0]] = Record(
        report: row[0], schedule: row[1], timeZone: row[2], lastRunAt: row[3],
        lastSuccessAt: row[4],
        lastStatus: row[5], lastError: row[6], pages: row[7], durationMs: row[8], claimedAt: row[9])
    }
    return records
  }

  /// When `report` is next due: now when it never ran, else the first schedule time after its last run.
  public static func nextDue(_ record: Record?, schedule: CronSchedule, now: Date) -> Date? {
    guard let lastRun = record?.lastRunAt.flatMap({ Timestamp.parse($0) }) else { return now }
    return schedule.next(after: lastRun)
  }

  /// Claims `report` when it is due at `now` and nobody else holds a fresh claim; returns the claim
  /// token, or `nil` when the report is not due or already being built.
  public static func claimIfDue(
    _ store: CuesheetStore, report: String, schedule: CronSchedule, scheduleText: String, now: Date
  ) throws -> String? {
    try store.writer.write { db -> String? in
      let record = try all(db)[report]
      if let claimedAt = record?.claimedAt.flatMap({ Timestamp.parse($0) }),
        now.timeIntervalSince(claimedAt) < staleClaimAfter
      {
        return nil
      }
      guard let due = nextDue(record, schedule: schedule, now: now), due <= now else { return nil }
      let token = UUID().uuidString
      let stamp = Timestamp.string(now)
      try db.execute(
        sql: """
          INSERT INTO report_runs (report, schedule, time_zone, claim_token, claimed_at, updated_at)
          VALUES (?, ?, ?, ?, ?, ?)
          ON CONFLICT (report) DO UPDATE SET schedule = excluded.schedule, time_zone = excluded.time_zone,
            claim_token = excluded.claim_token, claimed_at = excluded.claimed_at, updated_at = excluded.updated_at
          """,
        arguments: [report, scheduleText, schedule.timeZoneName, token, stamp, stamp])
      return token
    }
  }

  /// Records a scheduled report that cannot even be claimed (its template or its `schedule:` is
  /// wrong) as failed, with a `report.failed` event. The event is written once per distinct error,
  /// so a cron job running every few minutes does not repeat it; returns whether it was written.
  @discardableResult
  public static func recordFailure(
    _ store: CuesheetStore, report: String, scheduleText: String?, error: String, now: Date
  ) throws -> Bool {
    struct Payload: Encodable {
      let report: String
      let duration_ms: Int
      let error: String
    }
    return try store.writer.write { db -> Bool in
      let record = try all(db)[report]
      if record?.lastStatus == "failed", record?.lastError == error { return false }
      let stamp = Timestamp.string(now)
      try db.execute(
        sql: """
          INSERT INTO report_runs (report, schedule, last_status, last_error, duration_ms, updated_at)
          VALUES (?, ?, 'failed', ?, 0, ?)
          ON CONFLICT (report) DO UPDATE SET schedule = excluded.schedule, last_status = 'failed',
            last_error = excluded.last_error, duration_ms = 0, updated_at = excluded.updated_at
          """,
        arguments: [report, scheduleText, error, stamp])
      try EventLog.record(
        db, type: "report.failed", subject: "report:\(report)",
        payload: Payload(report: report, duration_ms: 0, error: error), at: now)
      return true
    }
  }

  /// Records the end of a claimed run and releases the claim, with a `report.built` or
  /// `report.failed` event in the same transaction.
  public static func finish(
    _ store: CuesheetStore, report: String, token: String, pages: Int?, durationMs: Int,
    error: String?, now: Date
  ) throws {
    struct Payload: Encodable {
      let report: String
      let pages: Int?
      let duration_ms: Int
      let error: String?
    }
    try store.writer.write { db in
      let stamp = Timestamp.string(now)
      if error == nil {
        try db.execute(
          sql: """
            UPDATE report_runs SET last_run_at = claimed_at, last_success_at = ?, last_status = 'succeeded',
              last_error = NULL, pages = ?, duration_ms = ?, claim_token = NULL, claimed_at = NULL, updated_at = ?
            WHERE report = ? AND claim_token = ?
            """, arguments: [stamp, pages, durationMs, stamp, report, token])
      } else {
        try db.execute(
          sql: """
            UPDATE report_runs SET last_status = 'failed', last_error = ?, duration_ms = ?,
              claim_token = NULL, claimed_at = NULL, updated_at = ?
            WHERE report = ? AND claim_token = ?
            """, arguments: [error, durationMs, stamp, report, token])
      }
      try EventLog.record(
        db, type: error == nil ? "report.built" : "report.failed", subject: "report:\(report)",
        payload: Payload(report: report, pages: pages, duration_ms: durationMs, error: error),
        at: now)
    }
  }
}
