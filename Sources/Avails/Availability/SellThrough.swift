import Pipeline
import Store

/// Sell-through of one show and placement over a period: inventory split into sold and
/// delivered, sold and not delivered, and available (as Megaphone's sell-through report splits it).
///
/// - **Last 30 days** (`asOf − 29 … asOf`): inventory is the recorded impressions × the
///   placement's share. Sold is what scheduled, live and completed IOs booked for those days (a CPM
///   goal spread evenly over its flight; a flat IO's spots × impressions per spot, as in
///   ``AvailsCalculator``). Sold and delivered is `min(sold, inventory)`, the rest of sold was not
///   delivered, and available is the inventory no IO was sold (`inventory − sold and delivered`).
/// - **Next 4 weeks** (`asOf + 1 … asOf + 28`): inventory is the forecast × share, sold (not yet
///   delivered) is the contending IOs' allocation (``AvailsCalculator``), and available is
///   `inventory − sold` (negative when oversold). No figures without a forecast.
///
/// Sell-through rate = sold ÷ inventory (the past counts only what was delivered).
public struct SellThroughFigures: Sendable, Equatable {
  public enum Period: String, Sendable, CaseIterable {
    case last30Days = "last_30_days"
    case next4Weeks = "next_4_weeks"
  }

  public let showID: String
  public let placement: Placement
  public let period: Period
  public let first: Day
  public let last: Day
  /// Set when the show has no forecast (next 4 weeks only); the figures are then 0.
  public let gap: ShowForecast.Gap?
  public let inventory: Int64
  public let soldDelivered: Int64
  public let soldUndelivered: Int64
  public let available: Int64

  /// Sold ÷ inventory; `nil` without inventory.
  public var rate: Double? {
    guard gap == nil, inventory > 0 else { return nil }
    return Double(soldDelivered + soldUndelivered) / Double(inventory)
  }
}

/// Computes ``SellThroughFigures``.
public enum SellThrough {
  public static let pastDays = 30
  public static let futureDays = 28

  /// The last 30 days of `history` (which must hold them) at `placement`. `bookings` are the IOs
  /// (any status; only scheduled, live and completed ones count) with their goals.
  public static func past(
    history: ShowHistory, placement: Placement, share: Double, asOf: Day, bookings: [ContendingIO]
  ) -> SellThroughFigures {
    let first = asOf.adding(days: -(pastDays - 1))
    var inventory = [Double](repeating: 0, count: pastDays)
    for index in 0..<pastDays {
      inventory[index] = Double(history.impressions(on: first.adding(days: index))) * share
    }
    let cadence = Double(
      ForecastModel.cycle(releases: history.releases, asOf: asOf).cadenceDays ?? 7)
    var sold: Int64 = 0
    for io in bookings
    where io.showID == history.showID && io.placement == placement
      && [.scheduled, .live, .completed].contains(io.status)
    {
      let from = max(io.flight.start, first)
      let through = min(io.flight.end, asOf)
      guard from <= through else { continue }
      let days = Double(from.days(to: through) + 1)
      switch io.goal {
      case .cpm(let goal, _):
        sold += Int64((Double(goal) * days / Double(io.flight.dayCount)).rounded())
      case .flat(let spots):
        let recorded = (first.days(to: from)...first.days(to: through)).reduce(0.0) {
          $0 + inventory[$1]
        }
        sold += Int64((Double(spots) * cadence / Double(io.flight.dayCount) * recorded).rounded())
      }
    }
    let total = Int64(inventory.reduce(0, +).rounded())
    let delivered = min(sold, total)
    return SellThroughFigures(
      showID: history.showID, placement: placement, period: .last30Days, first: first, last: asOf,
      gap: nil, inventory: total, soldDelivered: delivered, soldUndelivered: sold - delivered,
      available: total - delivered)
  }

  /// The next 4 weeks from `forecast` (which must cover `asOf + 1 … asOf + 28`).
  public static func future(
    forecast: ShowForecast, placement: Placement, share: Double, asOf: Day,
    contending: [ContendingIO]
  ) -> SellThroughFigures {
    let window = AvailsCalculator.Window(
      asOf: asOf, from: asOf.adding(days: 1), through: asOf.adding(days: futureDays))
    let avails = AvailsCalculator.avails(
      forecast: forecast, placement: placement, share: share, window: window,
      contending: contending, holds: [])
    return SellThroughFigures(
      showID: forecast.showID, placement: placement, period: .next4Weeks, first: window.from,
      last: window.through, gap: avails.gap, inventory: avails.inventory, soldDelivered: 0,
      soldUndelivered: avails.contending, available: avails.inventory - avails.contending)
  }
}
