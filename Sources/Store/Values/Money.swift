import Foundation

/// An exact amount of money in cents (US dollars unless stated otherwise).
///
/// Money never passes through binary floating point: it is parsed from and formatted to decimal
/// text, stored as an integer number of cents.
///
/// ```swift
/// let rate = try Money(parsing: "25.00")   // 2500 cents
/// rate.formatted()                          // "$25.00"
/// ```
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  /// The amount in cents.
  public var cents: Int64

  /// Creates an amount from a number of cents.
  public init(cents: Int64) { self.cents = cents }

  /// Parses a decimal amount with at most two decimal places: `25`, `25.5`, `25.00`, `-3.10`.
  ///
  /// Returns `nil` for anything else (thousands separators, currency signs, three decimals, exponents),
  /// and for amounts too large to hold in 64-bit cents.
  public init?(parsing text: String) {
    var utf8 = Substring(text).utf8[...]
    var negative = false
    if utf8.first == UInt8(ascii: "-") {
      negative = true
      utf8 = utf8.dropFirst()
    }
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var seenDigit = false
    var seenPoint = false
    for byte in utf8 {
      if byte == UInt8(ascii: ".") {
        if seenPoint || !seenDigit { return nil }
        seenPoint = true
        continue
      }
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      let digit = Int64(byte - UInt8(ascii: "0"))
      if seenPoint {
        fractionDigits += 1
        if fractionDigits > 2 { return nil }
        fraction = fraction * 10 + digit
      } else {
        seenDigit = true
        let (times10, o1) = whole.multipliedReportingOverflow(by: 10)
        let (sum, o2) = times10.addingReportingOverflow(digit)
        if o1 || o2 { return nil }
        whole = sum
      }
    }
    if !seenDigit || (seenPoint && fractionDigits == 0) { return nil }
    if fractionDigits == 1 { fraction *= 10 }
    let (wholeCents, o3) = whole.multipliedReportingOverflow(by: 100)
    let (total, o4) = wholeCents.addingReportingOverflow(fraction)
    if o3 || o4 { return nil }
    self.cents = negative ? -total : total
  }

  /// The plain decimal form with two places, as CSV files and JSON carry it: `1500.00`.
  public var decimalString: String {
    let magnitude = cents.magnitude
    let whole = magnitude / 100
    let fraction = magnitude % 100
    let sign = cents < 0 ? "-" : ""
    return "\(sign)\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  /// A display form with a currency symbol and thousands separators: `$1,500.00`.
  public func formatted(symbol: String = "$") -> String {
    let magnitude = cents.magnitude
    var whole = String(magnitude / 100)
    var grouped = ""
    while whole.count > 3 {
      grouped = "," + whole.suffix(3) + grouped
      whole.removeLast(3)
    }
    let fraction = magnitude % 100
    let sign = cents < 0 ? "-" : ""
    return "\(sign)\(symbol)\(whole)\(grouped).\(fraction < 10 ? "0" : "")\(fraction)"
  }

  public var description: String { formatted() }

  public static func < (lhs: Money, rhs: Money) -> Bool { lhs.cents < rhs.cents }

  public static func + (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents + rhs.cents) }
  public static func - (lhs: Money, rhs: Money) -> Money { Money(cents: lhs.cents - rhs.cents) }
}
