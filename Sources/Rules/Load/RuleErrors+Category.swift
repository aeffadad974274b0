import Diagnostics

extension RuleLoadError: ClassifiedError {
  public var category: ErrorCategory { .invalidInput }
  public var code: String { "rule_files_invalid" }
}

extension RuleFileReadError: ClassifiedError {
  public var category: ErrorCategory { .io }
  public var code: String { "rule_file_unreadable" }
}

extension FlagContextError: ClassifiedError {
  /// The context is part of the request (an option or a query parameter).
  public var category: ErrorCategory { .invalidRequest }
  public var code: String { "invalid_context" }
}

extension FlagOverrideError: ClassifiedError {
  /// A `CUESHEET_FLAG_*` setting is part of how the command was invoked.
  public var category: ErrorCategory { .invalidRequest }
  public var code: String { "invalid_flag_override" }
}
