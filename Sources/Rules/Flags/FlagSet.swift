import Expressions
import Foundation

/// Every flag loaded from the rule files, ready to evaluate.
///
/// ```swift
/// let flags = try RuleLoader.load(paths: ["rules"]).flags
/// let context = try flags.context(json: #"{"env": "staging"}"#)
/// let result = flags.evaluate("ENABLE_MATCHMAKING", in: context)
/// result.isOn      // true
/// result.reason    // .targetingMatch
/// ```
public final class FlagSet: Sendable {
  public let flags: [FeatureFlag]
  private let indexByName: [String: Int]
  /// The declarations flag expressions are checked against (see ``FlagEnvironment``).
  let environment: FlagEnvironment

  init(flags: [FeatureFlag], environment: FlagEnvironment) {
    self.flags = flags
    var index: [String: Int] = [:]
    for (position, flag) in flags.enumerated() { index[flag.name] = position }
    self.indexByName = index
    self.environment = environment
  }

  /// The flag named `name`, if loaded.
  public func flag(named name: String) -> FeatureFlag? { indexByName[name].map { flags[$0] } }

  /// Binds a context (a JSON object: `env`, `account`, `user`, `now`) once, for many evaluations.
  public func context(json: String, now: Date = Date()) throws -> FlagContext {
    try environment.context(json: json, now: now)
  }

  // MARK: - Evaluation

  /// Evaluates the flag `name`. Never throws: an unknown flag or a failing expression gives `ERROR`.
  public func evaluate(
    _ name: String, in context: FlagContext, overrides: FlagOverrides = .none
  ) -> FlagResult {
    var trace: [FlagTraceStep]? = nil
    return evaluate(name, in: context, overrides: overrides, trace: &trace)
  }

  /// Evaluates the flag and records every step, for `cuesheet flags explain`.
  public func explain(
    _ name: String, in context: FlagContext, overrides: FlagOverrides = .none
  ) -> (FlagResult, [FlagTraceStep]) {
    var trace: [FlagTraceStep]? = []
    let result = evaluate(name, in: context, overrides: overrides, trace: &trace)
    return (result, trace ?? [])
  }

  private func evaluate(
    _ name: String, in context: FlagContext, overrides: FlagOverrides,
    trace: inout [FlagTraceStep]?
  ) -> FlagResult {
    guard let index = indexByName[name] else {
      return FlagResult(
        flag: name, value: .null, variant: "", reason: .error,
        message: "There is no flag named \(name).")
    }
    return evaluate(flags[index], in: context, overrides: overrides, trace: &trace)
  }

  private func evaluate(
    _ flag: FeatureFlag, in context: FlagContext, overrides: FlagOverrides,
    trace: inout [FlagTraceStep]?
  ) -> FlagResult {
    func serve(_ variant: Int, _ reason: FlagReason, rule: Int? = nil, message: String? = nil)
      -> FlagResult
    {
      FlagResult(
        flag: flag.name, value: flag.variants[variant].value, variant: flag.variants[variant].name,
        reason: reason, ruleIndex: rule, ruleLine: rule.map { flag.rules[$0].line },
        message: message)
    }

    // 1. Override.
    if let override = overrides.value(for: flag.name) {
      if let variant = flag.variantIndex(override) {
        trace?.append(.init(check: "override", result: "CUESHEET_FLAG_\(flag.name)=\(override)"))
        return serve(variant, .override)
      }
      trace?.append(
        .init(check: "override", result: "ignored: \(flag.name) has no variant `\(override)`"))
    }
    // 2. Kill switch.
    if !flag.enabled {
      trace?.append(.init(check: "enabled", result: "false: the flag is switched off"))
      return serve(flag.offVariant, .disabled)
    }
    // 3. Schedule.
    if let from = flag.activeFrom, context.now < from {
      trace?.append(.init(check: "schedule", result: "not active until \(Self.format(from))"))
      return serve(flag.offVariant, .scheduledOff)
    }
    if let until = flag.activeUntil, context.now >= until {
      trace?.append(.init(check: "schedule", result: "ended at \(Self.format(until))"))
      return serve(flag.offVariant, .scheduledOff)
    }
    if flag.activeFrom != nil || flag.activeUntil != nil {
      trace?.append(.init(check: "schedule", result: "active at \(Self.format(context.now))"))
    }
    // 4. Prerequisites.
    for prerequisite in flag.prerequisites {
      var inner: [FlagTraceStep]? = nil
      let other = evaluate(prerequisite.flag, in: context, overrides: overrides, trace: &inner)
      let met = other.variant == prerequisite.variant && other.reason != .error
      trace?.append(
        .init(
          check: "requires \(prerequisite.flag) is \(prerequisite.variant)",
          result: "\(other.variant) (\(other.reason.rawValue)): \(met ? "met" : "not met")"))
      if !met {
        return serve(
          flag.offVariant, .prerequisiteFailed,
          message: "\(prerequisite.flag) is \(other.variant), not \(prerequisite.variant)")
      }
    }
    // 5. Targeting rules, first match wins.
    for (index, rule) in flag.rules.enumerated() {
      let matched: Bool
      do {
        matched = try rule.condition.evaluateBool(context.activation)
      } catch {
        trace?.append(
          .init(check: "when #\(index + 1) (line \(rule.line))", result: "error: \(error)"))
        return errorResult(flag, error, rule: index)
      }
      trace?.append(
        .init(
          check: "when #\(index + 1) (line \(rule.line)): \(rule.conditionText)",
          result: "\(matched)"))
      if matched {
        return decide(flag, rule.outcome, reason: .targetingMatch, rule: index, context, &trace)
      }
    }
    // 6. Default.
    trace?.append(.init(check: "default", result: "no rule matched"))
    return decide(flag, flag.defaultOutcome, reason: .default, rule: nil, context, &trace)
  }

