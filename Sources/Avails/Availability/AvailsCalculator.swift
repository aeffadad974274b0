import Pipeline
import Store

/// Avails: forecast − contending bookings − inventory blocked by competitive separation.
///
/// For one show, one placement and a window `from...through` (all after the as-of day):
/// - **Inventory**: the show's forecast × the placement's share, per day.
/// - **Contending** (scheduled and live IOs on the show and placement):
///   - a CPM IO takes its remaining goal (`goal − delivered as of the as-of day`, at least 0),
///     spread evenly over its remaining flight days (after the as-of day); the window gets its
///     days' part;
///   - a flat IO of `S` spots over a flight of `F` days, on a show released every `c` days (7
///     without a cadence), takes `S ÷ (F ÷ c)` of the placement's forecast on each remaining day
///     of its flight: its spots × the forecast per spot, where one spot runs in one episode and
///     the flight is expected to carry `F ÷ c` episodes. More spots than episodes oversell.
/// - **Blocked**: over the days an IO in ``SeparationHold`` covers, what contending IOs leave
///   (`max(0, Σ inventory − Σ contending)` on those days): the asking category cannot use it, so
///   its avails on a fully held window are 0 (or negative when the placement is oversold).
public enum AvailsCalculator {
  /// The window the avails are asked for.
  public struct Window: Sendable, Equatable {
    public let asOf: Day
    public let from: Day
    public let through: Day

    public init(asOf: Day, from: Day, through: Day) {
      self.asOf = asOf
      self.from = from
      self.through = through
    }

    public var dayCount: Int { from.days(to: through) + 1 }
  }

  /// Avails of `placement` on the forecast's show. `forecast` must cover the window;
  /// `contending` and `holds` may include IOs of other shows and placements (they are skipped).
  public static func avails(
    forecast: ShowForecast, placement: Placement, share: Double, window: Window,
    contending: [ContendingIO], holds: [SeparationHold]
  ) -> PlacementAvails {
    let showID = forecast.showID
    let windowFlight = Flight(start: window.from, end: window.through)
    let mine = contending.filter {
      $0.showID == showID && $0.placement == placement
        && ($0.status == .scheduled || $0.status == .live)
        && windowFlight.map($0.flight.overlaps) == true
    }
    let holding = holds.filter {
      $0.showID == showID && $0.placement == placement
        && windowFlight.map($0.flight.overlaps) == true
    }
    if let gap = forecast.gap {
      return PlacementAvails(
        showID: showID, placement: placement, share: share, cycle: nil, gap: gap, inventory: 0,
        contending: 0, blocked: 0, blockedDays: 0,
        contenders: mine.map {
          .init(ioID: $0.ioID, advertiserID: $0.advertiserID, status: $0.status, impressions: 0)
        }, holds: holding)
    }
    let count = max(window.dayCount, 0)
    var inventory = [Double](repeating: 0, count: count)
    for index in 0..<count {
      inventory[index] = (forecast.impressions(on: window.from.adding(days: index)) ?? 0) * share
    }
    var taken = [Double](repeating: 0, count: count)
    var allocations: [PlacementAvails.Allocation] = []
    let cadence = Double(forecast.cycle?.cadenceDays ?? 7)
    for io in mine {
      let remainingStart = max(io.flight.start, window.asOf.adding(days: 1))
      var total = 0.0
      if remainingStart <= io.flight.end {
        let first = max(remainingStart, window.from)
        let last = min(io.flight.end, window.through)
        if first <= last {
          switch io.goal {
          case .cpm(let goal, let delivered):
            let perDay =
              Double(max(goal - delivered, 0)) / Double(remainingStart.days(to: io.flight.end) + 1)
            for index in window.from.days(to: first)...window.from.days(to: last) {
              taken[index] += perDay
              total += perDay
            }
          case .flat(let spots):
            let fraction = Double(spots) * cadence / Double(io.flight.dayCount)
            for index in window.from.days(to: first)...window.from.days(to: last) {
              let amount = inventory[index] * fraction
              taken[index] += amount
              total += amount
            }
          }
        }
      }
      allocations.append(
        .init(
          ioID: io.ioID, advertiserID: io.advertiserID, status: io.status,
          impressions: Int64(total.rounded())))
    }
    var blocked = 0.0
    var blockedDays = 0
    if !holding.isEmpty {
      for index in 0..<count {
        let day = window.from.adding(days: index)
        guard holding.contains(where: { $0.flight.start <= day && day <= $0.flight.end }) else {
          continue
        }
        blockedDays += 1
        blocked += inventory[index] - taken[index]
      }
      // Summed over the held days, not per day: a CPM goal's even spread is a pacing line, not
      // a daily cap, so a day it over-fills is made up on the others.
      blocked = max(0, blocked)
    }
    return PlacementAvails(
      showID: showID, placement: placement, share: share, cycle: forecast.cycle, gap: nil,
      inventory: Int64(inventory.reduce(0, +).rounded()),
      contending: allocations.reduce(0) { $0 + $1.impressions },
      blocked: Int64(blocked.rounded()), blockedDays: blockedDays, contenders: allocations,
      holds: holding)
  }
}
