/// A function or operator the checker can resolve and the compiler can call.
///
/// One entry covers all overloads of a name: `check` maps argument types to the result type
/// (nil when no overload matches), and `implementation` dispatches on runtime values. For a
/// receiver call `x.f(y)` the receiver is the first argument.
public struct Function: Sendable {
  /// How the function is called.
  public enum Style: Sendable {
    /// `f(x)`
    case global
    /// `x.f()`
    case member
    /// either
    case both
  }

  enum Implementation: Sendable {
    case unary(@Sendable (Value) throws -> Value)
    case binary(@Sendable (Value, Value) throws -> Value)
    case ternary(@Sendable (Value, Value, Value) throws -> Value)
    case variadic(@Sendable ([Value]) throws -> Value)
  }

  /// The CEL name, e.g. `size`, `math.least`, `_+_`.
  public let name: String
  public let style: Style
  /// The accepted argument counts (receiver included).
  let arities: Set<Int>
  let check: @Sendable ([CELType]) -> CELType?
  let implementation: Implementation
  /// Costly functions (regexes, string building) spend extra evaluation budget.
  let cost: Int

  init(
    _ name: String, _ style: Style, arities: Set<Int>, cost: Int = 0,
    check: @escaping @Sendable ([CELType]) -> CELType?, _ implementation: Implementation
  ) {
    self.name = name
    self.style = style
    self.arities = arities
    self.check = check
    self.implementation = implementation
    self.cost = cost
  }

  /// Calls the function with already-evaluated arguments.
  func call(_ args: [Value]) throws -> Value {
    switch implementation {
    case .unary(let f) where args.count == 1: return try f(args[0])
    case .binary(let f) where args.count == 2: return try f(args[0], args[1])
    case .ternary(let f) where args.count == 3: return try f(args[0], args[1], args[2])
    case .variadic(let f): return try f(args)
    default: throw EvaluationError.noOverload(name, args)
    }
  }
}

/// Builds a checker rule from a list of overload signatures; `dyn` arguments match any
/// parameter, and when several overloads match the result is their join.
func signatures(_ list: [([CELType], CELType)]) -> @Sendable ([CELType]) -> CELType? {
  { args in
    var result: CELType?
    for (params, output) in list where params.count == args.count {
      if zip(params, args).allSatisfy({ $0.accepts($1) }) {
        result = result.map { $0.join(output) } ?? output
      }
    }
    return result
  }
}

/// A checker rule accepting any arguments and returning `type`.
func anyArguments(_ type: CELType) -> @Sendable ([CELType]) -> CELType? { { _ in type } }
