import Diagnostics
import Expressions
import Foundation

/// A loaded, compiled flag: every condition and unit expression is a compiled program.
public struct FeatureFlag: Sendable {
  /// A variant: its name and value (`on` → `true`, `off` → `false` for boolean flags).
  public struct Variant: Sendable {
    public let name: String
    public let value: Value
    /// The value as JSON text, as written in the rule file (`true`, `"modern"`, `{"a": 1}`).
    public let json: String
  }

  /// What a rule or the default serves, with variant names resolved to indexes.
  public enum Outcome: Sendable {
    case variant(Int)
    /// `percent` of units get `variant`, the others `otherwise` (evaluation uses the percentage
    /// converted once to basis points, see ``Bucketing/basisPoints(percent:)``).
    case rollout(percent: Double, variant: Int, otherwise: Int, unit: Program)
    /// Cumulative upper bounds in buckets (0..<10000) with their variants.
    case split(unit: Program, bounds: [(upper: Int, variant: Int)])
  }

  /// A `when` rule.
  public struct Rule: Sendable {
    public let condition: Program
    public let conditionText: String
    public let outcome: Outcome
    public let line: Int
  }

  /// A `requires` prerequisite.
  public struct Prerequisite: Sendable {
    public let flag: String
    /// The variant the other flag must serve (`on` for boolean flags).
    public let variant: String
  }

  public let name: String
  public let description: String
  public let enabled: Bool
  public let activeFrom: Date?
  public let activeUntil: Date?
  public let prerequisites: [Prerequisite]
  public let salt: String
  public let variants: [Variant]
  /// True for `on`/`off` flags (no `variants` block).
  public let isBoolean: Bool
  public let defaultOutcome: Outcome
  /// The variant served when disabled, out of schedule, or a prerequisite fails.
  public let offVariant: Int
  public let rules: [Rule]
  /// Where the flag is defined.
  public let file: String
  public let line: Int
  /// The definition's source text without comments, blank lines or indentation (see
  /// ``RuleLoader/definitionText(_:)``): two flags with the same text are defined the same way.
  public let definition: String

  /// The index of a variant by name.
  public func variantIndex(_ name: String) -> Int? { variants.firstIndex { $0.name == name } }
}
