import Diagnostics

/// Typed compilation (see ``Typed``): scalar variables, record fields, comparisons, arithmetic,
/// logic and conditionals over unboxed `Bool` / `Int64` / `Double`.
extension Compiler {
  // MARK: - Reads

  /// A declared `bool`/`int`/`double` variable, read without boxing.
  static func typedVariable(index: Int, type: CELType) -> Typed? {
    switch type {
    case .bool:
      return .bool { frame in
        guard index < frame.variables.count, case .bool(let v)? = frame.variables[index] else {
          throw Typed.Deopt()
        }
        return v
      }
    case .int:
      return .int { frame in
        guard index < frame.variables.count, case .int(let v)? = frame.variables[index] else {
          throw Typed.Deopt()
        }
        return v
      }
    case .double:
      return .double { frame in
        guard index < frame.variables.count, case .double(let v)? = frame.variables[index] else {
          throw Typed.Deopt()
        }
        return v
      }
    default:
      return nil
    }
  }

  /// A `bool`/`int`/`double` field of a declared record variable: one slot read.
  static func typedRecordField(
    variable index: Int, recordType: RecordType, field: Int, type: CELType
  ) -> Typed? {
    @Sendable @inline(__always) func slot(_ frame: inout Frame) throws -> Value {
      guard index < frame.variables.count, case .record(let record)? = frame.variables[index],
        record.type === recordType
      else { throw Typed.Deopt() }
      return record.fields.withUnsafeBufferPointer { $0[field] }
    }
    switch type {
    case .bool:
      return .bool { frame in
        if case .bool(let v) = try slot(&frame) { return v }
        throw Typed.Deopt()
      }
    case .int:
      return .int { frame in
        if case .int(let v) = try slot(&frame) { return v }
        throw Typed.Deopt()
      }
    case .double:
      return .double { frame in
        if case .double(let v) = try slot(&frame) { return v }
        throw Typed.Deopt()
      }
    default:
      return nil
    }
  }

  // MARK: - Calls

  /// A typed evaluator for a call whose arguments have typed evaluators, when one applies.
  static func typedCall(_ name: String, _ args: [Node]) -> Typed? {
    if args.count == 2 {
      let (a, b) = (args[0], args[1])
      if let typed = typedStringTest(name, a, b) { return typed }
      if let x = a.int, let y = b.int { return typedInts(name, x, y, b.constant) }
      if let x = a.double, let y = b.double { return typedDoubles(name, x, y, b.constant) }
      if let x = a.bool, let y = b.bool {
        switch name {
        case "_==_": return .bool { frame in try x(&frame) == y(&frame) }
        case "_!=_": return .bool { frame in try x(&frame) != y(&frame) }
        default: return nil
        }
      }
      return nil
    }
    guard args.count == 1 else { return nil }
    let a = args[0]
    switch name {
    case "!_":
      guard let x = a.bool else { return nil }
      return .bool { frame in try !x(&frame) }
    case "-_":
      if let x = a.int {
        return .int { frame in
          let v = try x(&frame)
          guard v != .min else { throw Typed.Deopt() }
          return -v
        }
      }
      if let x = a.double { return .double { frame in try -x(&frame) } }
      return nil
    case "double":
      if let x = a.int { return .double { frame in Double(try x(&frame)) } }
      if let x = a.double { return .double(x) }
      return nil
    default:
      return nil
    }
  }

