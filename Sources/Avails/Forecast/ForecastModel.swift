import Store

/// The inventory forecast: expected impressions per show and day, from the last 28 days.
///
/// The model (documented with a worked example in `docs/avails.md`):
/// 1. **History**: the 28 days ending on the as-of day (`asOf − 27 … asOf`). A show whose first
///    metrics day is later than `asOf − 27` gets no forecast (``ShowForecast/Gap``): too little
///    history is reported, never extrapolated. A day without a metrics row inside the window
///    counts as 0.
/// 2. **Grouping** (``ReleaseCycle``): each day gets a key, its weekday, or for a show released
///    every `c` days (2…14, not 7) its age: days since the latest release on or before it, capped
///    at `c − 1`. After the as-of day, releases are projected every `c` days from the last one
///    (the first no earlier than the day after the as-of day).
/// 3. **Profile**: the forecast for a future day is the mean of the window's days with the same
///    key (4 days each for weekdays); a key the window never saw takes the window's daily mean.
///
/// There is no trend term: a growing show is under-forecast by about two weeks of growth (the
/// window's centre is 14 days back). `cuesheet avails backtest` measures the error.
public enum ForecastModel {
  /// Days of history the profile is made from.
  public static let windowDays = 28
  /// How far ahead a forecast may reach, in days after the as-of day (12 weeks).
  public static let horizonDays = 84
  /// Releases whose gaps decide the cadence (the last 9: 8 gaps).
  public static let cadenceReleases = 9
  /// Cadences (days) grouped by release cycle; others are grouped by weekday.
  public static let cycleCadences = 2...14

  /// The grouping for a show's `releases` as of `asOf` (see ``ReleaseCycle``).
  public static func cycle(releases: [Day], asOf: Day) -> ReleaseCycle {
    let past = releases.filter { $0 <= asOf }.suffix(cadenceReleases)
    guard past.count >= 3, let last = past.last else { return .dayOfWeek(cadenceDays: nil) }
    let gaps = zip(past, past.dropFirst()).map { $0.days(to: $1) }.sorted()
    let middle = gaps.count / 2
    let median =
      gaps.count % 2 == 1
      ? Double(gaps[middle]) : Double(gaps[middle - 1] + gaps[middle]) / 2
    let cadence = Int(median.rounded(.toNearestOrAwayFromZero))
    if cadence != 7, cycleCadences.contains(cadence) {
      return .every(days: cadence, lastRelease: last)
    }
    return .dayOfWeek(cadenceDays: cadence)
  }

  /// The forecast for `history` as of `asOf`, for each day of `from...through`.
  ///
  /// `from` should be after `asOf`; the caller checks the horizon.
  public static func forecast(_ history: ShowHistory, asOf: Day, from: Day, through: Day)
    -> ShowForecast
  {
    let windowStart = asOf.adding(days: -(windowDays - 1))
    guard let first = history.firstDay, first <= windowStart else {
      let available = history.firstDay.map { max($0.days(to: asOf) + 1, 0) } ?? 0
      return ShowForecast(
        showID: history.showID, asOf: asOf, from: from, cycle: nil, daily: [],
        gap: .insufficientHistory(
          firstDay: history.firstDay, daysAvailable: available, needed: windowDays))
    }
    let cycle = cycle(releases: history.releases, asOf: asOf)
    let keyer = Keyer(cycle: cycle, releases: history.releases, asOf: asOf)

    var sums: [Int: Double] = [:]
    var counts: [Int: Int] = [:]
    var windowTotal = 0.0
    for offset in 0..<windowDays {
      let day = windowStart.adding(days: offset)
      let value = Double(history.impressions(on: day))
      windowTotal += value
      guard let key = keyer.key(day) else { continue }
      sums[key, default: 0] += value
      counts[key, default: 0] += 1
    }
    let windowMean = windowTotal / Double(windowDays)
    var daily: [Double] = []
    if from <= through {
      daily.reserveCapacity(from.days(to: through) + 1)
      for offset in 0...from.days(to: through) {
        let day = from.adding(days: offset)
        if let key = keyer.key(day), let count = counts[key], count > 0 {
          daily.append(sums[key, default: 0] / Double(count))
        } else {
          daily.append(windowMean)
        }
      }
    }
    return ShowForecast(
      showID: history.showID, asOf: asOf, from: from, cycle: cycle, daily: daily, gap: nil)
  }

  /// The naive baseline: the window's daily mean (the 28-day average), for every day.
  public static func baselineDailyMean(_ history: ShowHistory, asOf: Day) -> Double? {
    let windowStart = asOf.adding(days: -(windowDays - 1))
    guard let first = history.firstDay, first <= windowStart else { return nil }
    return Double(history.impressions(from: windowStart, through: asOf)) / Double(windowDays)
  }

  /// Keys days by weekday or by age in the release cycle.
  struct Keyer {
    let cycle: ReleaseCycle
    /// Actual releases up to the as-of day, as ordinals, ascending.
    let past: [Int]
    let asOf: Int

    init(cycle: ReleaseCycle, releases: [Day], asOf: Day) {
      self.cycle = cycle
      self.past = releases.filter { $0 <= asOf }.map(\.ordinal)
      self.asOf = asOf.ordinal
    }

    /// The key of `day`; `nil` for a day before the show's first release in a cycle grouping.
    func key(_ day: Day) -> Int? {
      let ordinal = day.ordinal
      switch cycle {
      case .dayOfWeek:
        return ((ordinal % 7) + 7) % 7
      case .every(let days, let lastRelease):
        let latest: Int
        if ordinal <= asOf {
          guard let found = lastAtOrBefore(ordinal) else { return nil }
          latest = found
        } else {
          let firstProjected = max(lastRelease.ordinal + days, asOf + 1)
          if ordinal < firstProjected {
            latest = lastRelease.ordinal
          } else {
            latest = firstProjected + ((ordinal - firstProjected) / days) * days
          }
        }
        return min(ordinal - latest, days - 1)
      }
    }

    /// The latest actual release on or before `ordinal` (binary search).
    private func lastAtOrBefore(_ ordinal: Int) -> Int? {
      var low = 0
      var high = past.count
      while low < high {
        let mid = (low + high) / 2
        if past[mid] <= ordinal { low = mid + 1 } else { high = mid }
      }
      return low == 0 ? nil : past[low - 1]
    }
  }
}
