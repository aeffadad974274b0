import Diagnostics
import Rules

/// Evaluates one feature flag for a context: `cuesheet flags eval|explain` and
/// `GET /api/v1/flags/{name}`.
///
/// ```swift
/// let answer = try EvaluateFlag().run(
///   .init(rules: book, rulesSource: "rules", flag: "ENABLE_MATCHMAKING", context: #"{"env": "staging"}"#))
/// answer.result.isOn
/// ```
public struct EvaluateFlag: Sendable {
  public struct Request: Sendable {
    public var rules: RuleBook
    /// Where the rules came from, for the unknown-flag message.
    public var rulesSource: String
    public var flag: String
    /// The context as a JSON object (`env`, `account`, `user`, `now`).
    public var context: String
    public var overrides: FlagOverrides
    /// Record each step of the evaluation too.
    public var explain: Bool

    public init(
      rules: RuleBook, rulesSource: String, flag: String, context: String = "{}",
      overrides: FlagOverrides = .none, explain: Bool = false
    ) {
      self.rules = rules
      self.rulesSource = rulesSource
      self.flag = flag
      self.context = context
      self.overrides = overrides
      self.explain = explain
    }
  }

  /// The result, the steps (when asked for) and the flag evaluated.
  public struct Answer: Sendable {
    public let flag: FeatureFlag
    public let result: FlagResult
    public let steps: [FlagTraceStep]
  }

  public init() {}

  /// Throws ``ApplicationError/unknownFlag(_:source:suggestion:)`` for a flag the rules do not
  /// define and ``ApplicationError/invalidContext(_:)`` for a context that does not bind.
  public func run(_ request: Request) throws -> Answer {
    let flags = request.rules.flags
    guard let flag = flags.flag(named: request.flag) else {
      throw ApplicationError.unknownFlag(
        request.flag, source: request.rulesSource,
        suggestion: NameSuggester.closest(to: request.flag, among: flags.flags.map(\.name)))
    }
    let context = try FlagContexts.bind(request.context, in: request.rules)
    if request.explain {
      let (result, steps) = flags.explain(request.flag, in: context, overrides: request.overrides)
      return Answer(flag: flag, result: result, steps: steps)
    }
    let result = flags.evaluate(request.flag, in: context, overrides: request.overrides)
    return Answer(flag: flag, result: result, steps: [])
  }
}