  /// `x == "ascii"`, `x != "ascii"` and `x in ["ascii", …]` with a constant right-hand side:
  /// the same byte comparisons as ``Specialize``'s boxed fast paths (which spend no budget either),
  /// returning an unboxed `Bool` so a typed `&&` / `||` over them builds no `Value`. Anything but a
  /// string on the left gives up to the boxed evaluator.
  static func typedStringTest(_ name: String, _ a: Node, _ b: Node) -> Typed? {
    guard a.constant == nil, let k = b.constant else { return nil }
    let e = a.eval
    switch (name, k) {
    case ("_==_", .string(let s)), ("_!=_", .string(let s)):
      guard StringBytes.isASCII(s) else { return nil }
      let negate = name == "_!=_"
      return .bool { frame in
        guard case .string(let v) = try e(&frame) else { throw Typed.Deopt() }
        return StringBytes.equal(v, ascii: s) != negate
      }
    case ("@in", .list(let items)):
      var ascii: [String] = []
      for item in items {
        guard case .string(let s) = item, StringBytes.isASCII(s) else { return nil }
        ascii.append(s)
      }
      let strings = ascii
      if strings.count <= 8 {
        return .bool { frame in
          guard case .string(let v) = try e(&frame) else { throw Typed.Deopt() }
          for candidate in strings where StringBytes.equal(v, ascii: candidate) { return true }
          return false
        }
      }
      let set = Set(strings)
      return .bool { frame in
        guard case .string(let v) = try e(&frame) else { throw Typed.Deopt() }
        return set.contains(v) && StringBytes.isASCII(v)
      }
    default:
      return nil
    }
  }

  private static func typedInts(
    _ name: String, _ x: @escaping IntEvaluator, _ y: @escaping IntEvaluator, _ constant: Value?
  ) -> Typed? {
    var k: Int64? = nil
    if case .int(let value)? = constant { k = value }
    if let comparison = typedComparison(name, x, y, constant: k) { return .bool(comparison) }
    switch name {
    case "_+_":
      return .int { frame in
        let (r, o) = try x(&frame).addingReportingOverflow(y(&frame))
        if o { throw Typed.Deopt() }
        return r
      }
    case "_-_":
      return .int { frame in
        let (r, o) = try x(&frame).subtractingReportingOverflow(y(&frame))
        if o { throw Typed.Deopt() }
        return r
      }
    case "_*_":
      return .int { frame in
        let (r, o) = try x(&frame).multipliedReportingOverflow(by: y(&frame))
        if o { throw Typed.Deopt() }
        return r
      }
    case "_/_":
      return .int { frame in
        let (p, q) = (try x(&frame), try y(&frame))
        guard q != 0 else { throw Typed.Deopt() }
        let (r, o) = p.dividedReportingOverflow(by: q)
        if o { throw Typed.Deopt() }
        return r
      }
    case "_%_":
      return .int { frame in
        let (p, q) = (try x(&frame), try y(&frame))
        guard q != 0 else { throw Typed.Deopt() }
        let (r, o) = p.remainderReportingOverflow(dividingBy: q)
        if o { throw Typed.Deopt() }
        return r
      }
    case "math.least":
      return .int { frame in
        let (p, q) = (try x(&frame), try y(&frame)); return q < p ? q : p
      }
    case "math.greatest":
      return .int { frame in
        let (p, q) = (try x(&frame), try y(&frame)); return q > p ? q : p
      }
    default: return nil
    }
  }

  private static func typedDoubles(
    _ name: String, _ x: @escaping DoubleEvaluator, _ y: @escaping DoubleEvaluator,
    _ constant: Value?
  ) -> Typed? {
    var k: Double? = nil
    if case .double(let value)? = constant { k = value }
    if let comparison = typedComparison(name, x, y, constant: k) { return .bool(comparison) }
    switch name {
    case "_+_": return .double { frame in try x(&frame) + y(&frame) }
    case "_-_": return .double { frame in try x(&frame) - y(&frame) }
    case "_*_": return .double { frame in try x(&frame) * y(&frame) }
    case "_/_": return .double { frame in try x(&frame) / y(&frame) }
    case "math.least", "math.greatest":
      let greatest = name == "math.greatest"
      return .double { frame in
        let (p, q) = (try x(&frame), try y(&frame))
        if p.isNaN || q.isNaN { throw Typed.Deopt() }
        return greatest ? (q > p ? q : p) : (q < p ? q : p)
      }
    default: return nil
    }
  }

