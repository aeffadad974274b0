import Store

/// One show's daily ad impressions and release days: what the forecast reads.
///
/// `impressions` holds the show's impressions per day (all episodes, one measurement source per
/// episode and day), keyed by ``Day/ordinal``; a day inside the recorded range without an entry
/// counts as 0. `firstDay` is the first day the show has any metrics row: a forecast needs it at
/// least ``ForecastModel/windowDays`` days before its as-of day.
public struct ShowHistory: Sendable, Equatable {
  public let showID: String
  /// The first day with a metrics row for the show; `nil` when it has none.
  public let firstDay: Day?
  /// Impressions per day, keyed by day ordinal.
  public var impressions: [Int: Int64]
  /// Publication days of the show's episodes, ascending, duplicates removed.
  public let releases: [Day]

  public init(showID: String, firstDay: Day?, impressions: [Day: Int64], releases: [Day]) {
    self.showID = showID
    self.firstDay = firstDay
    self.impressions = Dictionary(
      impressions.map { ($0.key.ordinal, $0.value) }, uniquingKeysWith: +)
    self.releases = Array(Set(releases)).sorted()
  }

  /// The show's impressions on `day` (0 when nothing was recorded).
  public func impressions(on day: Day) -> Int64 { impressions[day.ordinal] ?? 0 }

  /// The show's impressions over `first...last`, both included.
  public func impressions(from first: Day, through last: Day) -> Int64 {
    guard first <= last else { return 0 }
    var total: Int64 = 0
    for ordinal in first.ordinal...last.ordinal { total += impressions[ordinal] ?? 0 }
    return total
  }
}
