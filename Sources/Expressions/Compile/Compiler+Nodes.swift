import Diagnostics

extension Compiler {
  // MARK: - Field selection

  mutating func compileSelect(
    _ operand: CheckedExpr, field: String, recordIndex: Int?, range: SourceRange
  ) -> Node {
    let inner = compile(operand)
    if let value = inner.constant,
      let field = try? Self.selectField(value, field, range: range)
    {
      // A field of a constant record or map (a specialised program's bound variable).
      return Node(eval: { _ in field }, constant: field)
    }
    if let recordIndex, case .record(let recordType) = operand.type {
      // Fused fast path: a declared record variable's field is one array index.
      if case .variable(let slot, let name) = operand.kind, constants[slot.index] == nil {
        let index = slot.index
        let ref = FieldRef(
          variable: index, type: ObjectIdentifier(recordType), field: recordIndex)
        let boxed: Evaluator = { frame in
          if let pointer = ref.pointer(frame) { return pointer.pointee }
          if index < frame.variables.count, case .record(let record)? = frame.variables[index],
            record.type === recordType
          {
            return record.fields.withUnsafeBufferPointer { $0[recordIndex] }
          }
          guard index < frame.variables.count, let value = frame.variables[index] else {
            throw EvaluationError(
              .unboundVariable, "no value is bound to `\(name)`", range: operand.range)
          }
          return try Self.selectField(value, field, range: range)
        }
        if typedCompilation,
          let typed = Self.typedRecordField(
            ref, recordType: recordType, type: recordType.fields[recordIndex].type)
        {
          var node = Node.typed(typed, boxed: boxed)
          node.field = ref
          return node
        }
        return Node(eval: boxed, constant: nil, field: ref)
      }
      let operandEval = inner.eval
      return Node(
        eval: { frame in
          let value = try operandEval(&frame)
          if case .record(let record) = value, record.type === recordType {
            return record.fields[recordIndex]
          }
          return try Self.selectField(value, field, range: range)
        }, constant: nil)
    }
    let operandEval = inner.eval
    let eval: Evaluator = { frame in
      try Self.selectField(try operandEval(&frame), field, range: range)
    }
    return Self.foldNode(eval, [inner])
  }

  static func selectField(_ value: Value, _ field: String, range: SourceRange) throws -> Value {
    switch value {
    case .map(let map):
      guard let result = map[string: field] else {
        throw EvaluationError(.noSuchKey, "no such key: '\(field)'", range: range)
      }
      return result
    case .record(let record):
      guard let index = record.type.index(of: field) else {
        throw EvaluationError(
          .noSuchField, "no field `\(field)` on \(record.type.name)", range: range)
      }
      return record.fields[index]
    case .optional:
      // `opt.field` selects inside the optional (`opt.?field`): empty when absent.
      do { return try OptionalFunctions.optionalSelect(value, field) } catch var error
        as EvaluationError
      {
        if error.range == nil { error.range = range }
        throw error
      }
    default:
      throw EvaluationError(
        .noSuchOverload,
        "type \(value.typeValue.name) does not support field selection (`.\(field)`)",
        range: range)
    }
  }

  static func foldNode(_ eval: @escaping Evaluator, _ inputs: [Node]) -> Node {
    guard inputs.allSatisfy({ $0.constant != nil }) else { return Node(eval: eval, constant: nil) }
    var frame = Frame(
      variables: UnsafeBufferPointer(start: nil, count: 0), locals: nil, budget: 10_000)
    if let value = try? eval(&frame) { return Node(eval: { _ in value }, constant: value) }
    return Node(eval: eval, constant: nil)
  }

  // MARK: - Calls

