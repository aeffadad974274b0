import Store

/// OFREP's JSON shapes, with the protocol's own camelCase keys (`errorCode`, `errorDetails`): the
/// bodies of `POST /ofrep/v1/evaluate/flags[/{key}]` and of `cuesheet flags ofrep`.
///
/// Keys are written in sorted order, without spaces:
///
/// ```json
/// {"key":"IO_TEMPLATE","metadata":{"cuesheet_reason":"SPLIT","rule_index":1,"rule_line":29},"reason":"SPLIT","value":"modern","variant":"modern"}
/// ```
public enum OFREPJSON {
  /// One flag: `evaluationSuccess`, `evaluationFailure` or `flagNotFound`.
  public static func resolution(_ result: OpenFeatureResolution) -> String {
    var writer = Writer()
    writer.resolution(result)
    return writer.text
  }

  /// `bulkEvaluationSuccess`: `{"flags": [...]}`.
  public static func bulk(_ results: [OpenFeatureResolution]) -> String {
    var writer = Writer()
    writer.text.reserveCapacity(160 * results.count + 16)
    writer.text += #"{"flags":["#
    for (position, result) in results.enumerated() {
      if position > 0 { writer.text += "," }
      writer.resolution(result)
    }
    writer.text += "]}"
    return writer.text
  }

  /// `bulkEvaluationFailure`: `{"errorCode": …, "errorDetails": …}`.
  public static func failure(_ error: OpenFeatureError) -> String {
    var writer = Writer()
    writer.text += #"{"errorCode":"#
    writer.string(error.errorCode)
    writer.text += #","errorDetails":"#
    writer.string(error.description)
    writer.text += "}"
    return writer.text
  }

  /// `generalErrorResponse`: `{"errorDetails": …}` (the rules are not loaded, a server error).
  public static func general(_ details: String) -> String {
    var writer = Writer()
    writer.text += #"{"errorDetails":"#
    writer.string(details)
    writer.text += "}"
    return writer.text
  }

  /// Compact JSON text, built by appending.
  struct Writer {
    var text = ""

    mutating func resolution(_ result: OpenFeatureResolution) {
      text += "{"
      if let error = result.error {
        text += #""errorCode":"#
        string(error.errorCode)
        text += #","errorDetails":"#
        string(error.description)
        text += ","
      }
      text += #""key":"#
      string(result.key)
      if !result.metadata.isEmpty {
        text += #","metadata":{"#
        for (position, entry) in result.metadata.sorted(by: { $0.key < $1.key }).enumerated() {
          if position > 0 { text += "," }
          string(entry.key)
          text += ":"
          value(entry.value)
        }
        text += "}"
      }
      if let reason = result.reason {
        text += #","reason":"#
        string(reason)
      }
      if let served = result.value {
        text += #","value":"#
        value(served)
      }
      if let variant = result.variant {
        text += #","variant":"#
        string(variant)
      }
      text += "}"
    }

    mutating func value(_ value: JSONValue) {
      switch value {
      case .null: text += "null"
      case .bool(let flag): text += flag ? "true" : "false"
      case .int(let number): text += String(number)
      case .double(let number):
        text +=
          number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : "\(number)"
      case .string(let string): self.string(string)
      case .array(let items):
        text += "["
        for (position, item) in items.enumerated() {
          if position > 0 { text += "," }
          self.value(item)
        }
        text += "]"
      case .object(let object):
        text += "{"
        for (position, key) in object.keys.sorted().enumerated() {
          if position > 0 { text += "," }
          string(key)
          text += ":"
          self.value(object[key]!)
        }
        text += "}"
      }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    mutating func string(_ string: String) {
      text += "\""
      var start = string.unicodeScalars.startIndex
      let scalars = string.unicodeScalars
      var index = start
      while index != scalars.endIndex {
        let scalar = scalars[index]
        if scalar == "\"" || scalar == "\\" || scalar.value < 0x20 {
          text.unicodeScalars.append(contentsOf: scalars[start..<index])
          switch scalar {
          case "\"": text += "\\\""
          case "\\": text += "\\\\"
          case "\n": text += "\\n"
          case "\r": text += "\\r"
          case "\t": text += "\\t"
          default:
            let hex = String(scalar.value, radix: 16)
            text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
          }
          start = scalars.index(after: index)
        }
        index = scalars.index(after: index)
      }
      text.unicodeScalars.append(contentsOf: scalars[start..<scalars.endIndex])
      text += "\""
    }
  }
}
