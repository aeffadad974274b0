import Store

/// Compact JSON text built by appending, for the responses on the request path that are written
/// directly instead of through `JSONEncoder` (flag results, OFREP).
///
/// Its output is the text ``JSONKeys/encoder(pretty:)`` writes for the same value: strings go
/// through the one escaping function ``string(_:)`` (quotes, backslashes and control characters;
/// slashes and non-ASCII text as they are), doubles as their shortest form without a trailing
/// `.0`, object keys sorted. `JSONTextWriterTests` compares the two for tricky strings and values.
///
/// ```swift
/// var writer = JSONTextWriter()
/// writer.text += #"{"flag":"#
/// writer.string("ENABLE_MATCHMAKING")
/// writer.text += "}"
/// writer.text   // {"flag":"ENABLE_MATCHMAKING"}
/// ```
public struct JSONTextWriter: Sendable {
  public var text = ""

  public init(capacity: Int = 0) {
    if capacity > 0 { text.reserveCapacity(capacity) }
  }

  /// Any JSON value; object keys sorted.
  public mutating func value(_ value: JSONValue) {
    switch value {
    case .null: text += "null"
    case .bool(let flag): text += flag ? "true" : "false"
    case .int(let number): int(number)
    case .double(let number): double(number)
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

  public mutating func int(_ number: some BinaryInteger) {
    text += String(number)
  }

  /// A finite double as `JSONEncoder` writes it: its shortest description, without `.0`
  /// (`2.5`, `3`, `1e+20`). Non-finite doubles are not JSON; callers turn them into strings first.
  public mutating func double(_ number: Double) {
    let description = number.description
    text += description.hasSuffix(".0") ? String(description.dropLast(2)) : description
  }

  /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\r`, `\t`, `\b`, `\f`
  /// or `\u00XX`; everything else (slashes, non-ASCII) as it is.
  public mutating func string(_ string: String) {
    text += "\""
    // Most strings (flag names, variants, reasons) need no escape: copied whole. UTF-8 bytes of
    // non-ASCII characters are all 0x80 or above, so a byte scan finds every escape.
    if !string.utf8.contains(where: { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }) {
      text += string
      text += "\""
      return
    }
    let scalars = string.unicodeScalars
    var start = scalars.startIndex
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
        case "\u{08}": text += "\\b"
        case "\u{0C}": text += "\\f"
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
