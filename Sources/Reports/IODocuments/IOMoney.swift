import Store

/// The money arithmetic of an IO document, exact in integer cents (``Money``), never floating point.
///
/// Rounding is **half up to the cent**, applied once per line and once to the commission:
/// - a CPM line costs `rate × impressions goal ÷ 1000`, rounded to the cent
///   (`$33.33 CPM × 1,500` = 4,999.5 cents → `$50.00`);
/// - a flat line costs its rate (the price of the whole line, all its spots);
/// - gross is the sum of the rounded line totals;
/// - agency commission is `gross × basis points ÷ 10,000`, rounded to the cent
///   (`$99.99 × 15%` = 1,499.85 cents → `$15.00`);
/// - net = gross − commission, so gross = commission + net exactly.
public enum IOMoney {
  /// The total of one line.
  public static func lineTotal(rateType: String, rate: Money, impressionsGoal: Int64?)
    throws(IODocumentError)
    -> Money
  {
    guard rateType == "cpm" else { return rate }
    let goal = impressionsGoal ?? 0
    return Money(cents: try divideRoundingHalfUp(rate.cents, times: goal, by: 1000))
  }

  /// The sum of the line totals.
  public static func gross(_ totals: [Money]) throws(IODocumentError) -> Money {
    var sum: Int64 = 0
    for total in totals {
      let (next, overflow) = sum.addingReportingOverflow(total.cents)
      if overflow { throw .overflow("the gross total") }
      sum = next
    }
    return Money(cents: sum)
  }

  /// The agency commission on `gross` at `bps` basis points (1500 = 15%).
  public static func commission(on gross: Money, bps: Int64) throws(IODocumentError) -> Money {
    Money(cents: try divideRoundingHalfUp(gross.cents, times: bps, by: 10_000))
  }

  /// `value × factor ÷ divisor`, rounded half up (half away from zero), with overflow checked.
  static func divideRoundingHalfUp(_ value: Int64, times factor: Int64, by divisor: Int64)
    throws(IODocumentError)
    -> Int64
  {
    let (product, overflow) = value.multipliedReportingOverflow(by: factor)
    if overflow { throw .overflow("\(value) × \(factor)") }
    let quotient = product / divisor
    let remainder = product % divisor
    if remainder.magnitude * 2 >= divisor.magnitude {
      return product < 0 ? quotient - 1 : quotient + 1
    }
    return quotient
  }

  /// `1500` → `15%`, `1250` → `12.5%`, `1234` → `12.34%` (exact, from basis points).
  public static func percent(bps: Int64) -> String {
    let whole = bps / 100
    var fraction = String(bps % 100)
    if fraction.count == 1 { fraction = "0" + fraction }
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return fraction.isEmpty ? "\(whole)%" : "\(whole).\(fraction)%"
  }
}
