import Foundation

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) in a time zone.
///
/// Fields take `*`, numbers, ranges `a-b`, lists `a,b`, steps `*/15` or `a-b/2`; day of month also
/// takes `L` (the last day of the month); day of week is 0–7 (0 and 7 are Sunday) or `sun`…`sat`,
/// months may be `jan`…`dec`. As in Vixie cron, when both day fields are restricted a day matches if
/// either matches. An optional sixth token names the time zone (`0 7 * * 1 Europe/Berlin`).
///
/// Daylight-saving changes: a time that does not exist locally (skipped by a spring-forward change)
/// runs at the first instant after the gap; a time that occurs twice (fall back) runs once, at the
/// first occurrence.
public struct CronSchedule: Sendable, Equatable {
  public let minutes: Set<Int>
  public let hours: Set<Int>
  public let daysOfMonth: Set<Int>
  /// `L` in the day-of-month field.
  public let lastDayOfMonth: Bool
  public let months: Set<Int>
  public let daysOfWeek: Set<Int>
  public let timeZone: TimeZone
  /// The time zone as written (`UTC`; Foundation may report it as `GMT`).
  public let timeZoneName: String
  private let domRestricted: Bool
  private let dowRestricted: Bool

  /// Parses `expression`; `timeZone` is used when the expression names none (default UTC).
  public init(_ expression: String, timeZone defaultZone: String? = nil) throws {
    let fields = expression.split(whereSeparator: \.isWhitespace).map(String.init)
    guard fields.count == 5 || fields.count == 6 else {
      throw CronError(
        "\"\(expression)\" needs five fields (minute hour day month weekday) and an optional time zone"
      )
    }
    let zoneName = fields.count == 6 ? fields[5] : (defaultZone ?? "UTC")
    guard let zone = TimeZone(identifier: zoneName) else {
      throw CronError(
        "unknown time zone \"\(zoneName)\"; use an IANA name such as Europe/Berlin or UTC")
    }
    timeZone = zone
    timeZoneName = zoneName
    minutes = try Self.field(fields[0], name: "minute", range: 0...59)
    hours = try Self.field(fields[1], name: "hour", range: 0...23)
    var dayField = fields[2]
    lastDayOfMonth = dayField.uppercased().split(separator: ",").contains("L")
    if lastDayOfMonth {
      dayField = dayField.split(separator: ",").filter { $0.uppercased() != "L" }.joined(
        separator: ",")
    }
    daysOfMonth =
      dayField.isEmpty ? [] : try Self.field(dayField, name: "day of month", range: 1...31)
    months = try Self.field(fields[3], name: "month", range: 1...12, names: Self.monthNames)
    let weekdays = try Self.field(
      fields[4], name: "day of week", range: 0...7, names: Self.dayNames)
    daysOfWeek = Set(weekdays.map { $0 % 7 })
    domRestricted = fields[2] != "*"
    dowRestricted = fields[4] != "*"
  }

