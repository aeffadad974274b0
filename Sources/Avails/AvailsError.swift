import Store

/// Why an avails request or its settings were refused.
public enum AvailsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A request value is wrong (`message` says which and how to fix it).
  case invalidRequest(String)
  /// The placement-shares settings file cannot be read.
  case settingsUnreadable(path: String, reason: String)
  /// The settings file has a bad value at `key` (dotted path).
  case invalidSettings(path: String, key: String, problem: String)
  /// The database has no metrics at all, so there is no as-of day.
  case noMetrics
  /// A backtest needs metrics after the as-of day that are not there yet.
  case backtestBeyondData(asOf: Day, weeks: Int, lastDay: Day)
  /// `--strict`: the IO's goal exceeds the show's avails.
  case exceedsAvails(io: String, warnings: [String])

  public var description: String {
    switch self {
    case .invalidRequest(let message): message
    case .settingsUnreadable(let path, let reason):
      "Cannot read the avails settings file \(path): \(reason)."
    case .invalidSettings(let path, let key, let problem):
      key.isEmpty
        ? "\(path): the avails settings \(problem)."
        : "\(path): `\(key)` \(problem)."
    case .noMetrics:
      "There are no listener metrics to forecast from; import metrics_daily first."
    case .backtestBeyondData(let asOf, let weeks, let lastDay):
      "A backtest from \(asOf) over \(weeks) week\(weeks == 1 ? "" : "s") needs metrics through \(asOf.adding(days: 7 * weeks)), but they end on \(lastDay); choose an earlier as-of day or fewer weeks."
    case .exceedsAvails(let io, let warnings):
      "Refused, nothing written (\(io) exceeds its show's avails): \(warnings.joined(separator: "; "))."
    }
  }
}
