/// CEL's optional values: `optional.of(x)`, `optional.ofNonZeroValue(x)`, `optional.none()`,
/// `o.hasValue()`, `o.value()`, `o.or(p)`, `o.orValue(v)`, and the optional forms of selection
/// and indexing (`m.?field`, `m[?key]`, and `.field` / `[key]` on an optional).
///
/// ```
/// account.?tier.orValue("free") == "enterprise"
/// ```
/// `or` and `orValue` evaluate their argument only when the receiver is empty (the compiler
/// handles that; the implementations here serve folding and unchecked calls).
enum OptionalFunctions {
  static let all: [Function] = [
    Function(
      "optional.of", .global, arities: [1], check: { .optional($0[0]) }, .unary { .optional($0) }),
    Function(
      "optional.ofNonZeroValue", .global, arities: [1], check: { .optional($0[0]) },
      .unary { isZero($0) ? .optional(nil) : .optional($0) }),
    Function(
      "optional.none", .global, arities: [0], check: { _ in .optional(.dyn) },
      .variadic { _ in .optional(nil) }),
    Function(
      "hasValue", .member, arities: [1], check: { optionalOf($0[0]).map { _ in .bool } },
      .unary { value in
        guard case .optional(let inner) = value else {
          throw EvaluationError.noOverload("hasValue", [value])
        }
        return .bool(inner != nil)
      }),
    Function(
      "value", .member, arities: [1], check: { optionalOf($0[0]) },
      .unary { value in
        guard case .optional(let inner) = value else {
          throw EvaluationError.noOverload("value", [value])
        }
        guard let inner else {
          throw EvaluationError(.noSuchKey, "optional.none() has no value; test hasValue() first")
        }
        return inner
      }),
    Function(
      "or", .member, arities: [2],
      check: { args in
        guard let a = optionalOf(args[0]), let b = optionalOf(args[1]) else { return nil }
        return .optional(a.join(b))
      }, .binary(or)),
    Function(
      "orValue", .member, arities: [2],
      check: { args in
        guard let a = optionalOf(args[0]), a.accepts(args[1]) else { return nil }
        return a.join(args[1])
      }, .binary(orValue)),
    Function(
      "_?._", .global, arities: [2],
      check: { args in
        guard let inner = optionalUnwrapped(args[0]) else { return nil }
        switch inner {
        case .map(_, let value): return .optional(value)
        case .dyn, .error: return .optional(.dyn)
        case .record: return .optional(.dyn)
        default: return nil
        }
      }, .binary(optionalSelect)),
    Function(
      "_[?_]", .global, arities: [2],
      check: { args in
        guard let inner = optionalUnwrapped(args[0]) else { return nil }
        switch inner {
        case .list(let element):
          return [.int, .uint, .dyn, .error].contains(args[1]) ? .optional(element) : nil
        case .map(let key, let value):
          return key.accepts(args[1]) || (key.isNumeric && args[1].isNumeric)
            ? .optional(value) : nil
        case .dyn, .error: return .optional(.dyn)
        default: return nil
        }
      }, .binary(optionalIndex)),
  ]

  /// The element type of an optional type (`dyn` for `dyn`), nil for other types.
  static func optionalOf(_ type: CELType) -> CELType? {
    switch type {
    case .optional(let inner): return inner
    case .dyn, .error: return .dyn
    default: return nil
    }
  }

  /// The type a `.?` or `[?]` looks into: the inner type of an optional, or the type itself.
  static func optionalUnwrapped(_ type: CELType) -> CELType? {
    if case .optional(let inner) = type { return inner }
    return type
  }

  /// CEL's zero values: `null`, `false`, `0`, `0u`, `0.0`, `''`, `b''`, `[]`, `{}`, a zero
  /// duration, the Unix epoch and an empty optional.
  static func isZero(_ value: Value) -> Bool {
    switch value {
    case .null: return true
    case .bool(let b): return !b
    case .int(let i): return i == 0
    case .uint(let u): return u == 0
    case .double(let d): return d == 0
    case .string(let s): return s.isEmpty
    case .bytes(let b): return b.isEmpty
    case .list(let l): return l.isEmpty
    case .map(let m): return m.count == 0
    case .duration(let d): return d.seconds == 0 && d.nanos == 0
    case .timestamp(let t): return t.seconds == 0 && t.nanos == 0
    case .optional(let inner): return inner == nil
    case .type, .record, .ip, .cidr: return false
    }
  }

  static func or(_ a: Value, _ b: Value) throws -> Value {
    guard case .optional(let inner) = a, case .optional = b else {
      throw EvaluationError.noOverload("or", [a, b])
    }
    return inner == nil ? b : a
  }

  static func orValue(_ a: Value, _ b: Value) throws -> Value {
    guard case .optional(let inner) = a else {
      throw EvaluationError.noOverload("orValue", [a, b])
    }
    return inner ?? b
  }

  /// `x.?field`: the field as an optional, empty when a map lacks the key (or a record field is
  /// null); on an optional, the same inside it (empty stays empty).
  static func optionalSelect(_ value: Value, _ field: Value) throws -> Value {
    guard case .string(let name) = field else {
      throw EvaluationError.noOverload("_?._", [value, field])
    }
    return try optionalSelect(value, name)
  }

  static func optionalSelect(_ value: Value, _ field: String) throws -> Value {
    switch value {
    case .optional(nil): return .optional(nil)
    case .optional(let inner?): return try optionalSelect(inner, field)
    case .map(let map): return .optional(map[string: field])
    case .record(let record):
      guard let index = record.type.index(of: field) else {
        throw EvaluationError(
          .noSuchField, "no field `\(field)` on \(record.type.name)")
      }
      if case .null = record.fields[index] { return .optional(nil) }
      return .optional(record.fields[index])
    default:
      throw EvaluationError(
        .noSuchOverload,
        "type \(value.typeValue.name) does not support field selection (`.?\(field)`)")
    }
  }

  /// `x[?key]`: the element as an optional, empty when a list index is out of range or a map
  /// lacks the key; on an optional, the same inside it.
  static func optionalIndex(_ container: Value, _ key: Value) throws -> Value {
    switch container {
    case .optional(nil): return .optional(nil)
    case .optional(let inner?): return try optionalIndex(inner, key)
    case .map(let map):
      switch key {
      case .int, .uint, .double, .bool, .string: return .optional(map[key])
      default: throw EvaluationError.noOverload("_[?_]", [container, key])
      }
    case .list(let items):
      do {
        return .optional(try Operators.index(.list(items), key))
      } catch let error as EvaluationError where error.kind == .indexOutOfRange {
        return .optional(nil)
      }
    default:
      throw EvaluationError.noOverload("_[?_]", [container, key])
    }
  }
}
