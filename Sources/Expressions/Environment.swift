import Diagnostics

/// The slot of a declared variable in an ``Activation``.
public struct VariableSlot: Hashable, Sendable {
  public let index: Int
}

/// Options for compiling and evaluating expressions.
public struct ExpressionOptions: Sendable {
  /// Type-check expressions (the default). When false, every name is `dyn`, and unknown
  /// variables and functions become runtime errors instead of compile errors (as CEL's
  /// unchecked evaluation does).
  public var typeCheck = true
  /// The most evaluation steps (comprehension iterations, calls of costly functions) one
  /// evaluation may take before failing with `eval.cost-limit`.
  public var costLimit = 1_000_000
  /// Limits on expression size and nesting.
  public var parserLimits = Parser.Limits()
  /// Compile sub-expressions whose type is known (`bool`, `int`, `double`) to unboxed closures
  /// (the default). Results and errors are the same either way; off is for tests and comparison.
  public var typedCompilation = true

  public init() {}
}

/// What an expression may refer to: declared variables (with types) and record types.
///
/// ```swift
/// var env = Environment()
/// let show = RecordType("Show", fields: [("name", .string), ("downloads_30d", .int)])
/// env.declareRecord(show)
/// let showSlot = env.declareVariable("show", .record(show))
/// let program = try Expression.compile("show.downloads_30d > 1000", in: env)
/// var activation = env.makeActivation()
/// activation[showSlot] = try show.value(["name": .string("Tech Talk"), "downloads_30d": .int(5000)])
/// let result = try program.evaluate(activation)   // .bool(true)
/// ```
public struct Environment: Sendable {
  /// A declared variable.
  public struct Variable: Sendable {
    public let name: String
    public let type: CELType
    public let slot: VariableSlot
  }

  /// Declared variables in slot order.
  public private(set) var variables: [Variable] = []
  private var slotByName: [String: Int] = [:]
  /// Declared record types by name.
  public private(set) var records: [String: RecordType] = [:]
  public var options: ExpressionOptions

  public init(options: ExpressionOptions = ExpressionOptions()) {
    self.options = options
  }

  /// Declares a variable (names may contain dots, e.g. `a.b.c`); redeclaring changes its type.
  @discardableResult
  public mutating func declareVariable(_ name: String, _ type: CELType) -> VariableSlot {
    if let index = slotByName[name] {
      variables[index] = Variable(name: name, type: type, slot: VariableSlot(index: index))
      return VariableSlot(index: index)
    }
    let slot = VariableSlot(index: variables.count)
    variables.append(Variable(name: name, type: type, slot: slot))
    slotByName[name] = slot.index
    if case .record(let record) = type, records[record.name] == nil {
      records[record.name] = record
    }
    return slot
  }

  /// Declares a record type so type names (``CELType/parse(_:records:)``) can refer to it.
  public mutating func declareRecord(_ type: RecordType) {
    records[type.name] = type
  }

  /// The slot of a declared variable.
  public func slot(of name: String) -> VariableSlot? {
    slotByName[name].map { VariableSlot(index: $0) }
  }

  /// The declaration of a variable.
  public func variable(named name: String) -> Variable? {
    slotByName[name].map { variables[$0] }
  }

  /// Parses a type name against this environment's records.
  public func parseType(_ text: String) -> CELType? { CELType.parse(text, records: records) }

  /// An activation with a slot for every declared variable, all unbound.
  public func makeActivation() -> Activation { Activation(self) }
}
