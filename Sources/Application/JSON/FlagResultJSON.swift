import Rules
import Store

/// A flag result in JSON: the same keys for `cuesheet flags eval --json` and `GET /api/v1/flags/…`.
public struct FlagResultJSON: Encodable, Sendable {
  public let flag: String
  public let value: JSONValue
  public let variant: String
  public let reason: String
  public let ruleIndex: Int?
  public let ruleLine: Int?
  public let message: String?

  public init(_ result: FlagResult) {
    flag = result.flag
    value = ValueJSON.json(result.value)
    variant = result.variant
    reason = result.reason.rawValue
    ruleIndex = result.ruleIndex
    ruleLine = result.ruleLine
    message = result.message
  }
}
