import Foundation

/// Textual forms of values: CEL literal syntax (for the CLI and error messages).
public enum Format {
  /// A double as CEL's `string(double)` prints it: shortest round-trip form, exponent for
  /// very large or small magnitudes (`1e+100`), `NaN`, `+Inf`, `-Inf`.
  public static func double(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d > 0 ? "+Inf" : "-Inf" }
    if d == 0 { return d.sign == .minus ? "-0" : "0" }
    let magnitude = abs(d)
    if magnitude >= 1e21 || magnitude < 1e-6 {
      // Go's %g-like exponent form: 1e+100, 1.5e-07
      var text = "\(d)"  // Swift: 1e+100 or 1.5e-07
      if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        var mantissa = String(text[..<e])
        var exponent = String(text[text.index(after: e)...])
        if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
        let negative = exponent.hasPrefix("-")
        exponent = exponent.trimmingCharacters(in: CharacterSet(charactersIn: "+-"))
        if exponent.count < 2 { exponent = "0" + exponent }
        text = mantissa + "e" + (negative ? "-" : "+") + exponent
      }
      return text
    }
    var text = "\(d)"
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }

  /// A value in CEL literal syntax: `1`, `2u`, `1.5`, `"text"`, `b"\x00"`, `[1, 2]`, `{"k": 1}`.
  public static func literal(_ value: Value) -> String {
    switch value {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return "\(u)u"
    case .double(let d):
      let text = double(d)
      if d.isFinite, !text.contains(".") && !text.contains("e") { return text + ".0" }
      return d.isFinite
        ? text : "double(\"\(d.isNaN ? "NaN" : (d > 0 ? "Infinity" : "-Infinity"))\")"
    case .string(let s): return quote(s)
    case .bytes(let b):
      var text = "b\""
      for byte in b {
        if byte >= 0x20 && byte < 0x7F && byte != 0x22 && byte != 0x5C {
          text.append(Character(UnicodeScalar(byte)))
        } else {
          text += String(format: "\\x%02x", byte)
        }
      }
      return text + "\""
    case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
    case .map(let map):
      return "{" + map.keys.map { "\(literal($0)): \(literal(map[$0]!))" }.joined(separator: ", ")
        + "}"
    case .timestamp(let t): return "timestamp(\"\(t)\")"
    case .duration(let d): return "duration(\"\(d)\")"
    case .type(let t): return t.name
    case .record(let record):
      let fields = zip(record.type.fields, record.fields).map { "\($0.name): \(literal($1))" }
      return "\(record.type.name){" + fields.joined(separator: ", ") + "}"
    case .optional(let inner?): return "optional.of(\(literal(inner)))"
    case .optional(nil): return "optional.none()"
    case .ip(let address): return "ip(\"\(address)\")"
    case .cidr(let network): return "cidr(\"\(network)\")"
    }
  }

  /// A string in double quotes with CEL escapes.
  public static func quote(_ s: String) -> String {
    var text = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": text += "\\\""
      case "\\": text += "\\\\"
      case "\n": text += "\\n"
      case "\r": text += "\\r"
      case "\t": text += "\\t"
      case "\u{07}": text += "\\a"
      case "\u{08}": text += "\\b"
      case "\u{0C}": text += "\\f"
      case "\u{0B}": text += "\\v"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          text += String(format: "\\x%02x", scalar.value)
        } else {
          text.unicodeScalars.append(scalar)
        }
      }
    }
    return text + "\""
  }
}
