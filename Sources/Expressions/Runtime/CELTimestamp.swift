import Foundation

/// A point in time: seconds since the Unix epoch plus nanoseconds, in 0001-01-01 … 9999-12-31 UTC.
public struct CELTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let seconds: Int64
  /// 0 ..< 1,000,000,000
  public let nanos: Int32

  static let minSeconds: Int64 = -62_135_596_800  // 0001-01-01T00:00:00Z
  static let maxSeconds: Int64 = 253_402_300_799  // 9999-12-31T23:59:59Z

  /// Creates a timestamp, normalising nanoseconds; nil when outside years 1–9999.
  public init?(seconds: Int64, nanos: Int64 = 0) {
    var s = seconds
    var n = nanos
    s = s.addingReportingOverflow(n / 1_000_000_000).partialValue
    n %= 1_000_000_000
    if n < 0 { n += 1_000_000_000; s -= 1 }
    guard s >= Self.minSeconds, s <= Self.maxSeconds else { return nil }
    self.seconds = s
    self.nanos = Int32(n)
  }

  /// Creates a timestamp from a Foundation date.
  public init?(_ date: Date) {
    let interval = date.timeIntervalSince1970
    let whole = interval.rounded(.down)
    guard let seconds = Int64(exactly: whole) else { return nil }
    self.init(seconds: seconds, nanos: Int64(((interval - whole) * 1e9).rounded()))
  }

  /// The Foundation date (loses sub-microsecond precision).
  public var date: Date { Date(timeIntervalSince1970: Double(seconds) + Double(nanos) / 1e9) }

  public static func < (lhs: CELTimestamp, rhs: CELTimestamp) -> Bool {
    (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
  }

  /// RFC 3339 in UTC, fraction without trailing zeros: `2009-02-13T23:31:30.5Z`.
  public var description: String {
    let (days, secondsOfDay) = seconds.floorDivided(by: 86_400)
    let (y, m, d) = Civil.fromDays(days)
    let hour = secondsOfDay / 3600
    let minute = secondsOfDay % 3600 / 60
    let second = secondsOfDay % 60
    var text = String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(y), Int(m), Int(d), Int(hour), Int(minute),
      Int(second))
    text += fractionText(Int64(nanos))
    return text + "Z"
  }

  /// Parses RFC 3339: `2009-02-13T23:31:30Z`, with optional fraction and `±hh:mm` offset.
  public static func parse(_ text: String) -> CELTimestamp? {
    let b = Array(text.utf8)
    func number(_ start: Int, _ count: Int) -> Int64? {
      guard start + count <= b.count else { return nil }
      var value: Int64 = 0
      for i in start..<(start + count) {
        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
        value = value * 10 + Int64(b[i] - 0x30)
      }
      return value
    }
    guard b.count >= 20, let year = number(0, 4), b[4] == 0x2D, let month = number(5, 2),
      b[7] == 0x2D,
      let day = number(8, 2), b[10] | 0x20 == UInt8(ascii: "t"), let hour = number(11, 2),
      b[13] == 0x3A,
      let minute = number(14, 2), b[16] == 0x3A, let second = number(17, 2)
    else { return nil }
    var index = 19
    var nanos: Int64 = 0
    if index < b.count, b[index] == UInt8(ascii: ".") {
      index += 1
      var digits = 0
      while index < b.count, b[index] >= 0x30, b[index] <= 0x39 {
        if digits < 9 { nanos = nanos * 10 + Int64(b[index] - 0x30) }
        digits += 1
        index += 1
      }
      guard digits > 0 else { return nil }
      for _ in digits..<9 where digits < 9 { nanos *= 10 }
    }
    guard index < b.count else { return nil }
    var offset: Int64 = 0
    if b[index] | 0x20 == UInt8(ascii: "z") {
      index += 1
    } else if b[index] == UInt8(ascii: "+") || b[index] == UInt8(ascii: "-") {
      let sign: Int64 = b[index] == UInt8(ascii: "-") ? -1 : 1
      guard let oh = number(index + 1, 2), index + 3 < b.count, b[index + 3] == 0x3A,
        let om = number(index + 4, 2)
      else { return nil }
      offset = sign * (oh * 3600 + om * 60)
      index += 6
    } else {
      return nil
    }
    guard index == b.count, (1...12).contains(month), day >= 1,
      day <= Civil.daysInMonth(year, month),
      hour < 24, minute < 60, second < 60
    else { return nil }
    let days = Civil.toDays(year, month, day)
    return CELTimestamp(
      seconds: days * 86_400 + hour * 3600 + minute * 60 + second - offset, nanos: nanos)
  }
}

/// Civil-calendar arithmetic (proleptic Gregorian), after Howard Hinnant's algorithms.
enum Civil {
  static func toDays(_ year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func fromDays(_ days: Int64) -> (Int64, Int64, Int64) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }

  static func isLeap(_ year: Int64) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  static func daysInMonth(_ year: Int64, _ month: Int64) -> Int64 {
    switch month {
    case 2: isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

extension Int64 {
  /// Floor division with a non-negative remainder.
  func floorDivided(by divisor: Int64) -> (Int64, Int64) {
    var q = self / divisor
    var r = self % divisor
    if r < 0 { r += divisor; q -= 1 }
    return (q, r)
  }
}

/// `.5`, `.123456789` or empty, for a nanosecond count.
func fractionText(_ nanos: Int64) -> String {
  guard nanos != 0 else { return "" }
  var digits = String(format: "%09d", Int(nanos))
  while digits.hasSuffix("0") { digits.removeLast() }
  return "." + digits
}
