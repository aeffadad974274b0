import Diagnostics

extension AvailsError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .invalidRequest, .backtestBeyondData: .invalidRequest
    case .invalidSettings, .noMetrics: .invalidInput
    case .settingsUnreadable: .io
    case .exceedsAvails: .checkFailed
    }
  }

  public var code: String {
    switch self {
    case .invalidRequest: "invalid_avails_request"
    case .settingsUnreadable: "avails_settings_unreadable"
    case .invalidSettings: "invalid_avails_settings"
    case .noMetrics: "no_metrics"
    case .backtestBeyondData: "backtest_beyond_data"
    case .exceedsAvails: "exceeds_avails"
    }
  }
}