  /// Serves an outcome; rollouts and splits bucket the unit and report `SPLIT`.
  private func decide(
    _ flag: FeatureFlag, _ outcome: FeatureFlag.Outcome, reason: FlagReason, rule: Int?,
    _ context: FlagContext,
    _ trace: inout [FlagTraceStep]?
  ) -> FlagResult {
    func serve(_ variant: Int, _ reason: FlagReason) -> FlagResult {
      FlagResult(
        flag: flag.name, value: flag.variants[variant].value, variant: flag.variants[variant].name,
        reason: reason, ruleIndex: rule, ruleLine: rule.map { flag.rules[$0].line })
    }
    switch outcome {
    case .variant(let variant):
      return serve(variant, reason)
    case .rollout(let percent, let variant, let otherwise, let unitProgram):
      do {
        let unit = try Self.unitText(unitProgram.evaluate(context.activation))
        let bucket = Bucketing.bucket(salt: flag.salt, unit: unit)
        let inside = Bucketing.isInRollout(bucket: bucket, percent: percent)
        trace?.append(
          .init(
            check: "rollout \(Self.format(percent))% by \(unit)",
            result:
              "bucket \(bucket) of 10000, in when < \(Int(percent * 100)): \(inside ? "in" : "out")"
          ))
        return serve(inside ? variant : otherwise, .split)
      } catch {
        return errorResult(flag, error, rule: rule)
      }
    case .split(let unitProgram, let bounds):
      do {
        let unit = try Self.unitText(unitProgram.evaluate(context.activation))
        let bucket = Bucketing.bucket(salt: flag.salt, unit: unit)
        let chosen = bounds.first { bucket < $0.upper }?.variant ?? bounds.last!.variant
        trace?.append(
          .init(
            check: "split by \(unit)",
            result: "bucket \(bucket) of 10000 → \(flag.variants[chosen].name)"))
        return serve(chosen, .split)
      } catch {
        return errorResult(flag, error, rule: rule)
      }
    }
  }

  private func errorResult(_ flag: FeatureFlag, _ error: Error, rule: Int?) -> FlagResult {
    let fallback: Int
    if case .variant(let variant) = flag.defaultOutcome {
      fallback = variant
    } else {
      fallback = flag.offVariant
    }
    return FlagResult(
      flag: flag.name, value: flag.variants[fallback].value, variant: flag.variants[fallback].name,
      reason: .error, ruleIndex: rule, ruleLine: rule.map { flag.rules[$0].line },
      message: "\(error)")
  }

  /// The bucketing text of a unit value: strings as they are, numbers in decimal.
  static func unitText(_ value: Value) throws -> String {
    switch value {
    case .string(let text): return text
    case .int(let number): return String(number)
    case .uint(let number): return String(number)
    case .double(let number) where number == number.rounded() && abs(number) < 1e15:
      return String(Int64(number))
    case .double(let number): return String(number)
    default:
      throw FlagUnitError(type: value.typeValue.name)
    }
  }

  static func format(_ date: Date) -> String {
    ISO8601DateFormatter().string(from: date)
  }

  static func format(_ percent: Double) -> String {
    percent == percent.rounded() ? String(Int(percent)) : String(percent)
  }
}

/// A rollout unit that is not a string or a number.
struct FlagUnitError: Error, CustomStringConvertible {
  let type: String
  var description: String {
    "a rollout unit must be a string or a number, not \(type)"
  }
}
