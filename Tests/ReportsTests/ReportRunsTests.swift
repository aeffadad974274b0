import Foundation
import GRDB
import Reports
import Store
import Testing

@Suite struct ReportRunsTests {
  static let template = """
    ---
    title: Daily
    schedule: 0 6 * * * UTC
    ---
    ```sql n
    SELECT count(*) AS shows FROM shows
    ```
    Shows: {{ n[0].shows }}
    """

  func scheduler(_ fixture: ReportFixture) throws -> ReportScheduler {
    let dir = try fixture.templates([
      "daily": Self.template, "manual": "---\ntitle: Manual\n---\nNo schedule.\n",
    ])
    return ReportScheduler(
      builder: ReportBuilder(store: fixture.store, templatesDirectory: dir), store: fixture.store)
  }

  func at(_ text: String) throws -> Date { try #require(Timestamp.parse(text)) }

  @Test func runDueTwiceBuildsOnce() throws {
    let fixture = try ReportFixture()
    let scheduler = try scheduler(fixture)
    let out = fixture.path("out")
    let now = try at("2026-11-25T06:01:00Z")
    let first = try scheduler.runDue(into: out, options: ReportFixture.options(), now: now)
    #expect(first == [.init(name: "daily", status: "built", pages: 1)])
    let second = try scheduler.runDue(
      into: out, options: ReportFixture.options(), now: now.addingTimeInterval(60))
    #expect(second == [.init(name: "daily", status: "not_due")])
    let built = try fixture.store.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE type = 'report.built'")
    }
    #expect(built == 1)
    // The next day's 06:00 makes it due again.
    let third = try scheduler.runDue(
      into: out, options: ReportFixture.options(), now: try at("2026-11-26T06:00:00Z"))
    #expect(third.first?.status == "built")
  }

  @Test func overlappingRunSeesTheClaimAndSkips() throws {
    let fixture = try ReportFixture()
    let scheduler = try scheduler(fixture)
    let now = try at("2026-11-25T06:01:00Z")
    let schedule = try CronSchedule("0 6 * * * UTC")
    // Another run has claimed the report and is still building.
    let claimed = try ReportRuns.claimIfDue(
      fixture.store, report: "daily", schedule: schedule, scheduleText: "0 6 * * * UTC", now: now)
    let token = try #require(claimed)
    let overlapping = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(), now: now)
    #expect(overlapping == [.init(name: "daily", status: "busy")])
    let again = try ReportRuns.claimIfDue(
      fixture.store, report: "daily", schedule: schedule, scheduleText: "", now: now)
    #expect(again == nil)
    try ReportRuns.finish(
      fixture.store, report: "daily", token: token, pages: 1, durationMs: 5, error: nil, now: now)
    let after = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(), now: now)
    #expect(after == [.init(name: "daily", status: "not_due")])
  }

  @Test func concurrentClaimsYieldExactlyOneWinner() async throws {
    let fixture = try ReportFixture()
    let schedule = try CronSchedule("0 6 * * * UTC")
    let now = try at("2026-11-25T06:01:00Z")
    let store = fixture.store
    let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
      for _ in 0..<8 {
        group.addTask {
          try ReportRuns.claimIfDue(
            store, report: "daily", schedule: schedule, scheduleText: "0 6 * * *", now: now) != nil
        }
      }
      return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
    }
    #expect(winners == 1)
  }

  @Test func staleClaimIsTakenOver() throws {
    let fixture = try ReportFixture()
    let schedule = try CronSchedule("0 6 * * * UTC")
    let now = try at("2026-11-25T06:01:00Z")
    _ = try ReportRuns.claimIfDue(
      fixture.store, report: "daily", schedule: schedule, scheduleText: "", now: now)
    let later = now.addingTimeInterval(ReportRuns.staleClaimAfter + 1)
    let taken = try ReportRuns.claimIfDue(
      fixture.store, report: "daily", schedule: schedule, scheduleText: "", now: later)
    #expect(taken != nil)
  }

  @Test func failedBuildIsRecordedAndRetried() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates([
      "daily": "---\ntitle: D\nschedule: 0 6 * * *\n---\n```sql q\nSELECT nope\n```\n"
    ])
    let scheduler = ReportScheduler(
      builder: ReportBuilder(store: fixture.store, templatesDirectory: dir), store: fixture.store)
    let now = try at("2026-11-25T06:01:00Z")
    let outcome = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(), now: now)
    #expect(outcome.first?.status == "failed")
    let entry = try #require(try scheduler.list(now: now).first)
    #expect(entry.lastStatus == "failed")
    #expect(entry.nextDue == "2026-11-25T06:01:00Z")
    #expect(
      try scheduler.runDue(into: fixture.path("out"), options: ReportFixture.options(), now: now)
        .first?.status == "failed")
  }

  @Test func listShowsScheduleLastRunAndNextDue() throws {
    let fixture = try ReportFixture()
    let scheduler = try scheduler(fixture)
    let now = try at("2026-11-25T06:01:00Z")
    _ = try scheduler.runDue(into: fixture.path("out"), options: ReportFixture.options(), now: now)
    let entries = try scheduler.list(now: now)
    #expect(entries.map(\.name) == ["daily", "manual"])
    #expect(entries[0].schedule == "0 6 * * * UTC")
    #expect(entries[0].lastRunAt == "2026-11-25T06:01:00Z")
    #expect(entries[0].nextDue == "2026-11-26T06:00:00Z")
    #expect(entries[1].schedule == nil && entries[1].nextDue == nil)
  }
}
