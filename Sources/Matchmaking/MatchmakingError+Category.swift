import Diagnostics

extension MatchmakingError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .unknownAdvertiser, .unknownShow: .notFound
    case .unknownRuleSet: .invalidRequest
    case .evaluation: .invalidInput
    }
  }

  public var code: String {
    switch self {
    case .unknownAdvertiser: "advertiser_not_found"
    case .unknownShow: "show_not_found"
    case .unknownRuleSet: "unknown_rule_set"
    case .evaluation: "rule_evaluation_failed"
    }
  }
}
