/// Every built-in function and operator, by CEL name.
enum Library {
  static let functions: [String: Function] = {
    var table: [String: Function] = [:]
    for function in operators + conversions + StringFunctions.all + MathFunctions.all
      + TimeFunctions.all + OptionalFunctions.all + EncoderFunctions.all
      + NetworkFunctions.all
    {
      table[function.name] = function
    }
    return table
  }()

  private static let numeric: [CELType] = [.int, .uint, .double]

  /// Mixed int/double ordering is allowed statically (cel-go's cross-type numeric comparison).
  private static func comparable(_ args: [CELType]) -> CELType? {
    let (a, b) = (args[0], args[1])
    if a.isDynamic || b.isDynamic { return .bool }
    if a.isNumeric && b.isNumeric { return .bool }
    if a == b, [.string, .bytes, .bool, .timestamp, .duration].contains(a) { return .bool }
    return nil
  }

  private static func equatable(_ args: [CELType]) -> CELType? {
    let (a, b) = (args[0], args[1])
    if a.isDynamic || b.isDynamic || a == .null || b == .null { return .bool }
    if a.isNumeric && b.isNumeric { return .bool }
    return a.accepts(b) ? .bool : nil
  }

  static let operators: [Function] = [
    Function(
      "_==_", .global, arities: [2], check: equatable, .binary { .bool(Operators.equals($0, $1)) }),
    Function(
      "_!=_", .global, arities: [2], check: equatable, .binary { .bool(!Operators.equals($0, $1)) }),
    Function(
      "_<_", .global, arities: [2], check: comparable,
      .binary { a, b in
        .bool(try Operators.order("_<_", a, b).map { $0 < 0 } ?? false)
      }),
    Function(
      "_<=_", .global, arities: [2], check: comparable,
      .binary { a, b in
        .bool(try Operators.order("_<=_", a, b).map { $0 <= 0 } ?? false)
      }),
    Function(
      "_>_", .global, arities: [2], check: comparable,
      .binary { a, b in
        .bool(try Operators.order("_>_", a, b).map { $0 > 0 } ?? false)
      }),
    Function(
      "_>=_", .global, arities: [2], check: comparable,
      .binary { a, b in
        .bool(try Operators.order("_>=_", a, b).map { $0 >= 0 } ?? false)
      }),
    Function(
      "_+_", .global, arities: [2],
      check: { args in
        if case .list(let a) = args[0], case .list(let b) = args[1] { return .list(a.join(b)) }
        if case .list = args[0], args[1].isDynamic { return args[0] }
        if case .list = args[1], args[0].isDynamic { return args[1] }
        return signatures([
          ([.int, .int], .int), ([.uint, .uint], .uint), ([.double, .double], .double),
          ([.string, .string], .string), ([.bytes, .bytes], .bytes),
          ([.timestamp, .duration], .timestamp), ([.duration, .timestamp], .timestamp),
          ([.duration, .duration], .duration),
        ])(args)
      }, .binary(Operators.add)),
    Function(
      "_-_", .global, arities: [2],
      check: signatures([
        ([.int, .int], .int), ([.uint, .uint], .uint), ([.double, .double], .double),
        ([.timestamp, .duration], .timestamp), ([.timestamp, .timestamp], .duration),
        ([.duration, .duration], .duration),
      ]), .binary(Operators.subtract)),
    Function(
      "_*_", .global, arities: [2],
      check: signatures([
        ([.int, .int], .int), ([.uint, .uint], .uint), ([.double, .double], .double),
      ]), .binary(Operators.multiply)),
    Function(
      "_/_", .global, arities: [2],
      check: signatures([
        ([.int, .int], .int), ([.uint, .uint], .uint), ([.double, .double], .double),
      ]), .binary(Operators.divide)),
    Function(
      "_%_", .global, arities: [2],
      check: signatures([
        ([.int, .int], .int), ([.uint, .uint], .uint),
      ]), .binary(Operators.modulo)),
    Function(
      "-_", .global, arities: [1],
      check: signatures([
        ([.int], .int), ([.double], .double), ([.duration], .duration),
      ]), .unary(Operators.negate)),
    Function(
      "!_", .global, arities: [1], check: signatures([([.bool], .bool)]), .unary(Operators.not)),
    Function(
      "_[_]", .global, arities: [2], check: indexType, .binary(Operators.index)),
    Function(
      "@in", .global, arities: [2],
      check: { args in
        switch args[1] {
        case .list(let element):
          return element.accepts(args[0]) || (element.isNumeric && args[0].isNumeric) ? .bool : nil
        case .map(let key, _):
          return key.accepts(args[0]) || (key.isNumeric && args[0].isNumeric) ? .bool : nil
        case .dyn, .error: return .bool
        default: return nil
        }
      }, .binary(Operators.contains)),
    Function(
      "size", .both, arities: [1],
      check: { args in
        switch args[0] {
        case .string, .bytes, .list, .map, .dyn, .error: return .int
        default: return nil
        }
      },
      .unary { value in
        switch value {
        case .string(let s): return .int(Int64(s.unicodeScalars.count))
        case .bytes(let b): return .int(Int64(b.count))
        case .list(let l): return .int(Int64(l.count))
        case .map(let m): return .int(Int64(m.count))
        default: throw EvaluationError.noOverload("size", [value])
        }
      }),
  ]

  /// The type of `container[key]`; indexing an optional gives an optional.
  @Sendable static func indexType(_ args: [CELType]) -> CELType? {
    switch args[0] {
    case .list(let element):
      return [.int, .uint, .dyn, .error].contains(args[1]) ? element : nil
    case .map(let key, let value):
      return key.accepts(args[1]) || (key.isNumeric && args[1].isNumeric) ? value : nil
    case .dyn, .error: return .dyn
    case .optional(let inner): return indexType([inner, args[1]]).map { .optional($0) }
    default: return nil
    }
  }
}
