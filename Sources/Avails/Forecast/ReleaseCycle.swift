import Store

/// How the forecast groups days: by the day of the week, or by the position in the show's release
/// cycle (days since the latest episode).
///
/// ``ForecastModel/cycle(releases:asOf:)`` chooses: the median gap between the show's last
/// ``ForecastModel/cadenceReleases`` releases on or before the as-of day, rounded to whole days. A
/// median gap of 2 to 14 days other than 7 gives ``every(days:lastRelease:)``; a weekly, daily,
/// irregular (fewer than 3 releases) or rarer cadence gives ``dayOfWeek``, where listening
/// follows the week (for a weekly show released on a fixed weekday the two are the same grouping).
public enum ReleaseCycle: Sendable, Equatable, CustomStringConvertible {
  /// Days grouped by weekday; `cadenceDays` is the median gap when there was one.
  case dayOfWeek(cadenceDays: Int?)
  /// Days grouped by age (days since the latest release, capped at `days − 1`); releases after
  /// the as-of day are projected every `days` days from `lastRelease`.
  case every(days: Int, lastRelease: Day)

  /// `release cycle of 9 days` or `day of week (weekly releases)`.
  public var description: String {
    switch self {
    case .every(let days, _): "release cycle of \(days) days"
    case .dayOfWeek(let cadence?): "day of week (releases every \(cadence) days)"
    case .dayOfWeek(nil): "day of week (no regular releases)"
    }
  }

  /// The cadence in days, when the show has one (used for flat IOs' spots).
  public var cadenceDays: Int? {
    switch self {
    case .every(let days, _): days
    case .dayOfWeek(let cadence): cadence
    }
  }
}
