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
    let index = try Self.index(of: request)
    if request.explain {
      let context = try FlagContexts.bind(request.context, in: request.rules)
      let (result, steps) = flags.explain(request.flag, in: context, overrides: request.overrides)
      return Answer(flag: flags.flags[index], result: result, steps: steps)
    }
    return Answer(flag: flags.flags[index], result: try result(request), steps: [])
  }

  /// The result alone (``Request/explain`` is not looked at), for `GET /api/v1/flags/{name}`: the
  /// flag resolved to its index once, no copy of it, the context read straight into values.
  public func result(_ request: Request) throws -> FlagResult {
    let index = try Self.index(of: request)
    let context = try FlagContexts.bind(request.context, in: request.rules)
    return request.rules.flags.evaluate(at: index, in: context, overrides: request.overrides)
  }

  /// The position of the requested flag, or ``ApplicationError/unknownFlag(_:source:suggestion:)``.
  static func index(of request: Request) throws -> Int {
    let flags = request.rules.flags
    guard let index = flags.index(of: request.flag) else {
      throw ApplicationError.unknownFlag(
        request.flag, source: request.rulesSource,
        suggestion: NameSuggester.closest(to: request.flag, among: flags.flags.map(\.name)))
    }
    return index
  }
}
