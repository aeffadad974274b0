import Expressions

/// A compiled `test "…" { … }` block.
public struct RuleTest: Sendable {
  public enum Target: Sendable {
    case flag(String)
    case ruleSet(String)
  }

  /// What a test expects.
  public enum Expectation: Sendable {
    case flag(value: Value?, valueText: String?, variant: String?, reason: FlagReason?)
    case score(Double, tolerance: Double)
    case signal(String, Double, tolerance: Double)
    case rejected(String)
    case kept(Bool)
  }

  public let name: String
  public let file: String
  public let line: Int
  public let target: Target
  /// The flag context JSON (flag tests).
  public let context: String?
  /// `CUESHEET_FLAG_*` overrides for this test.
  public let overrides: FlagOverrides
  /// Record values of the pair (rule-set tests).
  public let advertiser: Value?
  public let show: Value?
  public let expectations: [Expectation]
}
