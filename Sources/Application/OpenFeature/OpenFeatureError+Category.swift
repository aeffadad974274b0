import Diagnostics

extension OpenFeatureError: ClassifiedError {
  /// Everything but an unknown flag is about the request and its context (OFREP answers 400);
  /// an unknown flag is a name the rule files do not define (404).
  public var category: ErrorCategory {
    switch self {
    case .flagNotFound: .undefinedName
    case .parseError, .invalidContext, .targetingKeyMissing, .general: .invalidRequest
    }
  }

  public var code: String { "ofrep_" + errorCode.lowercased() }
}
