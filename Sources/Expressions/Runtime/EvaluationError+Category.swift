import Diagnostics

extension EvaluationError: ClassifiedError {
  /// An expression failed on the values it was given (division by zero, a missing key, …).
  public var category: ErrorCategory { .invalidInput }
  /// `evaluation_failed`: the kind is in the message and the diagnostic id.
  public var code: String { "evaluation_failed" }
}
