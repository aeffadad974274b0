import Store

/// OFREP's JSON shapes, with the protocol's own camelCase keys (`errorCode`, `errorDetails`): the
/// bodies of `POST /ofrep/v1/evaluate/flags[/{key}]` and of `cuesheet flags ofrep`.
///
/// Keys are written in sorted order, without spaces, through ``JSONTextWriter``:
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

  /// ``JSONTextWriter`` with OFREP's resolution shape.
  typealias Writer = JSONTextWriter
}

extension JSONTextWriter {
  /// One OFREP resolution object, keys sorted.
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
}
