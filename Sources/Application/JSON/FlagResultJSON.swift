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

  /// The JSON text `JSONKeys.encoder(pretty: false)` writes for `FlagResultJSON(result)`, written
  /// directly (the request path of `GET /api/v1/flags/{name}`): sorted snake_case keys, absent
  /// optionals left out.
  ///
  /// ```json
  /// {"flag":"ENABLE_MATCHMAKING","reason":"TARGETING_MATCH","rule_index":0,"rule_line":7,"value":true,"variant":"on"}
  /// ```
  public static func text(_ result: FlagResult) -> String {
    var writer = JSONTextWriter(capacity: 160)
    writer.text += #"{"flag":"#
    writer.string(result.flag)
    if let message = result.message {
      writer.text += #","message":"#
      writer.string(message)
    }
    writer.text += #","reason":"#
    writer.string(result.reason.rawValue)
    if let ruleIndex = result.ruleIndex {
      writer.text += #","rule_index":"#
      writer.int(ruleIndex)
    }
    if let ruleLine = result.ruleLine {
      writer.text += #","rule_line":"#
      writer.int(ruleLine)
    }
    writer.text += #","value":"#
    writer.value(ValueJSON.json(result.value))
    writer.text += #","variant":"#
    writer.string(result.variant)
    writer.text += "}"
    return writer.text
  }
}
