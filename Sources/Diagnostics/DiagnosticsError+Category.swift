extension DiagnosticsError: ClassifiedError {
  /// Diagnostics come from a source the caller supplied (an expression, a rule file).
  public var category: ErrorCategory { .invalidInput }
  public var code: String { "diagnostics" }
}
