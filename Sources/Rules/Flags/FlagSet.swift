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
  /// The flags laid out for evaluation (see ``Plan``).
  private let plan: Plan
  /// The declarations flag expressions are checked against (see ``FlagEnvironment``).
  let environment: FlagEnvironment

  init(flags: [FeatureFlag], environment: FlagEnvironment) {
    self.flags = flags
    var index: [String: Int] = [:]
    for (position, flag) in flags.enumerated() { index[flag.name] = position }
    self.indexByName = index
    self.plan = Plan(flags, indexByName: index)
    self.environment = environment
  }

  /// The flag named `name`, if loaded.
  public func flag(named name: String) -> FeatureFlag? { indexByName[name].map { flags[$0] } }

  /// The position of the flag named `name` in ``flags``, for ``evaluate(at:in:overrides:)``.
  ///
  /// Resolve names once and evaluate by index when the same flags are evaluated many times.
  public func index(of name: String) -> Int? { indexByName[name] }

  /// Binds a context (a JSON object: `env`, `account`, `user`, `now`) once, for many evaluations.
  public func context(json: String, now: Date = Date()) throws -> FlagContext {
    try environment.context(json: json, now: now)
  }

  /// Binds a context already read into values (the map of a JSON object read with
  /// `Value.readingJSON`), for callers that read a larger JSON document (OFREP's request body).
  public func context(map: MapValue, now: Date = Date()) throws -> FlagContext {
    try environment.context(map: map, now: now)
  }

  /// Binds a context already parsed into a dictionary (`env`, `account`, `user`, `now`, with the
  /// values `JSONSerialization` gives), for callers that parsed a larger JSON document.
  public func context(object: [String: Any], now: Date = Date()) throws -> FlagContext {
    try environment.context(object: object, now: now)
  }

  // MARK: - Evaluation

  /// Evaluates the flag `name`. Never throws: an unknown flag or a failing expression gives `ERROR`.
  public func evaluate(
    _ name: String, in context: FlagContext, overrides: FlagOverrides = .none
  ) -> FlagResult {
    guard let index = indexByName[name] else { return Self.unknown(name) }
    return evaluate(at: index, in: context, overrides: overrides)
  }

  /// Evaluates the flag at `index` in ``flags`` (see ``index(of:)``): no lookup by name, and the
  /// result's message is built only when read.
  public func evaluate(
    at index: Int, in context: FlagContext, overrides: FlagOverrides = .none
  ) -> FlagResult {
    var trace: [FlagTraceStep]? = nil
    return result(at: index, decide(index, context, overrides, &trace))
  }

  /// Evaluates the flag and records every step, for `cuesheet flags explain`.
  public func explain(
    _ name: String, in context: FlagContext, overrides: FlagOverrides = .none
  ) -> (FlagResult, [FlagTraceStep]) {
    guard let index = indexByName[name] else { return (Self.unknown(name), []) }
    var trace: [FlagTraceStep]? = []
    let decision = decide(index, context, overrides, &trace)
    return (result(at: index, decision), trace ?? [])
  }

  private static func unknown(_ name: String) -> FlagResult {
    FlagResult(
      flag: name, value: .null, variant: "", reason: .error,
      message: "There is no flag named \(name).")
  }

  /// What evaluation decided, before any text is built: the variant, why, and the rule.
  ///
  /// The rule is stored as a plain `Int` (-1 for none) so a decision is a few aligned words
  /// plus its pending message, cheap to return through the recursive `decide` calls.
  private struct Decision {
    let variant: Int
    let ruleOrNone: Int
    let reason: FlagReason
    let message: FlagResult.PendingMessage

    init(
      variant: Int, reason: FlagReason, rule: Int? = nil,
      message: FlagResult.PendingMessage = .none
    ) {
      self.variant = variant
      self.ruleOrNone = rule ?? -1
      self.reason = reason
      self.message = message
    }

    var rule: Int? { ruleOrNone < 0 ? nil : ruleOrNone }
  }

  private func result(at index: Int, _ decision: consuming Decision) -> FlagResult {
    FlagResult(
      flag: flags[index].name, value: flags[index].variants[decision.variant].value,
      variant: flags[index].variants[decision.variant].name, reason: decision.reason,
      ruleIndex: decision.rule,
      ruleLine: decision.rule.map { plan.lines[plan.flags[index].rules.lowerBound + $0] },
      pendingMessage: decision.message)
  }

  /// Evaluates the flag at `index` from ``plan``: plain numbers and programs borrowed in place,
  /// never copying the flag (its texts are read only when `trace` is on).
  private func decide(
    _ index: Int, _ context: FlagContext, _ overrides: FlagOverrides,
    _ trace: inout [FlagTraceStep]?
  ) -> Decision {
    // 1. Override.
    if !overrides.values.isEmpty, let override = overrides.value(for: flags[index].name) {
      let name = flags[index].name
      if let variant = flags[index].variantIndex(override) {
        trace?.append(.init(check: "override", result: "CUESHEET_FLAG_\(name)=\(override)"))
        return Decision(variant: variant, reason: .override)
      }
      trace?.append(
        .init(check: "override", result: "ignored: \(name) has no variant `\(override)`"))
    }
    let flag = plan.flags[index]
    // 2. Kill switch.
    if !flag.enabled {
      trace?.append(.init(check: "enabled", result: "false: the flag is switched off"))
      return Decision(variant: flag.offVariant, reason: .disabled)
    }
    // 3. Schedule.
    if flag.activeFrom != nil || flag.activeUntil != nil {
      if let from = flag.activeFrom, context.now < from {
        trace?.append(.init(check: "schedule", result: "not active until \(Self.format(from))"))
        return Decision(variant: flag.offVariant, reason: .scheduledOff)
      }
      if let until = flag.activeUntil, context.now >= until {
        trace?.append(.init(check: "schedule", result: "ended at \(Self.format(until))"))
        return Decision(variant: flag.offVariant, reason: .scheduledOff)
      }
      trace?.append(.init(check: "schedule", result: "active at \(Self.format(context.now))"))
    }
    // 4. Prerequisites.
    for position in flag.prerequisites {
      let prerequisite = plan.prerequisites[position]
      var inner: [FlagTraceStep]? = nil
      let servedVariant: Int?
      let met: Bool
      let reason: FlagReason
      if let other = prerequisite.flag {
        let decision = decide(other, context, overrides, &inner)
        met = decision.variant == prerequisite.variant && decision.reason != .error
        servedVariant = decision.variant
        reason = decision.reason
      } else {
        met = false
        servedVariant = nil
        reason = .error
      }
      if trace != nil || !met {
        let required = flags[index].prerequisites[position - flag.prerequisites.lowerBound]
        let served = servedVariant.map { flags[prerequisite.flag!].variants[$0].name } ?? ""
        trace?.append(
          .init(
            check: "requires \(required.flag) is \(required.variant)",
            result: "\(served) (\(reason.rawValue)): \(met ? "met" : "not met")"))
        if !met {
          return Decision(
            variant: flag.offVariant, reason: .prerequisiteFailed,
            message: .prerequisite(
              flag: required.flag, served: served, required: required.variant))
        }
      }
    }
    // 5. Targeting rules, first match wins.
    for position in flag.rules {
      let ruleIndex = position - flag.rules.lowerBound
      let matched: Bool
      do {
        let value = try plan.conditions.evaluate(position, context.activation)
        guard case .bool(let result) = value else {
          throw EvaluationError(
            .noSuchOverload, "the condition gave \(value.typeValue), not a bool")
        }
        matched = result
      } catch {
        trace?.append(
          .init(
            check: "when #\(ruleIndex + 1) (line \(flags[index].rules[ruleIndex].line))",
            result: "error: \(error)"))
        return errorDecision(index, error, rule: ruleIndex)
      }
      trace?.append(
        .init(
          check:
            "when #\(ruleIndex + 1) (line \(flags[index].rules[ruleIndex].line)): \(flags[index].rules[ruleIndex].conditionText)",
          result: "\(matched)"))
      if matched {
        return decide(
          index, plan.outcomes[position], reason: .targetingMatch, rule: ruleIndex, context,
          &trace)
      }
    }
    // 6. Default.
    trace?.append(.init(check: "default", result: "no rule matched"))
    return decide(index, flag.otherwise, reason: .default, rule: nil, context, &trace)
  }

  /// Serves an outcome; rollouts and splits bucket the unit and report `SPLIT`.
  private func decide(
    _ index: Int, _ outcome: Plan.Outcome, reason: FlagReason, rule: Int?,
    _ context: FlagContext,
    _ trace: inout [FlagTraceStep]?
  ) -> Decision {
    switch outcome.kind {
    case .variant:
      return Decision(variant: outcome.variant, reason: reason, rule: rule)
    case .rollout:
      do {
        let bucket = try bucket(index, unit: outcome.unit, context)
        let inside = Bucketing.isInRollout(bucket: bucket, basisPoints: outcome.basisPoints)
        if trace != nil {
          let unit = try Self.unitText(plan.units[outcome.unit].evaluate(context.activation))
          trace?.append(
            .init(
              check: "rollout \(Self.format(outcome.percent))% by \(unit)",
              result:
                "bucket \(bucket) of 10000, in when < \(outcome.basisPoints): \(inside ? "in" : "out")"
            ))
        }
        return Decision(
          variant: inside ? outcome.variant : outcome.otherwise, reason: .split, rule: rule)
      } catch {
        return errorDecision(index, error, rule: rule)
      }
    case .split:
      do {
        let bucket = try bucket(index, unit: outcome.unit, context)
        let bounds = plan.bounds[outcome.bounds]
        let chosen = bounds.first { bucket < $0.upper }?.variant ?? bounds.last!.variant
        if trace != nil {
          let unit = try Self.unitText(plan.units[outcome.unit].evaluate(context.activation))
          trace?.append(
            .init(
              check: "split by \(unit)",
              result: "bucket \(bucket) of 10000 → \(flags[index].variants[chosen].name)"))
        }
        return Decision(variant: chosen, reason: .split, rule: rule)
      } catch {
        return errorDecision(index, error, rule: rule)
      }
    }
  }

  /// The bucket of the unit program at `unit` in `context`, hashed under the flag's salt.
  private func bucket(_ index: Int, unit: Int, _ context: FlagContext) throws -> Int {
    let value = try plan.units.evaluate(unit, context.activation)
    return try flags.withUnsafeBufferPointer { flags in
      if case .string(let text) = value {
        return Bucketing.bucket(salt: flags[index].salt, unit: text)
      }
      return Bucketing.bucket(salt: flags[index].salt, unit: try Self.unitText(value))
    }
  }

  private func errorDecision(_ index: Int, _ error: Error, rule: Int?) -> Decision {
    let fallback: Int
    if case .variant(let variant) = flags[index].defaultOutcome {
      fallback = variant
    } else {
      fallback = flags[index].offVariant
    }
    return Decision(variant: fallback, reason: .error, rule: rule, message: .text("\(error)"))
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
