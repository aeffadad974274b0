import Foundation

/// A value axis with "nice" ticks: 5 to 7 of them, each a multiple of 1, 2, 2.5 or 5 times a power
/// of ten, always including zero, with labels in a compact format (`$200k`, `1.2M`, `45%`).
///
/// ```swift
/// let axis = AxisScale(values: [0, 48_250, 91_000], format: .number)
/// axis.ticks   // [0, 20000, 40000, 60000, 80000, 100000]
/// axis.labels  // ["0", "20k", "40k", "60k", "80k", "100k"]
/// ```
struct AxisScale {
  let lower: Double
  let upper: Double
  let ticks: [Double]
  let labels: [String]

  init(values: [Double], format: ValueFormat) {
    let finite = values.filter(\.isFinite)
    var low = min(finite.min() ?? 0, 0)
    var high = max(finite.max() ?? 0, 0)
    if high - low < 1e-12 { high = low + 1 }
    // Counts and money (cents) never get steps below one unit; ratios may.
    let integral = format != .percent && finite.allSatisfy { $0 == $0.rounded() }
    let step = Self.step(low: low, high: high, integral: integral)
    low = (low / step).rounded(.down) * step
    high = (high / step).rounded(.up) * step
    while (high - low) / step < 4 { high += step }  // at least five ticks, even for tiny ranges
    let count = Int(((high - low) / step).rounded()) + 1
    ticks = (0..<count).map { low + Double($0) * step }
    lower = low
    upper = high
    labels = Self.labels(ticks, format: format)
  }

  /// The fraction of the axis at which `value` sits (0 at `lower`, 1 at `upper`).
  func position(_ value: Double) -> Double {
    guard value.isFinite else { return 0 }
    return (value - lower) / (upper - lower)
  }

  /// The step whose tick count is 5 to 7 and covers the range with the least waste.
  static func step(low: Double, high: Double, integral: Bool) -> Double {
    let span = high - low
    let magnitude = pow(10, floor(log10(span / 6)))
    var best: (step: Double, waste: Double, count: Int)?
    for scale in [magnitude / 10, magnitude, magnitude * 10] {
      for multiple in [1.0, 2.0, 2.5, 5.0] {
        let step = multiple * scale
        if integral && step < 1 { continue }
        if integral && multiple == 2.5 && scale < 10 { continue }  // no 2.5-unit steps for counts
        let lowTick = (low / step).rounded(.down) * step
        let highTick = (high / step).rounded(.up) * step
        let count = Int(((highTick - lowTick) / step).rounded()) + 1
        guard (5...7).contains(count) else { continue }
        let waste = (highTick - lowTick) - span
        if best == nil || waste < best!.waste - 1e-9
          || (abs(waste - best!.waste) <= 1e-9 && abs(count - 6) < abs(best!.count - 6))
        {
          best = (step, waste, count)
        }
      }
    }
    if let best { return best.step }
    return integral ? max(1, (span / 4).rounded(.up)) : span / 4
  }

  /// Compact labels with the fewest decimals that keep every tick exact.
  static func labels(_ ticks: [Double], format: ValueFormat) -> [String] {
    for places in 0...3 {
      let candidate = ticks.map { CompactNumber.format($0, format: format, places: places) }
      if ticks.allSatisfy({ CompactNumber.isExact($0, format: format, places: places) }) {
        return candidate
      }
    }
    return ticks.map { CompactNumber.format($0, format: format, places: 3) }
  }
}

/// Short numbers for axes and data labels: `950`, `1.2k`, `200k`, `1.5M`, `$200k` (from cents),
/// `45%` (from a ratio).
enum CompactNumber {
  private static let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")]

  /// The value in the unit it is shown in: dollars for money, percentage points for ratios.
  static func displayed(_ value: Double, format: ValueFormat) -> Double {
    switch format {
    case .currency: return value / 100
    case .percent: return value * 100
    default: return value
    }
  }

  private static func scaled(_ value: Double) -> (Double, String) {
    let magnitude = abs(value)
    for (size, suffix) in units where magnitude >= size { return (value / size, suffix) }
    return (value, "")
  }

  static func format(_ value: Double, format: ValueFormat, places: Int) -> String {
    let shown = displayed(value, format: format)
    let (number, suffix) = scaled(shown)
    var text = String(format: "%.\(places)f", abs(number))
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    let sign = number < 0 && text != "0" ? "-" : ""
    switch format {
    case .currency: return sign + "$" + text + suffix
    case .percent: return sign + text + suffix + "%"
    default: return sign + text + suffix
    }
  }

  /// Whether `places` decimals show `value` without rounding it.
  static func isExact(_ value: Double, format: ValueFormat, places: Int) -> Bool {
    let (number, _) = scaled(displayed(value, format: format))
    let factor = pow(10, Double(places))
    return abs((number * factor).rounded() - number * factor) < 1e-6
  }
}
