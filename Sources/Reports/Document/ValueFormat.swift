import Foundation

/// How a value is shown: the formats of table columns, KPIs, chart axes and `{{ number(x) }}`.
///
/// Formatting is locale-independent, so output is the same on every machine:
/// `number` 1234567 → `1,234,567`; `currency` (integer cents) 123456 → `$1,234.56`;
/// `percent` (a ratio) 0.875 → `87.5%`; `date` `2026-11-05` → `5 Nov 2026`.
public enum ValueFormat: String, Sendable, CaseIterable {
  case text
  case number
  case currency
  case percent
  case date

  /// Formats a value; values that do not fit the format (text in a number column) are shown as text.
  public func format(_ value: TemplateValue) -> String {
    if case .null = value { return "–" }
    switch self {
    case .text:
      return value.plainText
    case .number:
      switch value {
      case .int(let int): return Self.grouped(int)
      case .double(let double): return Self.decimal(double, places: 2, trim: true)
      default: return value.plainText
      }
    case .currency:
      guard let cents = value.doubleValue else { return value.plainText }
      let rounded = Int64(cents.rounded())
      let sign = rounded < 0 ? "-" : ""
      let magnitude = rounded.magnitude
      let fraction = magnitude % 100
      return
        "\(sign)$\(Self.grouped(Int64(magnitude / 100))).\(fraction < 10 ? "0" : "")\(fraction)"
    case .percent:
      guard let ratio = value.doubleValue else { return value.plainText }
      return Self.decimal(ratio * 100, places: 1, trim: false) + "%"
    case .date:
      guard case .string(let text) = value else { return value.plainText }
      return Self.date(text)
    }
  }

  // MARK: - Helpers

  static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return (value < 0 ? "-" : "") + out
  }

  static func decimal(_ value: Double, places: Int, trim: Bool) -> String {
    guard value.isFinite else { return "–" }
    var text = String(format: "%.\(places)f", value.magnitude)
    if trim && text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    let parts = text.split(separator: ".", maxSplits: 1)
    let whole = Self.grouped(Int64(parts[0]) ?? 0)
    let sign = value < 0 && text != "0" ? "-" : ""
    return sign + whole + (parts.count > 1 ? "." + parts[1] : "")
  }

  private static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `2026-11-05` → `5 Nov 2026`; `2026-11-05T09:30:00Z` → `5 Nov 2026 09:30 UTC`.
  static func date(_ text: String) -> String {
    let parts = text.prefix(10).split(separator: "-")
    guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), (1...12).contains(month)
    else { return text }
    var out = "\(day) \(months[month - 1]) \(year)"
    if text.count >= 16, text.dropFirst(10).first == "T" {
      let time = text.dropFirst(11).prefix(5)
      out += " \(time) UTC"
    }
    return out
  }
}
