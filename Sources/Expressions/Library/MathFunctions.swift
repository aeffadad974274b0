/// The math extension: `math.greatest`, `math.least`, `math.abs`, `math.sign`, rounding,
/// `math.isNaN`/`isInf`/`isFinite`, and bit operations.
enum MathFunctions {
  private static func extremes(_ args: [CELType]) -> CELType? {
    if args.count == 1, case .list(let element) = args[0] {
      return element.isNumeric || element.isDynamic ? element : nil
    }
    guard args.allSatisfy({ $0.isNumeric || $0.isDynamic }) else { return nil }
    return args.dropFirst().reduce(args[0]) { $0 == $1 ? $0 : .dyn }
  }

  private static func extreme(_ name: String, _ args: [Value], greatest: Bool) throws -> Value {
    var items = args
    if args.count == 1, case .list(let list) = args[0] { items = list }
    guard var best = items.first else {
      throw EvaluationError(.invalidArgument, "\(name)(): list must not be empty")
    }
    for item in items {
      switch item {
      case .int, .uint, .double: break
      default: throw EvaluationError.noOverload(name, args)
      }
    }
    for item in items.dropFirst() {
      if let order = Operators.numericOrder(item, best), greatest ? order > 0 : order < 0 {
        best = item
      }
    }
    return best
  }

  private static func double(_ name: String, _ f: @escaping @Sendable (Double) -> Value) -> Function
  {
    Function(
      name, .global, arities: [1], check: signatures([([.double], f(0).checkType)]),
      .unary { v in
        guard case .double(let d) = v else { throw EvaluationError.noOverload(name, [v]) }
        return f(d)
      })
  }

  private static func bitwise(
    _ name: String, _ ints: @escaping @Sendable (Int64, Int64) -> Int64,
    _ uints: @escaping @Sendable (UInt64, UInt64) -> UInt64
  ) -> Function {
    Function(
      name, .global, arities: [2],
      check: signatures([([.int, .int], .int), ([.uint, .uint], .uint)]),
      .binary { a, b in
        switch (a, b) {
        case (.int(let x), .int(let y)): return .int(ints(x, y))
        case (.uint(let x), .uint(let y)): return .uint(uints(x, y))
        default: throw EvaluationError.noOverload(name, [a, b])
        }
      })
  }

  private static func shift(_ name: String, left: Bool) -> Function {
    Function(
      name, .global, arities: [2],
      check: signatures([([.int, .int], .int), ([.uint, .int], .uint)]),
      .binary { a, b in
        guard case .int(let offset) = b else { throw EvaluationError.noOverload(name, [a, b]) }
        guard offset >= 0 else {
          throw EvaluationError(.invalidArgument, "\(name): negative offset \(offset)")
        }
        switch a {
        case .int(let x):
          if offset >= 64 { return .int(0) }
          let u = UInt64(bitPattern: x)
          return .int(Int64(bitPattern: left ? u << UInt64(offset) : u >> UInt64(offset)))
        case .uint(let u):
          if offset >= 64 { return .uint(0) }
          return .uint(left ? u << UInt64(offset) : u >> UInt64(offset))
        default: throw EvaluationError.noOverload(name, [a, b])
        }
      })
  }

  static let all: [Function] = [
    Function(
      "math.greatest", .global, arities: Set(1...64), check: extremes,
      .variadic { try extreme("math.greatest", $0, greatest: true) }),
    Function(
      "math.least", .global, arities: Set(1...64), check: extremes,
      .variadic { try extreme("math.least", $0, greatest: false) }),
    double("math.ceil") { .double($0.rounded(.up)) },
    double("math.floor") { .double($0.rounded(.down)) },
    double("math.round") { .double($0.rounded(.toNearestOrAwayFromZero)) },
    double("math.trunc") { .double($0.rounded(.towardZero)) },
    double("math.isNaN") { .bool($0.isNaN) },
    double("math.isInf") { .bool($0.isInfinite) },
    double("math.isFinite") { .bool($0.isFinite) },
    Function(
      "math.abs", .global, arities: [1],
      check: signatures([([.int], .int), ([.uint], .uint), ([.double], .double)]),
      .unary { v in
        switch v {
        case .int(let i):
          if i == Int64.min { throw Operators.overflow("math.abs") }
          return .int(Swift.abs(i))
        case .uint: return v
        case .double(let d): return .double(Swift.abs(d))
        default: throw EvaluationError.noOverload("math.abs", [v])
        }
      }),
    Function(
      "math.sign", .global, arities: [1],
      check: signatures([([.int], .int), ([.uint], .uint), ([.double], .double)]),
      .unary { v in
        switch v {
        case .int(let i): return .int(i.signum())
        case .uint(let u): return .uint(u == 0 ? 0 : 1)
        case .double(let d): return .double(d.isNaN ? d : (d > 0 ? 1 : (d < 0 ? -1 : 0)))
        default: throw EvaluationError.noOverload("math.sign", [v])
        }
      }),
    bitwise("math.bitAnd", { $0 & $1 }, { $0 & $1 }),
    bitwise("math.bitOr", { $0 | $1 }, { $0 | $1 }),
    bitwise("math.bitXor", { $0 ^ $1 }, { $0 ^ $1 }),
    Function(
      "math.bitNot", .global, arities: [1], check: signatures([([.int], .int), ([.uint], .uint)]),
      .unary { v in
        switch v {
        case .int(let i): return .int(~i)
        case .uint(let u): return .uint(~u)
        default: throw EvaluationError.noOverload("math.bitNot", [v])
        }
      }),
    shift("math.bitShiftLeft", left: true),
    shift("math.bitShiftRight", left: false),
  ]
}

extension Value {
  /// The static type of a sample value (used to declare simple signatures).
  var checkType: CELType {
    switch self {
    case .bool: .bool
    case .double: .double
    case .int: .int
    default: .dyn
    }
  }
}
