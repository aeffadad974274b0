import Expressions

/// Why a flag evaluated to its value, as mature flag systems (OpenFeature) name it.
public enum FlagReason: String, Sendable, Codable, CaseIterable {
  /// `enabled false`: the kill switch is on.
  case disabled = "DISABLED"
  /// Outside `active from … until …`.
  case scheduledOff = "SCHEDULED_OFF"
  /// A `requires` flag did not have the required value.
  case prerequisiteFailed = "PREREQUISITE_FAILED"
  /// A `when` rule matched.
  case targetingMatch = "TARGETING_MATCH"
  /// A percentage rollout or a variant split decided.
  case split = "SPLIT"
  /// No rule matched; the default was served.
  case `default` = "DEFAULT"
  /// `CUESHEET_FLAG_<NAME>` (environment or `.env`) decided.
  case override = "OVERRIDE"
  /// Evaluation failed (e.g. a missing attribute); the default was served.
  case error = "ERROR"
}

/// The outcome of evaluating one flag for one context.
public struct FlagResult: Sendable {
  /// The flag's name.
  public let flag: String
  /// The served value: `bool` for boolean flags, the variant's value otherwise.
  public let value: Value
  /// The served variant's name (`on`/`off` for boolean flags).
  public let variant: String
  public let reason: FlagReason
  /// For `TARGETING_MATCH` and `SPLIT`: the rule's index (0-based) and its line in the file.
  public let ruleIndex: Int?
  public let ruleLine: Int?
  /// For `ERROR` and `PREREQUISITE_FAILED`: what went wrong, in one sentence.
  public var message: String? {
    switch pendingMessage {
    case .none: nil
    case .text(let text): text
    case .prerequisite(let flag, let served, let required):
      "\(flag) is \(served), not \(required)"
    }
  }

  /// The message's parts; the sentence is built only when ``message`` is read.
  enum PendingMessage: Sendable {
    case none
    case text(String)
    /// A `requires` flag served another variant.
    case prerequisite(flag: String, served: String, required: String)
  }

  let pendingMessage: PendingMessage

  public init(
    flag: String, value: Value, variant: String, reason: FlagReason, ruleIndex: Int? = nil,
    ruleLine: Int? = nil, message: String? = nil
  ) {
    self.init(
      flag: flag, value: value, variant: variant, reason: reason, ruleIndex: ruleIndex,
      ruleLine: ruleLine, pendingMessage: message.map(PendingMessage.text) ?? .none)
  }

  init(
    flag: String, value: Value, variant: String, reason: FlagReason, ruleIndex: Int?,
    ruleLine: Int?, pendingMessage: PendingMessage
  ) {
    self.flag = flag
    self.value = value
    self.variant = variant
    self.reason = reason
    self.ruleIndex = ruleIndex
    self.ruleLine = ruleLine
    self.pendingMessage = pendingMessage
  }

  /// True when a boolean flag is on (or a variant flag serves `true`).
  public var isOn: Bool {
    if case .bool(let on) = value { return on }
    return false
  }
}

/// One step of `cuesheet flags explain`.
public struct FlagTraceStep: Sendable, Codable {
  /// What was checked: `enabled`, `schedule`, `requires X`, `when #1 (line 12)`, `default`, `override`.
  public let check: String
  /// What it found, e.g. `condition: false`, `bucket 8390 of 10000, rollout < 2500: out`.
  public let result: String
}
