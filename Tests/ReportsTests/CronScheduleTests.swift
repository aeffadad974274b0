import Foundation
import Reports
import Store
import Testing

@Suite struct CronScheduleTests {
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let expression: String
    let after: String
    /// The next runs, in UTC.
    let expected: [String]
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "daily UTC", expression: "0 6 * * *", after: "2026-11-25T06:00:00Z",
      expected: ["2026-11-26T06:00:00Z", "2026-11-27T06:00:00Z"]),
    Case(
      name: "daily, before today's run", expression: "30 5 * * *", after: "2026-11-25T05:29:59Z",
      expected: ["2026-11-25T05:30:00Z"]),
    Case(
      name: "every 15 minutes", expression: "*/15 * * * *", after: "2026-11-25T23:50:00Z",
      expected: ["2026-11-26T00:00:00Z", "2026-11-26T00:15:00Z"]),
    Case(
      name: "weekly Monday in Berlin", expression: "0 7 * * mon Europe/Berlin",
      after: "2026-11-25T12:00:00Z",
      expected: ["2026-11-30T06:00:00Z", "2026-12-07T06:00:00Z"]),
    Case(
      name: "weekdays 1-5", expression: "0 9 * * 1-5", after: "2026-11-27T10:00:00Z",
      expected: ["2026-11-30T09:00:00Z"]),
    Case(
      name: "Sunday as 7", expression: "0 0 * * 7", after: "2026-11-25T00:00:00Z",
      expected: ["2026-11-29T00:00:00Z"]),
    Case(
      name: "last day of month (L)", expression: "0 23 L * *", after: "2027-01-31T23:00:00Z",
      expected: ["2027-02-28T23:00:00Z", "2027-03-31T23:00:00Z", "2027-04-30T23:00:00Z"]),
    Case(
      name: "last day of February in a leap year", expression: "0 0 L 2 *",
      after: "2027-06-01T00:00:00Z",
      expected: ["2028-02-29T00:00:00Z"]),
    Case(
      name: "day 31 skips short months", expression: "0 12 31 * *", after: "2026-11-01T00:00:00Z",
      expected: ["2026-12-31T12:00:00Z", "2027-01-31T12:00:00Z", "2027-03-31T12:00:00Z"]),
    Case(
      name: "day 1 in New York across DST end", expression: "0 9 1 * * America/New_York",
      after: "2026-10-15T00:00:00Z",
      expected: ["2026-11-01T14:00:00Z", "2026-12-01T14:00:00Z"]),
    Case(
      name: "daily in New York across DST end", expression: "0 9 * * * America/New_York",
      after: "2026-10-31T00:00:00Z",
      expected: ["2026-10-31T13:00:00Z", "2026-11-01T14:00:00Z"]),
    Case(
      name: "spring forward: skipped 02:30 runs at 03:00 CEST",
      expression: "30 2 * * * Europe/Berlin",
      after: "2026-03-28T02:00:00Z",
      expected: ["2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]),
    Case(
      name: "fall back: repeated 02:30 runs once", expression: "30 2 * * * Europe/Berlin",
      after: "2026-10-24T12:00:00Z",
      expected: ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]),
    Case(
      name: "either day field (Vixie OR)", expression: "0 0 13 * fri",
      after: "2026-11-12T00:00:00Z",
      expected: ["2026-11-13T00:00:00Z", "2026-11-20T00:00:00Z"]),
  ]

  @Test(arguments: cases)
  func nextRuns(_ testCase: Case) throws {
    let schedule = try CronSchedule(testCase.expression)
    var date = try #require(Timestamp.parse(testCase.after))
    var runs: [String] = []
    for _ in testCase.expected {
      date = try #require(schedule.next(after: date))
      runs.append(Timestamp.string(date))
    }
    #expect(runs == testCase.expected)
  }

  @Test(arguments: [
    ("0 6 * *", "five fields"),
    ("61 * * * *", "not a valid minute"),
    ("0 24 * * *", "not a valid hour"),
    ("0 0 0 * *", "not a valid day of month"),
    ("0 0 * 13 *", "not a valid month"),
    ("0 0 * * funday", "not a valid day of week"),
    ("0 0 * * * Mars/Olympus", "unknown time zone"),
    ("*/0 * * * *", "bad step"),
    ("5-1 * * * *", "runs backwards"),
  ])
  func badExpressions(expression: String, message: String) {
    #expect {
      try CronSchedule(expression)
    } throws: { error in
      (error as? CronError)?.description.contains(message) == true
    }
  }

  @Test func impossibleDateHasNoNextRun() throws {
    #expect(try CronSchedule("0 0 30 2 *").next(after: Date(timeIntervalSince1970: 0)) == nil)
  }

  @Test func timeZoneFromFrontMatter() throws {
    let schedule = try CronSchedule("0 7 * * *", timeZone: "Asia/Tokyo")
    let start = try #require(Timestamp.parse("2026-11-25T00:00:00Z"))
    let next = try #require(schedule.next(after: start))
    #expect(Timestamp.string(next) == "2026-11-25T22:00:00Z")
  }
}