  /// `==`, `!=`, `<`, `<=`, `>`, `>=` over two operands of one number type, for `int` and
  /// `double` alike (specialised for each by the optimiser). A constant right operand
  /// (`seats >= 10`) is captured as a number, not evaluated. For doubles, IEEE comparisons agree
  /// with CEL's: every comparison with NaN is false but `!=`.
  @inline(__always)
  private static func typedComparison<Number: Comparable & Sendable>(
    _ name: String, _ x: @escaping @Sendable (inout Frame) throws -> Number,
    _ y: @escaping @Sendable (inout Frame) throws -> Number, constant: Number?
  ) -> BoolEvaluator? {
    if let k = constant {
      switch name {
      case "_==_": return { frame in try x(&frame) == k }
      case "_!=_": return { frame in try x(&frame) != k }
      case "_<_": return { frame in try x(&frame) < k }
      case "_<=_": return { frame in try x(&frame) <= k }
      case "_>_": return { frame in try x(&frame) > k }
      case "_>=_": return { frame in try x(&frame) >= k }
      default: break
      }
    }
    switch name {
    case "_==_": return { frame in try x(&frame) == y(&frame) }
    case "_!=_": return { frame in try x(&frame) != y(&frame) }
    case "_<_": return { frame in try x(&frame) < y(&frame) }
    case "_<=_": return { frame in try x(&frame) <= y(&frame) }
    case "_>_": return { frame in try x(&frame) > y(&frame) }
    case "_>=_": return { frame in try x(&frame) >= y(&frame) }
    default: return nil
    }
  }

  // MARK: - Logic

  /// `a && b` / `a || b` over typed bools; an error in either gives up (the boxed evaluator
  /// applies CEL's rule that an absorbing operand wins over an error).
  static func typedLogic(_ args: [Node], isAnd: Bool) -> Typed? {
    let bools = args.compactMap(\.bool)
    guard bools.count == args.count, !bools.isEmpty else { return nil }
    if bools.count == 1 { return .bool(bools[0]) }
    if bools.count == 2 {
      let (a, b) = (bools[0], bools[1])
      return isAnd
        ? .bool { frame in try a(&frame) ? b(&frame) : false }
        : .bool { frame in try a(&frame) ? true : b(&frame) }
    }
    return .bool { frame in
      for f in bools where try f(&frame) != isAnd { return !isAnd }
      return isAnd
    }
  }

  /// `c ? a : b` with a typed condition and branches of the same typed kind.
  static func typedConditional(_ c: Node, _ t: Node, _ o: Node) -> Typed? {
    guard let condition = c.bool else { return nil }
    switch (t.typed, o.typed) {
    case (.bool(let a)?, .bool(let b)?):
      return .bool { frame in try condition(&frame) ? a(&frame) : b(&frame) }
    case (.int(let a)?, .int(let b)?):
      return .int { frame in try condition(&frame) ? a(&frame) : b(&frame) }
    case (.double(let a)?, .double(let b)?):
      return .double { frame in try condition(&frame) ? a(&frame) : b(&frame) }
    default:
      return nil
    }
  }
}

// MARK: - Fusions

extension Compiler {
  /// True for a variable or a chain of field reads on one: evaluating it spends no budget and
  /// gives the same value (or the same error) every time within one evaluation.
  static func isPlainRead(_ expr: CheckedExpr) -> Bool {
    switch expr.kind {
    case .variable: return true
    case .select(let operand, _, _): return isPlainRead(operand)
    default: return false
    }
  }

