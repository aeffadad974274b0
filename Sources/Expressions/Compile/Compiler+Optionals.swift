import Diagnostics

/// Optional values: lazy `or` / `orValue`, and list literals with optional elements.
extension Compiler {
  /// `a.or(b)` and `a.orValue(b)`: `b` is evaluated only when `a` is an empty optional.
  func compileOptionalOr(_ function: Function, _ a: Node, _ b: Node, range: SourceRange) -> Node {
    let (first, second) = (a.eval, b.eval)
    let isOr = function.name == "or"
    let eval: Evaluator = { frame in
      let x = try first(&frame)
      if case .optional(let wrapped) = x {
        if let wrapped { return isOr ? x : wrapped }
        let y = try second(&frame)
        if !isOr { return y }
        if case .optional = y { return y }
        throw EvaluationError(
          .noSuchOverload, "no such overload: `or` applied to (optional_type, \(y.typeValue.name))",
          range: range)
      }
      let y = try second(&frame)
      do { return try function.call([x, y]) } catch var error as EvaluationError {
        if error.range == nil { error.range = range }
        throw error
      }
    }
    return Self.foldNode(eval, [a, b])
  }

  /// `[a, ?b, …]`: elements marked optional are included only when they have a value.
  func compileOptionalList(_ nodes: [Node], optional: Set<Int>, range: SourceRange) -> Node {
    let evals = nodes.enumerated().map { ($1.eval, optional.contains($0)) }
    let eval: Evaluator = { frame in
      var values: [Value] = []
      values.reserveCapacity(evals.count)
      for (eval, isOptional) in evals {
        let value = try eval(&frame)
        guard isOptional else {
          values.append(value)
          continue
        }
        guard case .optional(let wrapped) = value else {
          throw EvaluationError(
            .noSuchOverload,
            "an optional element (`?x`) must be an optional value, not \(value.typeValue.name)",
            range: range)
        }
        if let wrapped { values.append(wrapped) }
      }
      return .list(values)
    }
    return Self.foldNode(eval, nodes)
  }
}
