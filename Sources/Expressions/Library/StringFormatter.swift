import Foundation

/// The strings extension's `format`: `%s %d %f %e %b %o %x %X %%` with optional precision.
enum StringFormatter {
  static func failure(_ message: String) -> EvaluationError {
    EvaluationError(.invalidArgument, "error during formatting: \(message)")
  }

  static func format(_ template: String, _ args: [Value]) throws -> String {
    var output = ""
    var scalars = Substring(template).unicodeScalars[...]
    var next = 0
    while let scalar = scalars.popFirst() {
      guard scalar == "%" else { output.unicodeScalars.append(scalar); continue }
      guard let first = scalars.first else { throw failure("unterminated formatting clause") }
      if first == "%" { scalars.removeFirst(); output += "%"; continue }
      var precision: Int?
      if first == "." {
        scalars.removeFirst()
        var digits = ""
        while let d = scalars.first, d.properties.numericType != nil, d.isASCII {
          digits.unicodeScalars.append(d)
          scalars.removeFirst()
        }
        precision = Int(digits) ?? 0
      }
      guard let verb = scalars.popFirst() else { throw failure("unterminated formatting clause") }
      guard "sdfebxXo".unicodeScalars.contains(verb) else {
        throw EvaluationError(
          .invalidArgument,
          "could not parse formatting clause: unrecognized formatting clause \"\(verb)\"")
      }
      guard next < args.count else {
        throw EvaluationError(.indexOutOfRange, "index \(next) out of range")
      }
      let arg = args[next]
      next += 1
      output += try clause(verb, precision: precision, arg)
    }
    return output
  }

  private static func nonFinite(_ d: Double) -> String? {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
    return nil
  }

  private static func clause(_ verb: Unicode.Scalar, precision: Int?, _ arg: Value) throws -> String
  {
    let typeName = arg.typeValue.name
    switch verb {
    case "s":
      return text(arg)
    case "d":
      switch arg {
      case .int(let i): return String(i)
      case .uint(let u): return String(u)
      case .double(let d) where !d.isFinite: return nonFinite(d)!
      default: throw failure("decimal clause can only be used on integers, was given \(typeName)")
      }
    case "f", "e":
      let d: Double
      switch arg {
      case .int(let i): d = Double(i)
      case .uint(let u): d = Double(u)
      case .double(let x): d = x
      default:
        throw failure(
          "\(verb == "f" ? "fixed-point" : "scientific") clause can only be used on doubles, was given \(typeName)"
        )
      }
      if let special = nonFinite(d) { return special }
      return String(format: "%.\(precision ?? 6)\(verb)", d)
    case "b":
      switch arg {
      case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 2)
      case .uint(let u): return String(u, radix: 2)
      case .bool(let b): return b ? "1" : "0"
      default:
        throw failure("only integers and bools can be formatted as binary, was given \(typeName)")
      }
    case "o":
      switch arg {
      case .int(let i): return (i < 0 ? "-" : "") + String(i.magnitude, radix: 8)
      case .uint(let u): return String(u, radix: 8)
      default: throw failure("octal clause can only be used on integers, was given \(typeName)")
      }
    default:  // x, X
      let upper = verb == "X"
      var result: String
      switch arg {
      case .int(let i): result = (i < 0 ? "-" : "") + String(i.magnitude, radix: 16)
      case .uint(let u): result = String(u, radix: 16)
      case .string(let s): result = s.utf8.map { String(format: "%02x", $0) }.joined()
      case .bytes(let b): result = b.map { String(format: "%02x", $0) }.joined()
      default:
        throw failure(
          "only integers, byte buffers, and strings can be formatted as hex, was given \(typeName)")
      }
      if upper { result = result.uppercased() }
      return result
    }
  }

  /// `%s` text of any value.
  static func text(_ value: Value) -> String {
    switch value {
    case .string(let s): return s
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .int(let i): return String(i)
    case .uint(let u): return String(u)
    case .double(let d): return nonFinite(d) ?? Format.double(d)
    case .bytes(let b): return String(decoding: b, as: UTF8.self)
    case .list(let items): return "[" + items.map(text).joined(separator: ", ") + "]"
    case .map(let map):
      let entries = map.keys.map { (text($0), text(map[$0]!)) }.sorted { $0.0 < $1.0 }
      return "{" + entries.map { "\($0.0): \($0.1)" }.joined(separator: ", ") + "}"
    case .timestamp(let t): return t.description
    case .duration(let d): return d.description
    case .type(let t): return t.name
    case .record, .optional: return Format.literal(value)
    case .ip(let address): return address.description
    case .cidr(let network): return network.description
    }
  }
}
