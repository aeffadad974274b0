import Avails
import Pipeline
import Store
import Testing

@Suite("avails: forecast − contending − blocked")
struct AvailsCalculatorTests {
  /// The 7 days after the as-of day: the weekly fixture forecasts 2905 impressions, so with the
  /// mid share 0.4 the placement's inventory is 1162.
  static let window = AvailsCalculator.Window(
    asOf: Fixture.asOf, from: Fixture.asOf.adding(days: 1), through: Fixture.asOf.adding(days: 7))

  static func forecast() -> ShowForecast {
    ForecastModel.forecast(
      Fixture.weekly(), asOf: Fixture.asOf, from: window.from, through: window.through)
  }

  static func cpm(
    _ id: String, goal: Int64, delivered: Int64, flight: String, status: IOStatus = .scheduled,
    placement: Placement = .mid
  ) throws -> ContendingIO {
    ContendingIO(
      ioID: id, advertiserID: "adv-\(id)", showID: "weekly", placement: placement,
      flight: try Flight(parsing: flight), status: status,
      goal: .cpm(goal: goal, delivered: delivered))
  }

  static func avails(_ contending: [ContendingIO] = [], holds: [SeparationHold] = [])
    -> PlacementAvails
  {
    AvailsCalculator.avails(
      forecast: forecast(), placement: .mid, share: 0.4, window: window, contending: contending,
      holds: holds)
  }

  @Test("without bookings everything is available")
  func empty() {
    let avails = Self.avails()
    #expect(avails.inventory == 1162)
    #expect(avails.contending == 0 && avails.blocked == 0)
    #expect(avails.available == 1162)
  }

  @Test("a CPM IO takes its remaining goal spread evenly over its remaining flight")
  func cpmAllocation() throws {
    // Flight 2026-11-20..2026-12-09: 15 days remain after the as-of day (11-25..12-09); the
    // remaining goal 1500 − 300 = 1200 is 80 a day; the window holds 7 of those days: 560.
    let io = try Self.cpm("IO-1", goal: 1500, delivered: 300, flight: "2026-11-20..2026-12-09")
    let avails = Self.avails([io])
    #expect(avails.contending == 560)
    #expect(avails.contenders.map(\.impressions) == [560])
    #expect(Self.avails().available - avails.available == 560)
  }

  @Test("drafts, completed and cancelled IOs, other placements and delivered goals take nothing")
  func notContending() throws {
    let flight = "2026-11-25..2026-12-01"
    let ios = [
      try Self.cpm("IO-1", goal: 700, delivered: 0, flight: flight, status: .draft),
      try Self.cpm("IO-2", goal: 700, delivered: 0, flight: flight, status: .cancelled),
      try Self.cpm("IO-3", goal: 700, delivered: 0, flight: flight, status: .completed),
      try Self.cpm("IO-4", goal: 700, delivered: 0, flight: flight, placement: .pre),
      try Self.cpm("IO-5", goal: 700, delivered: 900, flight: flight, status: .live),
      try Self.cpm("IO-6", goal: 700, delivered: 0, flight: "2026-12-02..2026-12-09"),
    ]
    let avails = Self.avails(ios)
    #expect(avails.available == 1162)
    #expect(avails.contenders.map(\.ioID) == ["IO-5"])
  }

  @Test("a flat IO takes spots × forecast per spot")
  func flatAllocation() throws {
    // 14-day flight on a weekly show: 2 episodes expected; 1 spot takes half of the placement's
    // forecast on each remaining day: 1162 / 2 = 581 in the window.
    let io = ContendingIO(
      ioID: "IO-9", advertiserID: "adv-9", showID: "weekly", placement: .mid,
      flight: try Flight(parsing: "2026-11-25..2026-12-08"), status: .live, goal: .flat(spots: 1))
    let avails = Self.avails([io])
    #expect(avails.contending == 581)
    #expect(avails.available == 581)
  }

  @Test("an oversold placement reports negative avails and names its IOs")
  func oversold() throws {
    let ios = [
      try Self.cpm("IO-1", goal: 700, delivered: 0, flight: "2026-11-25..2026-12-01"),
      try Self.cpm("IO-2", goal: 1400, delivered: 0, flight: "2026-11-25..2026-12-08"),
    ]
    let avails = Self.avails(ios)
    #expect(avails.contending == 1400)
    #expect(avails.available == -238)
    #expect(avails.oversold)
    #expect(avails.contenders.map(\.ioID) == ["IO-1", "IO-2"])
  }

  @Test("a separation hold blocks what is left on its days, for its placement only")
  func separationBlocks() throws {
    // Held 2026-11-28..2026-11-30 (Saturday 615, Sunday 715, Monday 115; × 0.4 = 578).
    let hold = SeparationHold(
      ioID: "IO-7", advertiserID: "adv-rival", category: "finance", showID: "weekly",
      placement: .mid, flight: try Flight(parsing: "2026-11-28..2026-11-30"), status: .scheduled)
    let avails = Self.avails(holds: [hold])
    #expect(avails.blocked == 578)
    #expect(avails.blockedDays == 3)
    #expect(avails.available == 1162 - 578)
    #expect(avails.holds.map(\.ioID) == ["IO-7"])
    let pre = AvailsCalculator.avails(
      forecast: Self.forecast(), placement: .pre, share: 0.4, window: Self.window,
      contending: [], holds: [hold])
    #expect(pre.blocked == 0 && pre.available == 1162)
  }

