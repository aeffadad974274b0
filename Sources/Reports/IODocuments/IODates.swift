/// Dates as an IO document prints them: whole, never broken over lines.
///
/// Spaces inside a date are no-break spaces (U+00A0), so `4 Jan 2027` and a range such as
/// `4–31 Jan 2027` stay on one line in every renderer.
enum IODates {
  static let nbsp = "\u{00A0}"
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `2027-01-04` → `4 Jan 2027` (no-break spaces); text that is not a day is returned as is.
  static func day(_ text: String?) -> String? {
    guard let text else { return nil }
    guard let (year, month, day) = parts(text) else { return text }
    return [String(day), months[month - 1], String(year)].joined(separator: nbsp)
  }

  /// `4–31 Jan 2027`, `15 Nov – 11 Dec 2026`, `20 Dec 2026 – 10 Jan 2027`.
  static func range(_ start: String, _ end: String) -> String {
    guard let (y1, m1, d1) = parts(start), let (y2, m2, d2) = parts(end) else {
      return "\(start) – \(end)"
    }
    if start == end { return day(start)! }
    let tail = [months[m2 - 1], String(y2)].joined(separator: nbsp)
    if y1 == y2 && m1 == m2 { return "\(d1)–\(d2)\(nbsp)\(tail)" }
    if y1 == y2 {
      return "\(d1)\(nbsp)\(months[m1 - 1])\(nbsp)–\(nbsp)\(d2)\(nbsp)\(tail)"
    }
    return "\(day(start)!)\(nbsp)–\(nbsp)\(day(end)!)"
  }

  static func parts(_ text: String) -> (Int, Int, Int)? {
    let parts = text.prefix(10).split(separator: "-")
    guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), (1...12).contains(month)
    else { return nil }
    return (year, month, day)
  }
}
