import Expressions
import Rules
import Store

/// One flag evaluated for OpenFeature: OFREP's `evaluationSuccess` or `evaluationFailure`.
public struct OpenFeatureResolution: Sendable {
  /// The flag's key.
  public let key: String
  /// The value, or nil when the flag defers to the code default (a `null` variant) or failed.
  public let value: JSONValue?
  /// The OFREP reason (`STATIC`, `TARGETING_MATCH`, `SPLIT`, `DISABLED`); nil on failure.
  public let reason: String?
  /// The served variant's name; nil on failure.
  public let variant: String?
  /// Why it failed (OFREP `errorCode` and `errorDetails`), nil on success.
  public let error: OpenFeatureError?
  /// Flag metadata: `cuesheet_reason` (the exact Cuesheet reason), `rule_index` and `rule_line`
  /// (the matching rule), `message` (why a prerequisite failed or an evaluation erred).
  public let metadata: [(key: String, value: JSONValue)]

  /// True for OFREP's `evaluationSuccess`.
  public var succeeded: Bool { error == nil }

  /// A failure before any flag was evaluated (unknown flag, bad context).
  init(key: String, error: OpenFeatureError) {
    self.key = key
    self.value = nil
    self.reason = nil
    self.variant = nil
    self.error = error
    self.metadata = []
  }

  /// The OFREP form of a Cuesheet result for `flag`, evaluated with or without a targeting key.
  init(_ result: FlagResult, flag: FeatureFlag, hasTargetingKey: Bool) {
    key = result.flag
    var metadata: [(key: String, value: JSONValue)] = [
      ("cuesheet_reason", .string(result.reason.rawValue))
    ]
    if let message = result.message { metadata.append(("message", .string(message))) }
    if let ruleIndex = result.ruleIndex { metadata.append(("rule_index", .int(Int64(ruleIndex)))) }
    if let ruleLine = result.ruleLine { metadata.append(("rule_line", .int(Int64(ruleLine)))) }
    self.metadata = metadata
    guard let reason = OpenFeatureReason.map(result.reason, flag: flag) else {
      let message = result.message ?? "the flag could not be evaluated"
      error =
        !hasTargetingKey && Self.buckets(flag)
        ? .targetingKeyMissing(flag: flag.name, message: message)
        : .general("\(flag.name) could not be evaluated for this context: \(message).")
      value = nil
      self.reason = nil
      variant = nil
      return
    }
    switch result.value {
    case .null:
      value = nil
    case .list:
      error = .general(
        "\(flag.name)'s variant \(result.variant) is a JSON array; OFREP serves booleans, "
          + "strings, numbers and objects, so wrap it in an object.")
      value = nil
      self.reason = nil
      variant = nil
      return
    default:
      value = ValueJSON.json(result.value)
    }
    self.reason = reason
    variant = result.variant
    error = nil
  }

  /// True when the flag rolls out or splits by a unit (the targeting key) anywhere.
  static func buckets(_ flag: FeatureFlag) -> Bool {
    func buckets(_ outcome: FeatureFlag.Outcome) -> Bool {
      if case .variant = outcome { return false }
      return true
    }
    return buckets(flag.defaultOutcome) || flag.rules.contains { buckets($0.outcome) }
  }
}
