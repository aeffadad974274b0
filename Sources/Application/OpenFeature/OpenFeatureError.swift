/// Why an OpenFeature (OFREP) evaluation failed, as OFREP's `errorCode` names it.
///
/// The description is the `errorDetails` sentence: what was wrong and how to fix it.
public enum OpenFeatureError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The request body is not a JSON object (OFREP `PARSE_ERROR`).
  case parseError(String)
  /// The context has attributes flags cannot see, or a value of the wrong type
  /// (`INVALID_CONTEXT`).
  case invalidContext(String)
  /// The flag buckets by the targeting key (a rollout or split) and the context has none
  /// (`TARGETING_KEY_MISSING`).
  case targetingKeyMissing(flag: String, message: String)
  /// The rule files define no flag `key` (`FLAG_NOT_FOUND`); `suggestion` is the nearest name.
  case flagNotFound(key: String, suggestion: String?)
  /// The flag could not be evaluated for this context, or its value has no OFREP type
  /// (`GENERAL`).
  case general(String)

  /// OFREP's `errorCode`.
  public var errorCode: String {
    switch self {
    case .parseError: "PARSE_ERROR"
    case .invalidContext: "INVALID_CONTEXT"
    case .targetingKeyMissing: "TARGETING_KEY_MISSING"
    case .flagNotFound: "FLAG_NOT_FOUND"
    case .general: "GENERAL"
    }
  }

  public var description: String {
    switch self {
    case .parseError(let message): "The request is not valid: \(message)"
    case .invalidContext(let message): "The evaluation context is not valid: \(message)"
    case .targetingKeyMissing(let flag, let message):
      "\(flag) rolls out or splits by the targeting key (account.id), and the context has no "
        + "targetingKey; send one (\(message))."
    case .flagNotFound(let key, let suggestion):
      "Flag '\(key)' was not found in the loaded rule files"
        + (suggestion.map { "; did you mean '\($0)'?" } ?? ".")
    case .general(let message): message
    }
  }
}
