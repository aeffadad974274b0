import Store

/// An IO's flight: the first and last day the ad runs, both included.
public struct Flight: Sendable, Hashable, CustomStringConvertible {
  public let start: Day
  public let end: Day

  /// A flight from `start` to `end`; `nil` when `end` is before `start`.
  public init?(start: Day, end: Day) {
    guard start <= end else { return nil }
    self.start = start
    self.end = end
  }

  /// Parses `START..END` (`2026-12-01..2026-12-31`), throwing a usage error that says what is wrong.
  public init(parsing text: String) throws(PipelineError) {
    let parts = text.split(separator: "..", omittingEmptySubsequences: false)
    guard parts.count == 2 else {
      throw .invalidArgument(
        "--flight '\(text)' is not START..END; write it like 2026-12-01..2026-12-31.")
    }
    guard let start = Day(parsing: String(parts[0])) else {
      throw .invalidArgument("--flight start '\(parts[0])' is not a date; use YYYY-MM-DD.")
    }
    guard let end = Day(parsing: String(parts[1])) else {
      throw .invalidArgument("--flight end '\(parts[1])' is not a date; use YYYY-MM-DD.")
    }
    guard let flight = Flight(start: start, end: end) else {
      throw .invalidArgument(
        "--flight ends (\(end)) before it starts (\(start)); put the earlier day first.")
    }
    self = flight
  }

  /// Number of days in the flight, both ends included.
  public var dayCount: Int { start.days(to: end) + 1 }

  /// True when the two flights share at least one day.
  public func overlaps(_ other: Flight) -> Bool { start <= other.end && other.start <= end }

  /// `2026-12-01..2026-12-31`.
  public var description: String { "\(start)..\(end)" }
}
