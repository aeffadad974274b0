/// Unboxed evaluators for sub-expressions whose type the checker knows: they return a plain
/// `Bool`, `Int64` or `Double` instead of a ``Value``.
///
/// A typed evaluator never decides an error. When anything unusual happens (a value of another
/// kind than declared, an overflow, a division by zero, an error from a generic child) it throws
/// and the boxed evaluator of the same sub-expression runs instead, from the same budget, so
/// results and error messages are exactly those of the boxed evaluation. A `Value` is built only
/// where a boxed parent (or the program's root) takes the result.
enum Typed: Sendable {
  case bool(BoolEvaluator)
  case int(IntEvaluator)
  case double(DoubleEvaluator)

  /// A typed evaluator gave up; the boxed evaluator decides.
  struct Deopt: Error {}
}

typealias BoolEvaluator = @Sendable (inout Frame) throws -> Bool
typealias IntEvaluator = @Sendable (inout Frame) throws -> Int64
typealias DoubleEvaluator = @Sendable (inout Frame) throws -> Double

extension Compiler.Node {
  var bool: BoolEvaluator? { if case .bool(let f)? = typed { f } else { nil } }
  var int: IntEvaluator? { if case .int(let f)? = typed { f } else { nil } }
  var double: DoubleEvaluator? { if case .double(let f)? = typed { f } else { nil } }

  /// The node with a typed evaluator for its static type: constants as they are, other boxed
  /// nodes through an unboxing adapter (which gives up on a value of another kind).
  func typedAdapter(for type: CELType) -> Compiler.Node {
    guard typed == nil else { return self }
    let eval = self.eval
    switch (type, constant) {
    case (.bool, .bool(let k)?):
      return Compiler.Node(eval: eval, constant: constant, typed: .bool { _ in k })
    case (.int, .int(let k)?):
      return Compiler.Node(eval: eval, constant: constant, typed: .int { _ in k })
    case (.double, .double(let k)?):
      return Compiler.Node(eval: eval, constant: constant, typed: .double { _ in k })
    case (_, _?):
      return self
    case (.bool, nil):
      return Compiler.Node(
        eval: eval, constant: nil,
        typed: .bool { frame in
          if case .bool(let v) = try eval(&frame) { return v }
          throw Typed.Deopt()
        })
    case (.int, nil):
      return Compiler.Node(
        eval: eval, constant: nil,
        typed: .int { frame in
          if case .int(let v) = try eval(&frame) { return v }
          throw Typed.Deopt()
        })
    case (.double, nil):
      return Compiler.Node(
        eval: eval, constant: nil,
        typed: .double { frame in
          if case .double(let v) = try eval(&frame) { return v }
          throw Typed.Deopt()
        })
    default:
      return self
    }
  }

  /// A node evaluated by `typed`, boxing its result for boxed parents; `boxed` (the same
  /// sub-expression compiled without types) runs when `typed` gives up.
  static func typed(_ typed: Typed, boxed: @escaping Evaluator) -> Compiler.Node {
    let eval: Evaluator
    switch typed {
    case .bool(let f):
      eval = { frame in
        let budget = frame.budget
        do { return .bool(try f(&frame)) } catch {
          frame.budget = budget
          return try boxed(&frame)
        }
      }
    case .int(let f):
      eval = { frame in
        let budget = frame.budget
        do { return .int(try f(&frame)) } catch {
          frame.budget = budget
          return try boxed(&frame)
        }
      }
    case .double(let f):
      eval = { frame in
        let budget = frame.budget
        do { return .double(try f(&frame)) } catch {
          frame.budget = budget
          return try boxed(&frame)
        }
      }
    }
    return Compiler.Node(eval: eval, constant: nil, typed: typed)
  }
}
