import Foundation
import Pipeline
import Store
import Testing

/// Delivery and pacing on hand-computed data.
///
/// IO-1: show S-1 (episodes E-1, E-2), flight 2026-12-01..2026-12-10 (10 days), goal 10,000.
/// Picked per episode and day (megaphone > spotify > apple > csv > others alphabetically):
///
/// | day   | rows                                    | counted          | running |
/// |-------|-----------------------------------------|------------------|---------|
/// | 11-30 | E-1 megaphone 999                       | before the flight|       0 |
/// | 12-01 | E-1 megaphone 400, spotify 300, apple 200 | 400            |     400 |
/// | 12-01 | E-2 spotify 100, apple 150              | 100              |     500 |
/// | 12-02 | E-1 apple 250, csv 500                  | 250              |     750 |
/// | 12-03 | E-1 csv 300, zeta 900, acast 700        | 300              |   1,050 |
/// | 12-04 | E-2 zeta 60, acast 50                   | 50               |   1,100 |
/// | 12-04 | E-3 (show S-2) megaphone 5,000          | other show       |   1,100 |
/// | 12-06 | E-1 megaphone 1,000                     | 1,000            |   2,100 |
/// | 12-11 | E-1 megaphone 7,777                     | after the flight |   2,100 |
@Suite struct DeliveryCalculatorTests {
  static func fixture() throws -> PipelineFixture {
    let fixture = try PipelineFixture.standard()
    try fixture.episode("E-2", show: "S-1")
    try fixture.episode("E-3", show: "S-2")
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", flight: "2026-12-01..2026-12-10", goal: 10_000)
    let rows: [(String, String, String, Int64)] = [
      ("2026-11-30", "E-1", "megaphone", 999),
      ("2026-12-01", "E-1", "megaphone", 400), ("2026-12-01", "E-1", "spotify", 300),
      ("2026-12-01", "E-1", "apple", 200),
      ("2026-12-01", "E-2", "spotify", 100), ("2026-12-01", "E-2", "apple", 150),
      ("2026-12-02", "E-1", "apple", 250), ("2026-12-02", "E-1", "csv", 500),
      ("2026-12-03", "E-1", "csv", 300), ("2026-12-03", "E-1", "zeta", 900),
      ("2026-12-03", "E-1", "acast", 700),
      ("2026-12-04", "E-2", "zeta", 60), ("2026-12-04", "E-2", "acast", 50),
      ("2026-12-04", "E-3", "megaphone", 5000),
      ("2026-12-06", "E-1", "megaphone", 1000),
      ("2026-12-11", "E-1", "megaphone", 7777),
    ]
    for (day, episode, source, impressions) in rows {
      try fixture.metric(day, episode: episode, source: source, impressions: impressions)
    }
    return fixture
  }

  @Test(
    "delivered, expected and pacing as of a day",
    arguments: [
      // (as of, elapsed days, delivered, expected, pacing)
      ("2026-11-30", 0, 0 as Int64, 0.0, nil as Double?),
      ("2026-12-01", 1, 500, 1000.0, 0.5),
      ("2026-12-04", 4, 1100, 4000.0, 0.275),
      ("2026-12-05", 5, 1100, 5000.0, 0.22),
      ("2026-12-06", 6, 2100, 6000.0, 0.35),
      ("2026-12-10", 10, 2100, 10000.0, 0.21),
      ("2027-01-31", 10, 2100, 10000.0, 0.21),
    ])
  func pacing(asOf: String, elapsed: Int, delivered: Int64, expected: Double, pacing: Double?)
    throws
  {
    let fixture = try Self.fixture()
    let (_, delivery) = try fixture.ios.show("IO-1", asOf: Day(parsing: asOf)!)
    #expect(delivery.flightDays == 10)
    #expect(delivery.elapsedDays == elapsed)
    #expect(delivery.delivered == delivered)
    #expect(delivery.goal == 10_000)
    #expect(delivery.expected == expected)
    if let pacing {
      #expect(abs(try #require(delivery.pacing) - pacing) < 1e-12)
    } else {
      #expect(delivery.pacing == nil)
    }
  }

  @Test("every IO on the show and in the flight is credited in full, whatever its placement")
  func attribution() throws {
    let fixture = try Self.fixture()
    try fixture.io(
      "IO-2", campaign: "C-2", show: "S-1", placement: .pre, flight: "2026-12-03..2026-12-06",
      goal: 2000)
    let asOf = Day(parsing: "2026-12-31")!
    #expect(try fixture.ios.show("IO-1", asOf: asOf).1.delivered == 2100)
    // 12-03: 300, 12-04: 50, 12-06: 1,000.
    let second = try fixture.ios.show("IO-2", asOf: asOf).1
    #expect(second.delivered == 1350)
    #expect(second.deliveryRatio == 0.675)
  }

  @Test("a flat line has delivery but no expected figure and no pacing")
  func flatLine() throws {
    let fixture = try Self.fixture()
    try fixture.execute(
      "UPDATE io_bookings SET rate_type = 'flat', spots = 4, impressions_goal = NULL WHERE io_id = 'IO-1'"
    )
    let delivery = try fixture.ios.show("IO-1", asOf: Day(parsing: "2026-12-04")!).1
    #expect(delivery.delivered == 1100)
    #expect(delivery.goal == nil)
    #expect(delivery.expected == nil)
    #expect(delivery.pacing == nil)
    #expect(delivery.deliveryRatio == nil)
  }

  @Test("show of an unknown IO names it")
  func unknown() throws {
    let fixture = try PipelineFixture.standard()
    #expect(throws: PipelineError.ioNotFound("IO-9")) {
      try fixture.ios.show("IO-9", asOf: Day(parsing: "2026-12-01")!)
    }
  }
}