  /// `range.exists(c, c in container)` where `container` is a plain read: the container is
  /// evaluated once instead of once per element, and each element is looked up in it directly.
  ///
  /// Same results, errors and budget as the comprehension: one step per element; an error in
  /// reading the container is the error of every iteration; an element that cannot be looked
  /// up is an error only when no other element is found.
  func compileExistsIn(
    range: Node, container: Node, kind: Syntax.MacroKind, callRange: SourceRange,
    sourceRange: SourceRange
  ) -> Node {
    let rangeEval = range.eval
    let containerEval = container.eval
    let eval: Evaluator = { frame in
      let items: [Value]
      switch try rangeEval(&frame) {
      case .list(let list): items = list
      case .map(let map): items = map.keys
      case let value:
        throw EvaluationError(
          .noSuchOverload, "`\(kind.rawValue)` needs a list or a map, not \(value.typeValue.name)",
          range: sourceRange)
      }
      if items.isEmpty { return .bool(false) }
      let other: Value
      do {
        other = try containerEval(&frame)
      } catch {
        for _ in items { try frame.spend() }
        throw error
      }
      var failure: Error?
      for item in items {
        try frame.spend()
        if case .string(let needle) = item, case .list(let list) = other {
          if Operators.listContains(list, string: needle) { return .bool(true) }
          continue
        }
        do {
          if case .bool(true) = try Operators.contains(item, other) { return .bool(true) }
        } catch var error as EvaluationError {
          if error.range == nil { error.range = callRange }
          if failure == nil { failure = error }
        }
      }
      if let failure { throw failure }
      return .bool(false)
    }
    return Node(eval: eval, constant: nil)
  }
}

extension Compiler {
  /// Call shapes compiled as one loop: `size(l.filter(x, p))` counts without building the list,
  /// and `s.lowerAscii().contains("literal")` searches without building the lowered string.
  mutating func compileFusedCall(_ function: Function, _ args: [CheckedExpr], range: SourceRange)
    -> Node?
  {
    if function.name == "size", args.count == 1,
      case .comprehension(.filter, let iterRange, let local, let predicate?, .none) = args[0].kind
    {
      localCount = max(localCount, local + 1)
      return compileComprehension(
        .filter, range: compile(iterRange), local: local, predicate: compile(predicate),
        transform: nil, sourceRange: args[0].range, countOnly: true)
    }
    if function.name == "contains", args.count == 2,
      case .call(let lower, let inner) = args[0].kind, lower.name == "lowerAscii",
      inner.count == 1, case .constant(.string(let literal)) = args[1].kind,
      !literal.utf8.contains(where: { (65...90).contains($0) })
    {
      let receiver = compile(inner[0])
      guard receiver.constant == nil else { return nil }
      return Self.lowerContains(
        receiver.eval, literal: literal, lower: lower, lowerRange: args[0].range,
        contains: function, containsRange: range)
    }
    return nil
  }

  /// `receiver.lowerAscii().contains(literal)` (the literal has no upper-case ASCII letter):
  /// ASCII letters of the receiver are lowered byte by byte during the search, which is what
  /// `lowerAscii` does to UTF-8 text. The budget is spent as the two calls would spend it; a
  /// receiver that is not a string takes the two calls' own path (same errors).
  static func lowerContains(
    _ receiver: @escaping Evaluator, literal: String, lower: Function, lowerRange: SourceRange,
    contains: Function, containsRange: SourceRange
  ) -> Node {
    let needle = Array(literal.utf8)
    let lowerCharge = SizeCost.table["lowerAscii"]
    let containsCharge = SizeCost.table["contains"]
    @Sendable func attach(_ error: Error, _ range: SourceRange) -> Error {
      guard var error = error as? EvaluationError else { return error }
      if error.range == nil { error.range = range }
      return error
    }
    let eval: Evaluator = { frame in
      let x = try receiver(&frame)
      guard case .string(let s) = x else {
        if let lowerCharge { try frame.spend(lowerCharge.cost(x)) }
        let lowered: Value
        do { lowered = try lower.call([x]) } catch { throw attach(error, lowerRange) }
        let k = Value.string(literal)
        if let containsCharge { try frame.spend(containsCharge.cost(lowered, k)) }
        do { return try contains.call([lowered, k]) } catch { throw attach(error, containsRange) }
      }
      if let lowerCharge { try frame.spend(lowerCharge.cost(x)) }
      if let containsCharge { try frame.spend(containsCharge.cost(x, x)) }
      return .bool(StringBytes.containsLoweringASCII(s, needle))
    }
    return Node(eval: eval, constant: nil)
  }
}
