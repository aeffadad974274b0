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

/// A double operand as a typed operation reads it: a constant or a record field in the
/// operation's own closure (no call), anything else through its typed evaluator. A struct, not
/// an enum with payloads: reading a captured struct's fields copies (retains) nothing.
struct DoubleSource: Sendable {
  enum Kind: UInt8, Sendable {
    case constant
    /// A `double` field of a record variable.
    case field
    /// `double(f)` of an `int` field of a record variable.
    case intField
    case closure
  }
  let kind: Kind
  var constant: Double = 0
  var ref: FieldRef? = nil
  var closure: DoubleEvaluator? = nil

  static func constant(_ k: Double) -> DoubleSource { DoubleSource(kind: .constant, constant: k) }
  static func field(_ ref: FieldRef) -> DoubleSource { DoubleSource(kind: .field, ref: ref) }
  static func intField(_ ref: FieldRef) -> DoubleSource { DoubleSource(kind: .intField, ref: ref) }
  static func closure(_ f: @escaping DoubleEvaluator) -> DoubleSource {
    DoubleSource(kind: .closure, closure: f)
  }

  @inline(__always)
  func value(_ frame: inout Frame) throws -> Double {
    switch kind {
    case .constant: return constant
    case .field: return try Compiler.read(ref!, &frame)
    case .intField: return Double(try Compiler.read(ref!, &frame) as Int64)
    case .closure: return try closure!(&frame)
    }
  }
}

extension Compiler.Node {
  var bool: BoolEvaluator? { if case .bool(let f)? = typed { f } else { nil } }
  var int: IntEvaluator? { if case .int(let f)? = typed { f } else { nil } }
  var double: DoubleEvaluator? { if case .double(let f)? = typed { f } else { nil } }

  /// How a typed double operation reads this node, when it is a double.
  var doubleSource: DoubleSource? {
    if case .double(let k)? = constant { return .constant(k) }
    guard let f = double else { return nil }
    if let field { return .field(field) }
    if let intField { return .intField(intField) }
    return .closure(f)
  }

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
    return Compiler.Node(eval: eval, constant: nil, typed: typed, fallback: boxed)
  }
}

/// A scalar a typed evaluator returns, taken out of a ``Value`` of its kind.
protocol Unboxed: Sendable {
  /// The scalar, or nil when the value is of another kind.
  init?(unboxing value: Value)
}

extension Bool: Unboxed {
  @inline(__always) init?(unboxing value: Value) {
    guard case .bool(let v) = value else { return nil }
    self = v
  }
}

extension Int64: Unboxed {
  @inline(__always) init?(unboxing value: Value) {
    guard case .int(let v) = value else { return nil }
    self = v
  }
}

extension Double: Unboxed {
  @inline(__always) init?(unboxing value: Value) {
    guard case .double(let v) = value else { return nil }
    self = v
  }
}
