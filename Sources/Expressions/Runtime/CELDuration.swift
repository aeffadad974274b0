/// A signed span of time: seconds plus nanoseconds with the same sign, within ±10,000 years.
public struct CELDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Total nanoseconds would overflow Int64 beyond ±292 years, so keep seconds and nanos apart.
  public let seconds: Int64
  /// -999,999,999 … 999,999,999, same sign as `seconds`.
  public let nanos: Int32

  static let maxSeconds: Int64 = 315_576_000_000

  /// Creates a duration, normalising nanoseconds; nil when out of range.
  public init?(seconds: Int64, nanos: Int64 = 0) {
    let (carry, rest) = (nanos / 1_000_000_000, nanos % 1_000_000_000)
    let (total, overflow) = seconds.addingReportingOverflow(carry)
    guard !overflow else { return nil }
    var s = total
    var n = rest
    if s > 0 && n < 0 { s -= 1; n += 1_000_000_000 }
    if s < 0 && n > 0 { s += 1; n -= 1_000_000_000 }
    guard s >= -Self.maxSeconds, s <= Self.maxSeconds else { return nil }
    self.seconds = s
    self.nanos = Int32(n)
  }

  public static func < (lhs: CELDuration, rhs: CELDuration) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }

  /// Seconds with a fraction and a trailing `s`: `3600s`, `1.5s`, `-0.000000001s`.
  public var description: String {
    let negative = seconds < 0 || nanos < 0
    let s = seconds.magnitude
    let n = Int64(nanos.magnitude)
    return (negative ? "-" : "") + "\(s)" + fractionText(n) + "s"
  }

  /// Total nanoseconds, or nil when that overflows.
  var totalNanos: Int64? {
    let (m, o1) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
    let (t, o2) = m.addingReportingOverflow(Int64(nanos))
    return o1 || o2 ? nil : t
  }

  /// Parses Go-style durations: `1h30m`, `-1.5s`, `300ms`, `2us`, `10ns`.
  public static func parse(_ text: String) -> CELDuration? {
    var chars = Substring(text)
    var negative = false
    if chars.first == "-" || chars.first == "+" {
      negative = chars.first == "-"
      chars = chars.dropFirst()
    }
    if chars == "0" { return CELDuration(seconds: 0) }
    guard !chars.isEmpty else { return nil }
    // Accumulate in (seconds, nanos) using decimal arithmetic on the digits.
    var totalSeconds: Int64 = 0
    var totalNanos: Int64 = 0
    while !chars.isEmpty {
      let whole = chars.prefix { $0.isASCII && $0.isNumber }
      chars = chars.dropFirst(whole.count)
      var fraction: Substring = ""
      if chars.first == "." {
        chars = chars.dropFirst()
        fraction = chars.prefix { $0.isASCII && $0.isNumber }
        chars = chars.dropFirst(fraction.count)
      }
      guard !whole.isEmpty || !fraction.isEmpty else { return nil }
      let unit = chars.prefix { !($0.isASCII && ($0.isNumber || $0 == ".")) }
      chars = chars.dropFirst(unit.count)
      let nanosPerUnit: Int64
      switch unit {
      case "ns": nanosPerUnit = 1
      case "us", "µs", "μs": nanosPerUnit = 1_000
      case "ms": nanosPerUnit = 1_000_000
      case "s": nanosPerUnit = 1_000_000_000
      case "m": nanosPerUnit = 60_000_000_000
      case "h": nanosPerUnit = 3_600_000_000_000
      default: return nil
      }
      guard let wholeValue = Int64(whole.isEmpty ? "0" : whole) else { return nil }
      // whole * unit, split into seconds and nanos without overflow.
      let unitSeconds = nanosPerUnit / 1_000_000_000
      let unitNanos = nanosPerUnit % 1_000_000_000
      let (ws, o1) = wholeValue.multipliedReportingOverflow(by: unitSeconds)
      let (wn, o2) = wholeValue.multipliedReportingOverflow(by: unitNanos)
      guard !o1, !o2 else { return nil }
      totalSeconds += ws
      totalNanos += wn
      if !fraction.isEmpty {
        var scale: Double = 1
        var value: Double = 0
        for digit in fraction.prefix(18) {
          scale /= 10
          value += Double(digit.wholeNumberValue!) * scale
        }
        let nanosDouble = value * Double(nanosPerUnit)
        totalNanos += Int64(nanosDouble.rounded())
      }
      totalSeconds += totalNanos / 1_000_000_000
      totalNanos %= 1_000_000_000
      guard totalSeconds <= maxSeconds * 2 else { return nil }
    }
    return negative
      ? CELDuration(seconds: -totalSeconds, nanos: -totalNanos)
      : CELDuration(seconds: totalSeconds, nanos: totalNanos)
  }
}
