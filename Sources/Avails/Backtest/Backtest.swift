import Store

/// How well the forecast would have done: forecast from an earlier day, compare with what the
/// metrics then recorded.
///
/// For each show with enough history on the as-of day and each week `w` (1…N) after it (days
/// `asOf + 7(w−1) + 1 … asOf + 7w`), the model's weekly forecast `F`, the naive baseline
/// `B = 7 × the 28-day average` and the recorded impressions `A`:
/// - **MAPE** = mean over show-weeks of `|F − A| ÷ A` (weeks with `A = 0` are left out and
///   counted in ``BacktestResult/zeroWeeks``);
/// - **bias** = `Σ(F − A) ÷ ΣA`: negative under-forecasts.
public enum Backtest {
  /// Runs the backtest over `histories` (which must hold the metrics through `asOf + 7 × weeks`).
  public static func run(histories: [ShowHistory], asOf: Day, weeks: Int) -> BacktestResult {
    var rows: [BacktestResult.Row] = []
    var skipped: [String] = []
    for history in histories.sorted(by: { $0.showID < $1.showID }) {
      let from = asOf.adding(days: 1)
      let through = asOf.adding(days: 7 * weeks)
      let forecast = ForecastModel.forecast(history, asOf: asOf, from: from, through: through)
      guard forecast.gap == nil, let baseline = ForecastModel.baselineDailyMean(history, asOf: asOf)
      else {
        skipped.append(history.showID)
        continue
      }
      for week in 1...max(weeks, 1) {
        let first = asOf.adding(days: 7 * (week - 1) + 1)
        let last = first.adding(days: 6)
        rows.append(
          .init(
            showID: history.showID, week: week, start: first,
            actual: history.impressions(from: first, through: last),
            forecast: forecast.total(from: first, through: last), baseline: baseline * 7))
      }
    }
    return BacktestResult(asOf: asOf, weeks: weeks, rows: rows, skippedShows: skipped)
  }
}

/// The figures of a ``Backtest``.
public struct BacktestResult: Sendable, Equatable {
  /// One show-week.
  public struct Row: Sendable, Equatable {
    public let showID: String
    /// 1 for the first week after the as-of day.
    public let week: Int
    public let start: Day
    public let actual: Int64
    public let forecast: Double
    public let baseline: Double
  }

  public let asOf: Day
  public let weeks: Int
  public let rows: [Row]
  /// Shows with too little history on the as-of day.
  public let skippedShows: [String]

  private var scored: [Row] { rows.filter { $0.actual > 0 } }

  /// Show-weeks with no recorded impressions (left out of MAPE).
  public var zeroWeeks: Int { rows.count - scored.count }

  /// The model's mean absolute percentage error (0.12 = 12%); `nil` without a scored week.
  public var modelMAPE: Double? { Self.mape(scored, \.forecast) }
  public var baselineMAPE: Double? { Self.mape(scored, \.baseline) }
  /// `Σ(F − A) ÷ ΣA`; `nil` when nothing was recorded.
  public var modelBias: Double? { Self.bias(rows, \.forecast) }
  public var baselineBias: Double? { Self.bias(rows, \.baseline) }

  static func mape(_ rows: [Row], _ value: KeyPath<Row, Double>) -> Double? {
    guard !rows.isEmpty else { return nil }
    let sum = rows.reduce(0.0) { total, row in
      total + abs(row[keyPath: value] - Double(row.actual)) / Double(row.actual)
    }
    return sum / Double(rows.count)
  }

  static func bias(_ rows: [Row], _ value: KeyPath<Row, Double>) -> Double? {
    let actual = rows.reduce(0.0) { $0 + Double($1.actual) }
    guard actual > 0 else { return nil }
    return rows.reduce(0.0) { $0 + $1[keyPath: value] - Double($1.actual) } / actual
  }
}
