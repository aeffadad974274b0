import Diagnostics

/// A parsed rule file: flags, matchmaking rule sets and rule tests, each with source ranges.
///
/// Expressions are kept as ranges of the file; ``RuleLoader`` compiles them with the expression
/// language so that every diagnostic points at the file's own line and column.
public struct RuleFileSyntax: Sendable {
  public let file: SourceFile
  public var flags: [FlagSyntax] = []
  public var ruleSets: [RuleSetSyntax] = []
  public var tests: [RuleTestSyntax] = []
}

/// A name or value with the range it was written at.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var range: SourceRange
}

/// `flag NAME { … }`
public struct FlagSyntax: Sendable {
  public var name: Located<String>
  /// `description "…"`
  public var description: String?
  /// `enabled false` is the kill switch.
  public var enabled: Located<Bool>?
  /// `active from 2026-01-01T00:00:00Z until 2026-02-01T00:00:00Z` (either bound optional).
  public var activeFrom: Located<String>?
  public var activeUntil: Located<String>?
  /// `requires OTHER` or `requires OTHER is variant`.
  public var prerequisites: [PrerequisiteSyntax] = []
  /// `salt "…"` (default: the flag's name).
  public var salt: Located<String>?
  /// `variants { name = JSON … }`; `nil` for a boolean flag (variants `on` and `off`).
  public var variants: [VariantSyntax]?
  /// `default VARIANT`
  public var defaultOutcome: OutcomeSyntax?
  /// `off VARIANT`: served when the flag is disabled, out of schedule, or a prerequisite fails
  /// (boolean flags: `off`; variant flags: this, else the default).
  public var offVariant: Located<String>?
  /// `when EXPR => OUTCOME`, in order.
  public var rules: [TargetingRuleSyntax] = []
  public var range: SourceRange
}

/// `requires FLAG [is VARIANT]`
public struct PrerequisiteSyntax: Sendable {
  public var flag: Located<String>
  public var variant: Located<String>?
}

/// `name = JSON` inside `variants { … }`.
public struct VariantSyntax: Sendable {
  public var name: Located<String>
  /// The JSON text of the value.
  public var json: Located<String>
}

/// What a rule or the default serves.
public enum OutcomeSyntax: Sendable {
  /// `on`, `off`, or a variant name.
  case variant(Located<String>)
  /// `rollout 25% by account.id` (boolean flags: the percentage gets `on`, the rest `off`), or
  /// `rollout 25% of VARIANT by …` (the rest gets the default).
  case rollout(percent: Located<Double>, variant: Located<String>?, unit: SourceRange)
  /// `split by account.id { control 50%, treatment 50% }`
  case split(unit: SourceRange, weights: [(variant: Located<String>, percent: Located<Double>)])

  var range: SourceRange {
    switch self {
    case .variant(let name): name.range
    case .rollout(let percent, _, let unit): percent.range.union(unit)
    case .split(let unit, let weights): weights.last.map { unit.union($0.percent.range) } ?? unit
    }
  }
}

/// `when EXPR => OUTCOME`
public struct TargetingRuleSyntax: Sendable {
  public var condition: SourceRange
  public var outcome: OutcomeSyntax
  public var range: SourceRange
}

/// `matchmaking NAME { … }`
public struct RuleSetSyntax: Sendable {
  public var name: Located<String>
  public var description: String?
  /// `let`, `require` and `signal` lines, in file order (a `let` is visible below it).
  public var items: [RuleSetItemSyntax] = []
  /// `keep EXPR` (may use `score`).
  public var keep: SourceRange?
  /// `top N per advertiser`
  public var top: Located<Int>?
  public var range: SourceRange
}

/// One line of a rule set.
public enum RuleSetItemSyntax: Sendable {
  /// `let NAME = EXPR`
  case letBinding(name: Located<String>, expression: SourceRange)
  /// `require "reason": EXPR`
  case require(reason: Located<String>, expression: SourceRange)
  /// `signal "name" weight 0.4: EXPR`
  case signal(name: Located<String>, weight: Located<Double>, expression: SourceRange)
}

/// `test "name" { … }`
public struct RuleTestSyntax: Sendable {
  public enum Target: Sendable {
    case flag(Located<String>)
    case ruleSet(Located<String>)
  }

  public var name: Located<String>
  public var target: Target?
  /// `context {JSON}`, `advertiser {JSON}`, `show {JSON}`, `env {"CUESHEET_FLAG_X": "on"}`.
  public var inputs: [(name: Located<String>, json: Located<String>)] = []
  public var expectations: [ExpectationSyntax] = []
  public var range: SourceRange
}

/// `expect …`
public enum ExpectationSyntax: Sendable {
  /// `expect VALUE [variant NAME] [reason REASON]` for flags. The value is JSON (`true`, `"v2"`),
  /// or `on` / `off`.
  case flag(value: Located<String>?, variant: Located<String>?, reason: Located<String>?)
  /// `expect score 0.85 [within 0.01]`
  case score(Located<Double>, tolerance: Double)
  /// `expect rejected by "brand safety"`
  case rejected(Located<String>)
  /// `expect kept` / `expect dropped` (by the keep threshold)
  case kept(Located<Bool>)
  /// `expect signal "reach" 0.5 [within 0.01]`
  case signal(name: Located<String>, value: Located<Double>, tolerance: Double)
}
