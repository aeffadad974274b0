import Store

/// A show's forecast impressions (all placements together) per day over a range of days, or the
/// reason there is none.
public struct ShowForecast: Sendable, Equatable {
  /// Why a show has no forecast.
  public enum Gap: Sendable, Equatable {
    /// The show's metrics start too late: `daysAvailable` days up to the as-of day, `needed`
    /// required. Nothing is extrapolated from fewer.
    case insufficientHistory(firstDay: Day?, daysAvailable: Int, needed: Int)
  }

  public let showID: String
  /// The last day of history the forecast was made from.
  public let asOf: Day
  /// The first forecast day.
  public let from: Day
  /// The grouping the profile used; `nil` when there is no forecast.
  public let cycle: ReleaseCycle?
  /// Expected impressions per day from `from`, one entry a day; empty when `gap` is set.
  public let daily: [Double]
  public let gap: Gap?

  public init(
    showID: String, asOf: Day, from: Day, cycle: ReleaseCycle?, daily: [Double], gap: Gap?
  ) {
    self.showID = showID
    self.asOf = asOf
    self.from = from
    self.cycle = cycle
    self.daily = daily
    self.gap = gap
  }

  /// The last forecast day (`from` when there are none).
  public var through: Day { from.adding(days: max(daily.count - 1, 0)) }

  /// The forecast for `day`, or `nil` outside the range or without a forecast.
  public func impressions(on day: Day) -> Double? {
    let index = from.days(to: day)
    guard daily.indices.contains(index) else { return nil }
    return daily[index]
  }

  /// The sum over `first...last` (clamped to the forecast's days).
  public func total(from first: Day, through last: Day) -> Double {
    guard !daily.isEmpty else { return 0 }
    let lower = max(from.days(to: first), 0)
    let upper = min(from.days(to: last), daily.count - 1)
    guard lower <= upper else { return 0 }
    return daily[lower...upper].reduce(0, +)
  }
}
