import Diagnostics

extension ApplicationError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .unknownFlag: .undefinedName
    case .invalidContext, .invalidValue: .invalidRequest
    case .gateUndefined: .invalidInput
    case .cannotWrite: .io
    }
  }

  public var code: String {
    switch self {
    case .unknownFlag: "unknown_flag"
    case .invalidContext: "invalid_context"
    case .gateUndefined: "gate_undefined"
    case .cannotWrite: "cannot_write"
    case .invalidValue: "invalid_value"
    }
  }
}
