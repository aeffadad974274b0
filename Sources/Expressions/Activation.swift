import Foundation

/// The variable values one evaluation sees, indexed by ``VariableSlot``.
///
/// Bind once and reuse across many evaluations; binding by slot is an array store:
/// ```swift
/// var activation = env.makeActivation()
/// activation[showSlot] = showValue
/// for _ in 0..<1_000_000 { _ = try program.evaluate(activation) }
/// ```
public struct Activation: Sendable {
  /// Written only by the slot subscript, which keeps ``records`` in step.
  private(set) var values: [Value?]
  /// For each slot, the field storage of the record bound there (see ``RecordView``).
  private(set) var records: [RecordView]
  /// The declarations, shared (one reference) so copying an activation stays cheap.
  private let declarations: Declarations

  /// Variable declarations by name, snapshotted from an environment.
  final class Declarations: Sendable {
    let variables: [String: Environment.Variable]
    init(_ environment: Environment) {
      var table: [String: Environment.Variable] = [:]
      for variable in environment.variables { table[variable.name] = variable }
      variables = table
    }
  }

  /// An activation for `environment`, with every variable unbound.
  public init(_ environment: Environment) {
    self.declarations = Declarations(environment)
    self.values = Array(repeating: nil, count: environment.variables.count)
    self.records = Array(repeating: RecordView(nil), count: environment.variables.count)
  }

  /// The value in a slot (nil when unbound).
  public subscript(slot: VariableSlot) -> Value? {
    get { slot.index < values.count ? values[slot.index] : nil }
    set {
      if slot.index >= values.count {
        records += Array(repeating: RecordView(nil), count: slot.index + 1 - values.count)
        values += Array(repeating: nil, count: slot.index + 1 - values.count)
      }
      records[slot.index] = RecordView(newValue)
      values[slot.index] = newValue
    }
  }

  /// The value of a declared variable by name (nil when unbound or undeclared).
  public subscript(name: String) -> Value? {
    get { declarations.variables[name].flatMap { self[$0.slot] } }
  }

  /// Binds a declared variable by name.
  ///
  /// - Throws: ``EvaluationError`` when the variable is not declared.
  public mutating func bind(_ name: String, _ value: Value) throws {
    guard let variable = declarations.variables[name] else {
      throw EvaluationError(.unboundVariable, "no variable `\(name)` is declared")
    }
    self[variable.slot] = value
  }

  /// Binds a variable from a Foundation value (`[String: Any]`, `[Any]`, `NSNumber`, `String`, …)
  /// converted to the variable's declared type.
  public mutating func bind(_ name: String, foundation object: Any) throws {
    guard let variable = declarations.variables[name] else {
      throw EvaluationError(.unboundVariable, "no variable `\(name)` is declared")
    }
    self[variable.slot] = try Value(foundation: object, as: variable.type)
  }

  /// Binds a variable from JSON text, converted to the variable's declared type.
  public mutating func bind(_ name: String, json: String) throws {
    guard let variable = declarations.variables[name] else {
      throw EvaluationError(.unboundVariable, "no variable `\(name)` is declared")
    }
    self[variable.slot] = try Value(json: json, as: variable.type)
  }
}
