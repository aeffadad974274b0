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
  let localCount: Int
  let costLimit: Int
  /// The checked tree and how it was compiled, for ``specialized(_:)``.
  let checked: CheckedExpr
  let typedCompilation: Bool

  init(
    resultType: CELType, warnings: [Diagnostic], source: SourceFile, root: @escaping Evaluator,
    constantValue: Value?, localCount: Int, costLimit: Int, checked: CheckedExpr,
    typedCompilation: Bool
  ) {
    self.resultType = resultType
    self.warnings = warnings
    self.source = source
    self.root = root
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
        if localCount == 0 {
          var frame = Frame(variables: variables, locals: nil, budget: costLimit)
          return try root(&frame)
        }
        return try withUnsafeTemporaryAllocation(of: Value.self, capacity: localCount) { buffer in
          let base = buffer.baseAddress!
          base.initialize(repeating: .null, count: localCount)
          defer { base.deinitialize(count: localCount) }
          var frame = Frame(variables: variables, locals: base, budget: costLimit)
          return try root(&frame)
        }
      }
    } catch var error as EvaluationError {
      error.file = source
      throw error
    }
  }
}

/// The mutable state of one evaluation: variables, comprehension locals and remaining budget.
struct Frame {
  /// The activation's values, borrowed for the evaluation.
  let variables: UnsafeBufferPointer<Value?>
  let locals: UnsafeMutablePointer<Value>?
  var budget: Int

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