  func compileCall(_ function: Function, args: [Node], range: SourceRange) -> Node {
    let evals = args.map(\.eval)
    let cost = function.cost
    let charge = SizeCost.table[function.name]
    @Sendable func attach(_ error: Error) -> Error {
      guard var error = error as? EvaluationError else { return error }
      if error.range == nil { error.range = range }
      return error
    }
    if let special = Specialize.call(
      function, args: args, range: range, fusions: typedCompilation)
    {
      return Self.foldNode(special, args)
    }
    let eval: Evaluator
    switch (function.implementation, evals.count) {
    case (.unary(let f), 1):
      let a = args[0].eval
      eval = { frame in
        let x = try a(&frame)
        if cost > 0 { try frame.spend(cost) }
        if let charge { try frame.spend(charge.cost(x)) }
        do { return try f(x) } catch { throw attach(error) }
      }
    case (.binary(let f), 2):
      let a = args[0].eval
      let b = args[1].eval
      eval = { frame in
        let x = try a(&frame)
        let y = try b(&frame)
        if cost > 0 { try frame.spend(cost) }
        if let charge { try frame.spend(charge.cost(x, y)) }
        do { return try f(x, y) } catch { throw attach(error) }
      }
    case (.ternary(let f), 3):
      let a = args[0].eval
      let b = args[1].eval
      let c = args[2].eval
      eval = { frame in
        let x = try a(&frame)
        let y = try b(&frame)
        let z = try c(&frame)
        if cost > 0 { try frame.spend(cost) }
        if let charge { try frame.spend(charge.cost([x, y, z])) }
        do { return try f(x, y, z) } catch { throw attach(error) }
      }
    case (.variadic(let f), 2):
      let a = args[0].eval
      let b = args[1].eval
      eval = { frame in
        let x = try a(&frame)
        let y = try b(&frame)
        if cost > 0 { try frame.spend(cost) }
        if let charge { try frame.spend(charge.cost(x, y)) }
        do { return try f([x, y]) } catch { throw attach(error) }
      }
    default:
      eval = { frame in
        var values: [Value] = []
        values.reserveCapacity(evals.count)
        for e in evals { values.append(try e(&frame)) }
        if cost > 0 { try frame.spend(cost) }
        if let charge { try frame.spend(charge.cost(values)) }
        do { return try function.call(values) } catch { throw attach(error) }
      }
    }
    return Self.foldNode(eval, args)
  }

  // MARK: - Logic

  func compileLogic(_ args: [Node], isAnd: Bool, range: SourceRange) -> Node {
    // A constant absorbing operand decides the result; constant neutral operands drop out.
    var remaining: [Node] = []
    for arg in args {
      if let value = arg.constant, case .bool(let b) = value {
        if b != isAnd { return Node(eval: { _ in .bool(b) }, constant: .bool(b)) }
        continue
      }
      remaining.append(arg)
    }
    if remaining.isEmpty { return Node(eval: { _ in .bool(isAnd) }, constant: .bool(isAnd)) }
    if typedCompilation, let typed = Self.typedLogic(remaining, isAnd: isAnd) {
      return .typed(typed, boxed: compileBoxedLogic(remaining, isAnd: isAnd, range: range).eval)
    }
    return compileBoxedLogic(remaining, isAnd: isAnd, range: range)
  }

  /// `&&` / `||` over boxed operands, none of them a constant bool.
  private func compileBoxedLogic(_ remaining: [Node], isAnd: Bool, range: SourceRange) -> Node {
    var remaining = remaining
    if remaining.count == 1 {
      // `x && true` is `x` only when x is bool; keep the check.
      remaining.append(Node(eval: { _ in .bool(isAnd) }, constant: nil))
    }
    if remaining.count > 2 && remaining.count <= 16 {
      // Nest as a ∘ (b ∘ c): binary nodes avoid iterating an array of closures.
      let rest = compileBoxedLogic(Array(remaining.dropFirst()), isAnd: isAnd, range: range)
      return compileBoxedLogic([remaining[0], rest], isAnd: isAnd, range: range)
    }
    let evals = remaining.map(\.eval)
    let absorbing = !isAnd
    let name = isAnd ? "_&&_" : "_||_"
    if evals.count == 2 {
      let a = remaining[0].eval
      let b = remaining[1].eval
      return Node(
        eval: { frame in
          var failure: Error?
          do {
            let x = try a(&frame)
            if case .bool(let v) = x {
              if v == absorbing { return x }
            } else {
              failure = EvaluationError(
                .noSuchOverload,
                "no matching overload for \(EvaluationError.displayName(name)) applied to \(x.typeValue.name)",
                range: range)
            }
          } catch { failure = error }
          let y = try { () throws -> Value in
            do { return try b(&frame) } catch { if let failure { throw failure }; throw error }
          }()
          if case .bool(let v) = y {
            if v == absorbing { return y }
            if let failure { throw failure }
            return y
          }
          if let failure { throw failure }
          throw EvaluationError(
            .noSuchOverload,
            "no matching overload for \(EvaluationError.displayName(name)) applied to \(y.typeValue.name)",
            range: range)
        }, constant: nil)
    }
    return Node(
      eval: { frame in
        var failure: Error?
        for e in evals {
          do {
            let x = try e(&frame)
            if case .bool(let v) = x {
              if v == absorbing { return x }
            } else if failure == nil {
              failure = EvaluationError(
                .noSuchOverload,
                "no matching overload for \(EvaluationError.displayName(name)) applied to \(x.typeValue.name)",
                range: range)
            }
          } catch {
            if failure == nil { failure = error }
          }
        }
        if let failure { throw failure }
        return .bool(!absorbing)
      }, constant: nil)
  }

