import Foundation
import GRDB
import Store
import Testing

@testable import Reports

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

  // MARK: - Isolation (issue #14)

  static func events(_ fixture: ReportFixture, _ type: String) throws -> [[String: Any]] {
    try fixture.store.writer.read { db in
      try String.fetchAll(
        db, sql: "SELECT payload FROM events WHERE type = ? ORDER BY id", arguments: [type]
      )
    }.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
  }

  /// Templates whose names sort before the good one, each broken in a different way.
  static let broken: [String: String] = [
    "a_zone": "---\ntitle: Zone\nschedule: 0 6 * * *\ntimezone: Mars/Olympus\n---\nx\n",
    "b_cron": "---\ntitle: Cron\nschedule: 0 25 * * *\n---\nx\n",
    "c_query": "---\ntitle: Query\nschedule: 0 6 * * *\n---\n```sql q\nSELECT nope\n```\n",
    "d_syntax": "---\ntitle: Syntax\nschedule: 0 6 * * *\n---\n{{ oops\n",
    "daily": template,
  ]

  @Test func oneBrokenReportDoesNotStopTheOthers() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(Self.broken)
    let scheduler = ReportScheduler(
      builder: ReportBuilder(store: fixture.store, templatesDirectory: dir), store: fixture.store)
    let now = try at("2026-11-25T06:01:00Z")
    let outcomes = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(), now: now)
    #expect(outcomes.map(\.name) == ["a_zone", "b_cron", "c_query", "d_syntax", "daily"])
    #expect(outcomes.map(\.status) == ["failed", "failed", "failed", "failed", "built"])
    #expect(outcomes[0].error?.contains("unknown time zone \"Mars/Olympus\"") == true)
    #expect(outcomes[0].error?.contains(":4:11") == true)
    #expect(outcomes[1].error?.contains("\"25\" is not a valid hour") == true)
    #expect(outcomes[2].error?.contains("no such column: nope") == true)
    #expect(outcomes[3].error?.contains("d_syntax.md:5:") == true)
    #expect(
      FileManager.default.fileExists(atPath: fixture.path("out/daily/index.md")))
    let failed = try Self.events(fixture, "report.failed")
    #expect(
      failed.compactMap { $0["report"] as? String }.sorted() == [
        "a_zone", "b_cron", "c_query", "d_syntax",
      ])
    #expect(failed.allSatisfy { ($0["error"] as? String)?.isEmpty == false })
    // A second run does not repeat the event for a template error that has not changed.
    _ = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(), now: now.addingTimeInterval(60))
    let again = try Self.events(fixture, "report.failed")
    #expect(
      again.compactMap { $0["report"] as? String }.filter { $0 != "c_query" }.count == 3)
    let listed = try scheduler.list(now: now)
    #expect(listed.first { $0.name == "a_zone" }?.lastStatus == "invalid")
    #expect(listed.first { $0.name == "daily" }?.lastStatus == "succeeded")
  }

  @Test func builtEventCarriesARealDuration() throws {
    let fixture = try ReportFixture()
    let scheduler = try scheduler(fixture)
    _ = try scheduler.runDue(
      into: fixture.path("out"), options: ReportFixture.options(),
      now: try at("2026-11-25T06:01:00Z"))
    let built = try #require(try Self.events(fixture, "report.built").first)
    let duration = try #require(built["duration_ms"] as? Int)
    #expect(duration >= 1)
    #expect(built["pages"] as? Int == 1)
  }

  @Test(arguments: [
    (Duration.zero, 0), (.milliseconds(3), 3), (.microseconds(1500), 2), (.seconds(2), 2000),
    (.milliseconds(2250), 2250),
  ])
  func millisecondsRoundUp(duration: Duration, expected: Int) {
    #expect(ReportScheduler.milliseconds(duration) == expected)
  }
}
