import Diagnostics

extension RuleFormatError: ClassifiedError {
  public var category: ErrorCategory { .internal }
  public var code: String { "rules_format_changed_meaning" }
  public var hint: String? { "the file is left as it was" }
}