  static let monthNames = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]
  static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

  private static func field(
    _ text: String, name: String, range: ClosedRange<Int>, names: [String] = []
  ) throws -> Set<Int> {
    func number(_ token: Substring) throws -> Int {
      if let value = Int(token), range.contains(value) { return value }
      if let index = names.firstIndex(of: token.lowercased()) {
        return index + (names.count == 12 ? 1 : 0)
      }
      throw CronError(
        "\"\(token)\" is not a valid \(name) (\(range.lowerBound)–\(range.upperBound))")
    }
    var values: Set<Int> = []
    for part in text.split(separator: ",", omittingEmptySubsequences: false) {
      let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
      guard pieces.count <= 2, !pieces[0].isEmpty else {
        throw CronError("\"\(part)\" is not a valid \(name)")
      }
      var step = 1
      if pieces.count == 2 {
        guard let value = Int(pieces[1]), value > 0 else {
          throw CronError("bad step \"\(pieces[1])\" in the \(name) field")
        }
        step = value
      }
      var low = range.lowerBound, high = range.upperBound
      if pieces[0] != "*" {
        let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2 else { throw CronError("\"\(part)\" is not a valid \(name)") }
        low = try number(bounds[0])
        high =
          bounds.count == 2 ? try number(bounds[1]) : (pieces.count == 2 ? range.upperBound : low)
        guard low <= high else {
          throw CronError("the range \"\(pieces[0])\" in the \(name) field runs backwards")
        }
      }
      values.formUnion(stride(from: low, through: high, by: step))
    }
    return values
  }

  // MARK: - Next run

  /// The first run strictly after `date`, or `nil` when none within eight years (e.g. `0 0 30 2 *`).
  public func next(after date: Date) -> Date? {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let sortedHours = hours.sorted(), sortedMinutes = minutes.sorted()
    var day = calendar.startOfDay(for: date)
    // Start one day early so a run in a repeated (fall-back) hour near midnight is not missed.
    day = calendar.date(byAdding: .day, value: -1, to: day) ?? day
    for _ in 0..<(366 * 8 + 2) {
      let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: day)
      if matchesDay(parts, calendar: calendar, day: day) {
        for hour in sortedHours {
          for minute in sortedMinutes {
            var wanted = DateComponents()
            wanted.year = parts.year
            wanted.month = parts.month
            wanted.day = parts.day
            wanted.hour = hour
            wanted.minute = minute
            guard let candidate = resolve(wanted, calendar: calendar) else { continue }
            if candidate > date { return candidate }
          }
        }
      }
      guard let following = calendar.date(byAdding: .day, value: 1, to: day) else { return nil }
      day = following
    }
    return nil
  }

  private func matchesDay(_ parts: DateComponents, calendar: Calendar, day: Date) -> Bool {
    guard let month = parts.month, months.contains(month), let dayOfMonth = parts.day,
      let weekday = parts.weekday
    else { return false }
    var domMatch = daysOfMonth.contains(dayOfMonth)
    if lastDayOfMonth, let range = calendar.range(of: .day, in: .month, for: day),
      dayOfMonth == range.upperBound - 1
    {
      domMatch = true
    }
    let dowMatch = daysOfWeek.contains(weekday - 1)
    switch (domRestricted, dowRestricted) {
    case (true, true): return domMatch || dowMatch
    case (true, false): return domMatch
    case (false, true): return dowMatch
    case (false, false): return true
    }
  }

  /// The instant of local wall-clock `wanted`: the first after a spring-forward gap, the first
  /// occurrence in a fall-back repeat.
  private func resolve(_ wanted: DateComponents, calendar: Calendar) -> Date? {
    guard let year = wanted.year, let month = wanted.month, let day = wanted.day,
      let hour = wanted.hour, let minute = wanted.minute
    else { return nil }
    // Local wall clock as if it were UTC, then corrected by the zone's offset around that time.
    var utc = Calendar(identifier: .gregorian)
    utc.timeZone = TimeZone(identifier: "UTC")!
    guard
      let naive = utc.date(
        from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
    else { return nil }
    let offsets = Set(
      [-86_400.0, 0, 86_400].map {
        Double(timeZone.secondsFromGMT(for: naive.addingTimeInterval($0)))
      })
    let candidates = offsets.map { naive.addingTimeInterval(-$0) }.filter { candidate in
      let local = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: candidate)
      return local.year == year && local.month == month && local.day == day && local.hour == hour
        && local.minute == minute
    }
    if let first = candidates.min() { return first }
    // Skipped by a spring-forward change: the transition itself, the first instant after the gap.
    let earliest = offsets.map { naive.addingTimeInterval(-$0) }.min() ?? naive
    guard
      let transition = timeZone.nextDaylightSavingTimeTransition(
        after: earliest.addingTimeInterval(-1)),
      transition.timeIntervalSince(earliest) < 86_400
    else { return nil }
    return transition
  }
}

/// A bad cron expression or time zone, as one sentence.
public struct CronError: Error, Sendable, Equatable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