  // MARK: - Comprehensions

  /// Compiles a comprehension; with `countOnly`, a `filter` gives the number of elements it
  /// keeps (for `size(l.filter(…))`) instead of building the list.
  func compileComprehension(
    _ kind: Syntax.MacroKind, range iterRange: Node, local: Int, predicate: Node?, transform: Node?,
    sourceRange: SourceRange, countOnly: Bool = false
  ) -> Node {
    let rangeEval = iterRange.eval
    let predicateEval = predicate?.eval
    let transformEval = transform?.eval
    @Sendable func elements(_ value: Value) throws -> [Value] {
      switch value {
      case .list(let items): return items
      case .map(let map): return map.keys
      default:
        throw EvaluationError(
          .noSuchOverload, "`\(kind.rawValue)` needs a list or a map, not \(value.typeValue.name)",
          range: sourceRange)
      }
    }
    @Sendable func condition(_ value: Value) throws -> Bool {
      if case .bool(let b) = value { return b }
      throw EvaluationError(
        .noSuchOverload,
        "the condition of `\(kind.rawValue)` must be bool, not \(value.typeValue.name)",
        range: sourceRange)
    }
    let eval: Evaluator
    switch kind {
    case .all, .exists:
      let target = kind == .exists
      eval = { frame in
        let items = try elements(try rangeEval(&frame))
        var failure: Error?
        for item in items {
          try frame.spend()
          frame.locals![local] = item
          do {
            if try condition(try predicateEval!(&frame)) == target { return .bool(target) }
          } catch let error as EvaluationError where error.kind == .costLimit {
            throw error
          } catch {
            if failure == nil { failure = error }
          }
        }
        if let failure { throw failure }
        return .bool(!target)
      }
    case .existsOne:
      eval = { frame in
        let items = try elements(try rangeEval(&frame))
        var count = 0
        for item in items {
          try frame.spend()
          frame.locals![local] = item
          if try condition(try predicateEval!(&frame)) { count += 1 }
        }
        return .bool(count == 1)
      }
    case .map:
      eval = { frame in
        let items = try elements(try rangeEval(&frame))
        var result: [Value] = []
        result.reserveCapacity(items.count)
        for item in items {
          try frame.spend()
          frame.locals![local] = item
          if let predicateEval, !(try condition(try predicateEval(&frame))) { continue }
          result.append(try transformEval!(&frame))
        }
        return .list(result)
      }
    case .filter where countOnly:
      eval = { frame in
        let items = try elements(try rangeEval(&frame))
        var count: Int64 = 0
        for item in items {
          try frame.spend()
          frame.locals![local] = item
          if try condition(try predicateEval!(&frame)) { count += 1 }
        }
        return .int(count)
      }
    case .filter:
      eval = { frame in
        let items = try elements(try rangeEval(&frame))
        var result: [Value] = []
        for item in items {
          try frame.spend()
          frame.locals![local] = item
          if try condition(try predicateEval!(&frame)) { result.append(item) }
        }
        return .list(result)
      }
    case .transformList, .transformMap, .transformMapEntry:
      // Two-variable macros compile through compileComprehension2; the checker never gives them
      // one variable.
      eval = { _ in
        throw EvaluationError(
          .noSuchOverload, "`\(kind.rawValue)` takes two variables", range: sourceRange)
      }
    }
    return Node(eval: eval, constant: nil)
  }
}
