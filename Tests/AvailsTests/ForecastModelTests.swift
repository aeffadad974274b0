import Avails
import Store
import Testing

@Suite("the forecast model, hand-computed")
struct ForecastModelTests {
  @Test("a weekly show is forecast by weekday: each weekday's 4-day mean")
  func weeklyByWeekday() throws {
    let history = Fixture.weekly()
    let from = Fixture.asOf.adding(days: 1)  // Wednesday
    let forecast = ForecastModel.forecast(
      history, asOf: Fixture.asOf, from: from, through: from.adding(days: 13))
    #expect(forecast.gap == nil)
    #expect(forecast.cycle == .dayOfWeek(cadenceDays: 7))
    // Wednesday (2) 315, Thursday 415, Friday 515, Saturday 615, Sunday 715, Monday 115,
    // Tuesday 215, twice.
    let week: [Double] = [315, 415, 515, 615, 715, 115, 215]
    #expect(forecast.daily == week + week)
    #expect(forecast.total(from: from, through: from.adding(days: 6)) == 2905)
  }

  @Test("a 9-day show is forecast by age in its release cycle, with projected releases")
  func releaseCycle() throws {
    let history = Fixture.nineDay()
    let from = Fixture.asOf.adding(days: 1)
    let forecast = ForecastModel.forecast(
      history, asOf: Fixture.asOf, from: from, through: from.adding(days: 9))
    #expect(forecast.cycle == .every(days: 9, lastRelease: Fixture.day("2026-11-21")))
    // 2026-11-25 is 4 days after the 2026-11-21 release; the next is projected on 2026-11-30.
    #expect(forecast.daily == [500, 400, 300, 200, 100, 900, 800, 700, 600, 500])
  }

  @Test("an overdue release is projected on the day after the as-of day")
  func overdueRelease() throws {
    let history = Fixture.nineDay()
    let asOf = Fixture.day("2026-12-02")  // 11 days after the last release
    var extended = history
    for offset in 1...8 {
      extended.impressions[Fixture.asOf.adding(days: offset).ordinal] = 100
    }
    let forecast = ForecastModel.forecast(
      extended, asOf: asOf, from: asOf.adding(days: 1), through: asOf.adding(days: 2))
    #expect(forecast.cycle == .every(days: 9, lastRelease: Fixture.day("2026-11-21")))
    // Ages 0 and 1: the window's age-0 days are 2026-11-12 and 2026-11-21 (900 each) and the
    // ages 1 days 2026-11-13 and 2026-11-22 (800 each).
    #expect(forecast.daily == [900, 800])
  }

  @Test("too little history gives no forecast and says how much there is")
  func tooShort() {
    let history = Fixture.weekly(firstDay: Fixture.asOf.adding(days: -20))
    let forecast = ForecastModel.forecast(
      history, asOf: Fixture.asOf, from: Fixture.asOf.adding(days: 1),
      through: Fixture.asOf.adding(days: 7))
    #expect(forecast.daily.isEmpty)
    #expect(forecast.cycle == nil)
    #expect(
      forecast.gap
        == .insufficientHistory(
          firstDay: Fixture.asOf.adding(days: -20), daysAvailable: 21, needed: 28))
    let none = ShowHistory(showID: "new", firstDay: nil, impressions: [:], releases: [])
    #expect(
      ForecastModel.forecast(
        none, asOf: Fixture.asOf, from: Fixture.asOf.adding(days: 1), through: Fixture.asOf
      ).gap == .insufficientHistory(firstDay: nil, daysAvailable: 0, needed: 28))
  }

  @Test(
    "cadence: the median gap of the last releases decides the grouping",
    arguments: [
      ([0], ReleaseCycle.dayOfWeek(cadenceDays: nil)),
      ([0, 9], .dayOfWeek(cadenceDays: nil)),
      ([0, 1, 2, 3, 4], .dayOfWeek(cadenceDays: 1)),
      ([0, 7, 14, 21], .dayOfWeek(cadenceDays: 7)),
      ([0, 14, 28, 42], .every(days: 14, lastRelease: Fixture.day("2026-11-24"))),
      ([0, 21, 42], .dayOfWeek(cadenceDays: 21)),
      ([0, 3, 7, 10, 14], .every(days: 4, lastRelease: Fixture.day("2026-11-24"))),
      ([0, 9, 18, 30, 39], .every(days: 9, lastRelease: Fixture.day("2026-11-24"))),
    ])
  func cadence(offsets: [Int], expected: ReleaseCycle) {
    let last = offsets.last ?? 0
    let releases = offsets.map { Fixture.asOf.adding(days: $0 - last) }
    // A release after the as-of day is not known yet.
    let future = Fixture.asOf.adding(days: 2)
    #expect(ForecastModel.cycle(releases: releases + [future], asOf: Fixture.asOf) == expected)
  }

  @Test("the baseline is the 28-day average")
  func baseline() {
    // Mean of 100…700 is 400, plus the week term's mean 15.
    #expect(ForecastModel.baselineDailyMean(Fixture.weekly(), asOf: Fixture.asOf) == 415)
  }
}