  @Test("a hold never blocks more than what contending IOs left")
  func blockAfterContending() throws {
    let io = try Self.cpm("IO-1", goal: 7000, delivered: 0, flight: "2026-11-25..2026-12-01")
    let hold = SeparationHold(
      ioID: "IO-7", advertiserID: "adv-rival", category: "finance", showID: "weekly",
      placement: .mid, flight: try Flight(parsing: "2026-11-25..2026-12-01"), status: .scheduled)
    let avails = Self.avails([io], holds: [hold])
    #expect(avails.blocked == 0)
    #expect(avails.available == 1162 - 7000)
  }

  @Test("a show without a forecast has no figures, only the gap")
  func gap() {
    let short = ForecastModel.forecast(
      Fixture.weekly(firstDay: Fixture.asOf), asOf: Fixture.asOf, from: Self.window.from,
      through: Self.window.through)
    let avails = AvailsCalculator.avails(
      forecast: short, placement: .mid, share: 0.4, window: Self.window, contending: [],
      holds: [])
    #expect(!avails.hasForecast)
    #expect(!avails.oversold)
    #expect(avails.inventory == 0)
  }

  @Test("the plan fills greedily in the order given")
  func plan() {
    func row(_ show: String, _ inventory: Int64) -> PlacementAvails {
      PlacementAvails(
        showID: show, placement: .mid, share: 0.4, cycle: .dayOfWeek(cadenceDays: 7), gap: nil,
        inventory: inventory, contending: 0, blocked: 0, blockedDays: 0, contenders: [], holds: [])
    }
    let rows = [row("a", 300), row("b", -50), row("c", 500), row("d", 1000)]
    let plan = AvailsPlan.greedy(requested: 600, over: rows)
    #expect(plan.lines.map(\.showID) == ["a", "c"])
    #expect(plan.lines.map(\.impressions) == [300, 300])
    #expect(plan.filled)
    let short = AvailsPlan.greedy(requested: 5000, over: rows)
    #expect(short.planned == 1800 && short.shortfall == 3200)
  }
}

@Suite("sell-through: sold and delivered, sold and not delivered, available")
struct SellThroughTests {
  @Test("the last 30 days: recorded inventory against what IOs booked for those days")
  func past() throws {
    // The weekly fixture's last 30 days: 2026-10-26 and 10-27 are before its history (0), then
    // the 28 recorded days sum to 11,620; the mid share (0.4) is 4,648.
    let history = Fixture.weekly()
    let io = ContendingIO(
      ioID: "IO-1", advertiserID: "a", showID: "weekly", placement: .mid,
      flight: try Flight(parsing: "2026-11-15..2026-12-14"), status: .completed,
      goal: .cpm(goal: 3000, delivered: 0))
    let draft = ContendingIO(
      ioID: "IO-2", advertiserID: "a", showID: "weekly", placement: .mid,
      flight: try Flight(parsing: "2026-11-15..2026-12-14"), status: .draft,
      goal: .cpm(goal: 3000, delivered: 0))
    // IO-1: 10 of its 30 days fall in the period: 1,000 sold, all delivered.
    let figures = SellThrough.past(
      history: history, placement: .mid, share: 0.4, asOf: Fixture.asOf, bookings: [io, draft])
    #expect(figures.first == Fixture.day("2026-10-26"))
    #expect(figures.inventory == 4648)
    #expect(figures.soldDelivered == 1000 && figures.soldUndelivered == 0)
    #expect(figures.available == 3648)
    let big = ContendingIO(
      ioID: "IO-3", advertiserID: "a", showID: "weekly", placement: .mid,
      flight: try Flight(parsing: "2026-11-15..2026-11-24"), status: .live,
      goal: .cpm(goal: 6000, delivered: 0))
    let oversold = SellThrough.past(
      history: history, placement: .mid, share: 0.4, asOf: Fixture.asOf, bookings: [big])
    #expect(oversold.soldDelivered == 4648 && oversold.soldUndelivered == 1352)
    #expect(oversold.available == 0)
    #expect(oversold.rate == 6000.0 / 4648)
  }

  @Test("the next 4 weeks: the forecast against the contending IOs")
  func future() throws {
    let forecast = ForecastModel.forecast(
      Fixture.weekly(), asOf: Fixture.asOf, from: Fixture.asOf.adding(days: 1),
      through: Fixture.asOf.adding(days: 28))
    let io = ContendingIO(
      ioID: "IO-1", advertiserID: "a", showID: "weekly", placement: .mid,
      flight: try Flight(parsing: "2026-11-25..2026-12-01"), status: .scheduled,
      goal: .cpm(goal: 700, delivered: 0))
    let figures = SellThrough.future(
      forecast: forecast, placement: .mid, share: 0.4, asOf: Fixture.asOf, contending: [io])
    #expect(figures.inventory == 4648)
    #expect(figures.soldDelivered == 0 && figures.soldUndelivered == 700)
    #expect(figures.available == 3948)
  }
}
