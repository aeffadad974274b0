import Expressions

extension Program {
  /// Evaluates a condition that must give a bool.
  func evaluateBool(_ activation: Activation) throws -> Bool {
    let value = try evaluate(activation)
    guard case .bool(let result) = value else {
      throw EvaluationError(.noSuchOverload, "the condition gave \(value.typeValue), not a bool")
    }
    return result
  }
}
