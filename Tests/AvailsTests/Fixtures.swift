import Avails
import Store

/// Shows with known, hand-checkable patterns.
enum Fixture {
  static func day(_ text: String) -> Day { Day(parsing: text)! }

  /// The as-of day of every fixture: Tuesday 2026-11-24 (the last day of the samples).
  static let asOf = day("2026-11-24")

  /// A weekly show released on Mondays; 28 days of history ending on ``asOf``. Day `d` of the
  /// week (Monday 0 … Sunday 6) in history week `k` (0 oldest … 3 newest) has
  /// `100 × (d + 1) + 10 × k` impressions, so each weekday's 4-day mean is `100 × (d + 1) + 15`.
  static func weekly(firstDay: Day? = nil, future: (Int) -> Int64 = { _ in 0 }) -> ShowHistory {
    let start = asOf.adding(days: -27)  // Wednesday 2026-10-28
    var impressions: [Day: Int64] = [:]
    for offset in 0..<28 {
      let day = start.adding(days: offset)
      let weekday = mondayIndex(day)
      impressions[day] = Int64(100 * (weekday + 1) + 10 * (offset / 7))
    }
    for offset in 1...28 {
      let day = asOf.adding(days: offset)
      impressions[day] = future(offset)
    }
    let releases = stride(from: -6, through: 0, by: 1).map { week in
      day("2026-11-23").adding(days: 7 * week)
    }
    return ShowHistory(
      showID: "weekly", firstDay: firstDay ?? start, impressions: impressions, releases: releases)
  }

  /// A show released every 9 days, the latest on 2026-11-21 (3 days before ``asOf``); a day of
  /// age `a` (days since the release) has `900 − 100 × a` impressions, in history and after it.
  static func nineDay(through last: Day = asOf) -> ShowHistory {
    let lastRelease = day("2026-11-21")
    let releases = (0..<12).map { lastRelease.adding(days: -9 * $0) }.filter { $0 <= asOf }
    let start = asOf.adding(days: -60)
    var impressions: [Day: Int64] = [:]
    for offset in 0...start.days(to: last) {
      let day = start.adding(days: offset)
      let age = ((lastRelease.days(to: day) % 9) + 9) % 9
      impressions[day] = Int64(900 - 100 * age)
    }
    return ShowHistory(
      showID: "nine-day", firstDay: start, impressions: impressions, releases: releases)
  }

  /// Monday 0 … Sunday 6.
  static func mondayIndex(_ day: Day) -> Int {
    // 1970-01-01 (ordinal 0) was a Thursday (3).
    ((day.ordinal + 3) % 7 + 7) % 7
  }
}
