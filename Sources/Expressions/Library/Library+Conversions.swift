import Foundation

extension Library {
  static func conversionError(_ message: String) -> EvaluationError {
    EvaluationError(.conversion, message)
  }

  /// `int`, `uint`, `double`, `string`, `bytes`, `bool`, `type`, `dyn`.
  static let conversions: [Function] = [
    Function(
      "int", .global, arities: [1],
      check: signatures([
        ([.int], .int), ([.uint], .int), ([.double], .int), ([.string], .int), ([.timestamp], .int),
      ]),
      .unary { value in
        switch value {
        case .int: return value
        case .uint(let u):
          guard u <= UInt64(Int64.max) else {
            throw conversionError("uint \(u) is out of the int range")
          }
          return .int(Int64(u))
        case .double(let d):
          guard d.isFinite, d > -9_223_372_036_854_775_808.0, d < 9_223_372_036_854_775_808.0 else {
            throw conversionError("double \(Format.double(d)) is out of the int range")
          }
          return .int(Int64(d.rounded(.towardZero)))
        case .string(let s):
          guard let i = Int64(s) else {
            throw conversionError("cannot convert string '\(s)' to int")
          }
          return .int(i)
        case .timestamp(let t): return .int(t.seconds)
        default: throw EvaluationError.noOverload("int", [value])
        }
      }),
    Function(
      "uint", .global, arities: [1],
      check: signatures([
        ([.int], .uint), ([.uint], .uint), ([.double], .uint), ([.string], .uint),
      ]),
      .unary { value in
        switch value {
        case .uint: return value
        case .int(let i):
          guard i >= 0 else { throw conversionError("int \(i) is out of the uint range") }
          return .uint(UInt64(i))
        case .double(let d):
          guard d.isFinite, d > -1, d < 18_446_744_073_709_551_616.0 else {
            throw conversionError("double \(Format.double(d)) is out of the uint range")
          }
          return .uint(UInt64(d.rounded(.towardZero)))
        case .string(let s):
          guard let u = UInt64(s) else {
            throw conversionError("cannot convert string '\(s)' to uint")
          }
          return .uint(u)
        default: throw EvaluationError.noOverload("uint", [value])
        }
      }),
    Function(
      "double", .global, arities: [1],
      check: signatures([
        ([.int], .double), ([.uint], .double), ([.double], .double), ([.string], .double),
      ]),
      .unary { value in
        switch value {
        case .double: return value
        case .int(let i): return .double(Double(i))
        case .uint(let u): return .double(Double(u))
        case .string(let s):
          switch s {
          case "NaN": return .double(.nan)
          case "Infinity", "+Infinity", "inf", "+inf": return .double(.infinity)
          case "-Infinity", "-inf": return .double(-.infinity)
          default: break
          }
          guard let d = Double(s), !s.lowercased().contains("n") else {
            throw conversionError("cannot convert string '\(s)' to double")
          }
          return .double(d)
        default: throw EvaluationError.noOverload("double", [value])
        }
      }),
    Function(
      "string", .global, arities: [1],
      check: signatures([
        ([.int], .string), ([.uint], .string), ([.double], .string), ([.string], .string),
        ([.bytes], .string), ([.bool], .string), ([.timestamp], .string), ([.duration], .string),
        ([NetworkFunctions.ip], .string), ([NetworkFunctions.cidr], .string),
      ]),
      .unary { value in
        switch value {
        case .string: return value
        case .int(let i): return .string(String(i))
        case .uint(let u): return .string(String(u))
        case .double(let d): return .string(Format.double(d))
        case .bool(let b): return .string(b ? "true" : "false")
        case .bytes(let b):
          guard let s = String(validating: b, as: UTF8.self) else {
            throw conversionError("bytes are not valid UTF-8")
          }
          return .string(s)
        case .timestamp(let t): return .string(t.description)
        case .duration(let d): return .string(d.description)
        case .ip(let address): return .string(address.description)
        case .cidr(let network): return .string(network.description)
        default: throw EvaluationError.noOverload("string", [value])
        }
      }),
    Function(
      "bytes", .global, arities: [1], check: signatures([([.bytes], .bytes), ([.string], .bytes)]),
      .unary { value in
        switch value {
        case .bytes: return value
        case .string(let s): return .bytes(Array(s.utf8))
        default: throw EvaluationError.noOverload("bytes", [value])
        }
      }),
    Function(
      "bool", .global, arities: [1], check: signatures([([.bool], .bool), ([.string], .bool)]),
      .unary { value in
        switch value {
        case .bool: return value
        case .string(let s):
          switch s {
          case "true", "TRUE", "True", "t", "1": return .bool(true)
          case "false", "FALSE", "False", "f", "0": return .bool(false)
          default: throw conversionError("cannot convert string '\(s)' to bool")
          }
        default: throw EvaluationError.noOverload("bool", [value])
        }
      }),
    Function(
      "type", .global, arities: [1], check: anyArguments(.type), .unary { .type($0.typeValue) }),
    Function("dyn", .global, arities: [1], check: anyArguments(.dyn), .unary { $0 }),
  ]
}
