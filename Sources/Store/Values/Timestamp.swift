import Foundation

/// ISO 8601 instants in UTC as the store writes them: `2026-11-25T20:01:02Z`.
public enum Timestamp {
  /// Formats a moment as `YYYY-MM-DDTHH:MM:SSZ` in UTC.
  public static func string(_ date: Date) -> String {
    let seconds = Int(date.timeIntervalSince1970.rounded(.down))
    let day = Day(ordinal: Int((Double(seconds) / 86400).rounded(.down)))
    let secondOfDay = seconds - day.ordinal * 86400
    func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(day)T\(pad(secondOfDay / 3600)):\(pad(secondOfDay / 60 % 60)):\(pad(secondOfDay % 60))Z"
  }

  /// Parses what users type for a moment: `2026-11-25T20:01:02Z`, `2026-11-25T20:01:02+01:00`,
  /// `2026-11-25` (midnight UTC), or a span back from `now` such as `90m`, `24h` or `7d`.
  public static func parse(_ text: String, now: Date = Date()) -> Date? {
    // Only moments the store can write (years 1 to 9999): `99999999999d` is not a time.
    parseAny(text, now: now).flatMap { range.contains($0.timeIntervalSince1970) ? $0 : nil }
  }

  /// The seconds since 1970 of 0001-01-01T00:00:00Z through 9999-12-31T23:59:59Z.
  static let range: ClosedRange<Double> = -62_135_596_800...253_402_300_799

  private static func parseAny(_ text: String, now: Date) -> Date? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    if let last = trimmed.last, "smhd".contains(last), let amount = Int(trimmed.dropLast()),
      amount >= 0
    {
      let unit: Double =
        switch last {
        case "s": 1
        case "m": 60
        case "h": 3600
        default: 86400
        }
      return now.addingTimeInterval(-Double(amount) * unit)
    }
    if let day = Day(parsing: trimmed) {
      return Date(timeIntervalSince1970: Double(day.ordinal) * 86400)
    }
    let strategies: [Date.ISO8601FormatStyle] = [
      .iso8601,
      Date.ISO8601FormatStyle(includingFractionalSeconds: true),
    ]
    for style in strategies {
      if let date = try? Date(trimmed, strategy: style) { return date }
    }
    return nil
  }
}
