import Diagnostics

/// A compiled expression: immutable, `Sendable`, and evaluable any number of times.
public struct Program: Sendable {
  /// The checked type of the result (`dyn` when unknown).
  public let resultType: CELType
  /// Warnings from checking (errors prevent a program from existing).
  public let warnings: [Diagnostic]
  /// The source the expression came from (for runtime error positions).
  public let source: SourceFile
  /// The result when it does not depend on any variable (the whole expression folded).
  public let constantValue: Value?
  let root: Evaluator
  /// When the root is typed: which of its unboxed evaluators applies, and the boxed one to run
  /// when it gives up, so ``evaluate(_:)`` calls them itself (one closure call fewer than
  /// through `root`). Non-optional closures of concrete types: binding an optional closure, or
  /// copying a ``Typed``, retains the closure on every evaluation.
  let rootKind: RootKind
  let rootBool: BoolEvaluator
  let rootInt: IntEvaluator
  let rootDouble: DoubleEvaluator
  let boxedRoot: Evaluator

  enum RootKind: UInt8 { case boxed, bool, int, double }
  let localCount: Int
  let costLimit: Int
  /// The checked tree and how it was compiled, for ``specialized(_:)``.
  let checked: CheckedExpr
  let typedCompilation: Bool

  init(
    resultType: CELType, warnings: [Diagnostic], source: SourceFile, root: @escaping Evaluator,
    typedRoot: Typed? = nil, boxedRoot: Evaluator? = nil, constantValue: Value?, localCount: Int,
    costLimit: Int, checked: CheckedExpr, typedCompilation: Bool
  ) {
    self.resultType = resultType
    self.warnings = warnings
    self.source = source
    self.root = root
    var kind = RootKind.boxed
    var (rootBool, rootInt, rootDouble): (BoolEvaluator, IntEvaluator, DoubleEvaluator) = (
      { _ in throw Typed.Deopt() }, { _ in throw Typed.Deopt() }, { _ in throw Typed.Deopt() }
    )
    switch boxedRoot == nil ? nil : typedRoot {
    case .bool(let f)?: (kind, rootBool) = (.bool, f)
    case .int(let f)?: (kind, rootInt) = (.int, f)
    case .double(let f)?: (kind, rootDouble) = (.double, f)
    case nil: break
    }
    self.rootKind = kind
    self.rootBool = rootBool
    self.rootInt = rootInt
    self.rootDouble = rootDouble
    self.boxedRoot = boxedRoot ?? root
    self.constantValue = constantValue
    self.localCount = localCount
    self.costLimit = costLimit
    self.checked = checked
    self.typedCompilation = typedCompilation
  }

  /// The program with some variables bound to fixed values: it is compiled again with those
  /// variables as constants, so field reads of a constant record, `x in constantList` and
  /// predicates that only depend on the bound variables fold away.
  ///
  /// Evaluating the specialised program against an activation that binds the same values gives
  /// the same result or the same error as this program (a sub-expression that fails on the
  /// constants is left to fail at evaluation, with its message and position).
  /// ```swift
  /// let forAcme = program.specialized([advertiserSlot: acme])
  /// for show in shows { activation[showSlot] = show; _ = try forAcme.evaluate(activation) }
  /// ```
  public func specialized(_ bindings: [VariableSlot: Value]) -> Program {
    Compiler.compile(
      checked, source: source, warnings: warnings, costLimit: costLimit,
      typedCompilation: typedCompilation,
      constants: Dictionary(uniqueKeysWithValues: bindings.map { ($0.key.index, $0.value) }))
  }

  /// Evaluates against an activation.
  ///
  /// - Throws: ``EvaluationError`` (division by zero, overflow, missing key, cost limit, …)
  ///   with the range of the failing sub-expression.
  public func evaluate(_ activation: Activation) throws -> Value {
    do {
      return try activation.values.withUnsafeBufferPointer { variables in
        try activation.records.withUnsafeBufferPointer { records in
          var frame = Frame(variables: variables, records: records, locals: nil, budget: costLimit)
          if localCount == 0 { return try run(&frame) }
          return try runWithLocals(&frame)
        }
      }
    } catch var error as EvaluationError {
      error.file = source
      throw error
    }
  }

  /// Runs the root: its typed evaluator when it has one (boxing the result; the boxed
  /// evaluator decides when the typed one gives up), else the boxed root.
  @inline(__always)
  private func run(_ frame: inout Frame) throws -> Value {
    if rootKind == .boxed { return try root(&frame) }
    let budget = frame.budget
    do {
      switch rootKind {
      case .bool: return .bool(try rootBool(&frame))
      case .double: return .double(try rootDouble(&frame))
      case .int: return .int(try rootInt(&frame))
      case .boxed: return try root(&frame)
      }
    } catch {
      frame.budget = budget
      return try boxedRoot(&frame)
    }
  }

  /// ``run(_:)`` with the comprehension locals on the stack.
  @inline(never)
  private func runWithLocals(_ frame: inout Frame) throws -> Value {
    try withUnsafeTemporaryAllocation(of: Value.self, capacity: localCount) { buffer in
      let base = buffer.baseAddress!
      base.initialize(repeating: .null, count: localCount)
      // One by one: `deinitialize(count:)` of a non-trivial type is a generic runtime call.
      defer { for index in 0..<localCount { _ = (base + index).move() } }
      var inner = Frame(
        variables: frame.variables, records: frame.records, locals: base, budget: frame.budget)
      return try run(&inner)
    }
  }
}

/// The mutable state of one evaluation: variables, comprehension locals and remaining budget.
struct Frame {
  /// The activation's values, borrowed for the evaluation.
  let variables: UnsafeBufferPointer<Value?>
  /// Where the records among `variables` keep their fields (same indexes; may be empty, then
  /// field reads take their general path).
  let records: UnsafeBufferPointer<RecordView>
  let locals: UnsafeMutablePointer<Value>?
  var budget: Int

  init(
    variables: UnsafeBufferPointer<Value?>,
    records: UnsafeBufferPointer<RecordView> = UnsafeBufferPointer(start: nil, count: 0),
    locals: UnsafeMutablePointer<Value>?, budget: Int
  ) {
    self.variables = variables
    self.records = records
    self.locals = locals
    self.budget = budget
  }

  @inline(__always)
  mutating func spend(_ cost: Int = 1) throws {
    budget -= cost
    if budget < 0 {
      throw EvaluationError(
        .costLimit, "evaluation exceeded its cost limit; the expression does too much work")
    }
  }
}

/// One compiled node: evaluates against a frame.
typealias Evaluator = @Sendable (inout Frame) throws -> Value
