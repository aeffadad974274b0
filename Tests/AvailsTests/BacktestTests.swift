import Avails
import Store
import Testing

@Suite("backtest: MAPE and bias against the 28-day average")
struct BacktestTests {
  @Test("a 9-day show: the model is exact, the baseline misses by a hand-computed error")
  func nineDay() {
    // Window 2026-10-28..2026-11-24: 3 full cycles (13500) + 1 day of age 3 (600) = 14100, so
    // the baseline week is 14100 / 28 × 7 = 3525. Week 1 (ages 4…8, 0, 1) records 3200, week 2
    // (ages 2…8) 2800.
    let history = Fixture.nineDay(through: Fixture.asOf.adding(days: 14))
    let result = Backtest.run(histories: [history], asOf: Fixture.asOf, weeks: 2)
    #expect(result.rows.map(\.actual) == [3200, 2800])
    #expect(result.rows.map(\.forecast) == [3200, 2800])
    #expect(result.rows.allSatisfy { abs($0.baseline - 3525) < 1e-9 })
    #expect(result.modelMAPE == 0)
    #expect(result.modelBias == 0)
    let mape = try! #require(result.baselineMAPE)
    #expect(abs(mape - (325.0 / 3200 + 725.0 / 2800) / 2) < 1e-12)
    #expect(abs(result.baselineBias! - 1050.0 / 6000) < 1e-12)
  }

  @Test("a weekly show 10% above its history: both miss by 1/11")
  func weekly() {
    let history = Fixture.weekly(future: { offset in
      // The weekday pattern (mean of history weeks), 10% higher.
      let day = Fixture.asOf.adding(days: offset)
      return Int64(Double(100 * (Fixture.mondayIndex(day) + 1) + 15) * 1.1)
    })
    let result = Backtest.run(histories: [history], asOf: Fixture.asOf, weeks: 1)
    // Forecast 2905; recorded (each day's 1.1 × value, truncated): 346 + 456 + 566 + 676
    // + 786 + 126 + 236 = 3192.
    #expect(result.rows.map(\.actual) == [3192])
    let mape = try! #require(result.modelMAPE)
    #expect(abs(mape - 287.0 / 3192) < 1e-12)
    #expect(result.modelMAPE == result.baselineMAPE)
    #expect(abs(result.modelBias! + 287.0 / 3192) < 1e-12)
  }

  @Test("shows without enough history are skipped and named")
  func skipped() {
    let short = Fixture.weekly(firstDay: Fixture.asOf.adding(days: -3))
    let result = Backtest.run(histories: [short], asOf: Fixture.asOf, weeks: 1)
    #expect(result.rows.isEmpty)
    #expect(result.skippedShows == ["weekly"])
    #expect(result.modelMAPE == nil)
  }
}
