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

  /// A `bool`/`int`/`double` field of a declared record variable, read in place.
  static func typedRecordField(_ ref: FieldRef, recordType: RecordType, type: CELType) -> Typed? {
    switch type {
    case .bool:
      return .bool { frame in try read(ref, &frame) }
    case .int:
      return .int { frame in try read(ref, &frame) }
    case .double:
      return .double { frame in try read(ref, &frame) }
    default:
      return nil
    }
  }

  /// The unboxed value of a field, in place; a value of another kind gives up.
  @inline(__always)
  static func read<T: Unboxed>(_ ref: FieldRef, _ frame: inout Frame) throws -> T {
    if let pointer = ref.pointer(frame), let value = T(unboxing: pointer.pointee) {
      return value
    }
    return try readSlowly(ref, frame)
  }

  /// ``read(_:_:)`` without a record view (a frame without one) or for another kind of value,
  /// out of line so the fast path stays small.
  @inline(never)
  static func readSlowly<T: Unboxed>(_ ref: FieldRef, _ frame: borrowing Frame) throws -> T {
    guard ref.variable < frame.variables.count,
      case .record(let record)? = frame.variables[ref.variable],
      ObjectIdentifier(record.type) == ref.type,
      let value = T(unboxing: record.fields[ref.field])
    else { throw Typed.Deopt() }
    return value
  }

  /// The string a string-typed operand evaluates to, read in place when it is a record field;
  /// a value of another kind gives up.
  @inline(__always)
  static func string(_ ref: FieldRef?, _ operand: Evaluator, _ frame: inout Frame) throws
    -> String
  {
    if let ref, let pointer = ref.pointer(frame) {
      guard case .string(let v) = pointer.pointee else { throw Typed.Deopt() }
      return v
    }
    guard case .string(let v) = try operand(&frame) else { throw Typed.Deopt() }
    return v
  }

  // MARK: - Calls

  /// A typed evaluator for a call whose arguments have typed evaluators, when one applies.
  static func typedCall(_ name: String, _ args: [Node]) -> Typed? {
    if args.count == 2 {
      let (a, b) = (args[0], args[1])
      if let typed = typedStringTest(name, a, b) { return typed }
      if let x = a.int, let y = b.int { return typedInts(name, x, y, b.constant, a.field) }
      if let x = a.double, let y = b.double {
        return typedDoubles(name, a.doubleSource ?? .closure(x), b.doubleSource ?? .closure(y))
      }
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
      if let ref = a.field, a.int != nil {
        return .double { frame in Double(try read(ref, &frame) as Int64) }
      }
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
    let ref = a.field
    switch (name, k) {
    case ("_==_", .string(let s)), ("_!=_", .string(let s)):
      guard StringBytes.isASCII(s) else { return nil }
      let negate = name == "_!=_"
      let (inPlace, bits) = (StringBits.available, StringBits.of(s))
      return .bool { frame in
        if inPlace, let ref, let pointer = ref.pointer(frame), case .string = pointer.pointee,
          StringBits.load(pointer) == bits
        {
          return !negate
        }
        return StringBytes.equal(try string(ref, e, &frame), ascii: s) != negate
      }
    case ("@in", .list(let items)):
      var ascii: [String] = []
      for item in items {
        guard case .string(let s) = item, StringBytes.isASCII(s) else { return nil }
        ascii.append(s)
      }
      let strings = ascii
      if strings.count <= 8 {
        let (inPlace, bits) = (StringBits.available, strings.map(StringBits.of))
        return .bool { frame in
          if inPlace, let ref, let pointer = ref.pointer(frame), case .string = pointer.pointee {
            let field = StringBits.load(pointer)
            let found = bits.withUnsafeBufferPointer { bits in
              for index in bits.indices where bits[index] == field { return true }
              return false
            }
            if found { return true }
          }
          let v = try string(ref, e, &frame)
          return strings.withUnsafeBufferPointer { candidates in
            // Bit-identical first (a small string equal to a small constant always is), then
            // the byte comparison for the candidates of the same length.
            for index in candidates.indices where candidates[index]._isIdentical(to: v) {
              return true
            }
            let count = v.utf8.count
            for index in candidates.indices
            where candidates[index].utf8.count == count
              && StringBytes.equal(v, ascii: candidates[index])
            {
              return true
            }
            return false
          }
        }
      }
      let set = Set(strings)
      return .bool { frame in
        let v = try string(ref, e, &frame)
        return set.contains(v) && StringBytes.isASCII(v)
      }
    default:
      return nil
    }
  }

  private static func typedInts(
    _ name: String, _ x: @escaping IntEvaluator, _ y: @escaping IntEvaluator, _ constant: Value?,
    _ field: FieldRef?
  ) -> Typed? {
    var k: Int64? = nil
    if case .int(let value)? = constant { k = value }
    if let k, let field, let comparison = fieldComparison(name, field, k) {
      return .bool(comparison)
    }
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

  /// Arithmetic, comparisons and `math.least`/`greatest` over doubles; operands that are
  /// constants or record fields are read in the operation's closure (see ``DoubleSource``).
  private static func typedDoubles(_ name: String, _ a: DoubleSource, _ b: DoubleSource)
    -> Typed?
  {
    if a.kind == .field, let field = a.ref, b.kind == .constant,
      let comparison = fieldComparison(name, field, b.constant)
    {
      return .bool(comparison)
    }
    switch name {
    case "_==_": return .bool { frame in try a.value(&frame) == b.value(&frame) }
    case "_!=_": return .bool { frame in try a.value(&frame) != b.value(&frame) }
    case "_<_": return .bool { frame in try a.value(&frame) < b.value(&frame) }
    case "_<=_": return .bool { frame in try a.value(&frame) <= b.value(&frame) }
    case "_>_": return .bool { frame in try a.value(&frame) > b.value(&frame) }
    case "_>=_": return .bool { frame in try a.value(&frame) >= b.value(&frame) }
    case "_+_": return .double { frame in try a.value(&frame) + b.value(&frame) }
    case "_-_": return .double { frame in try a.value(&frame) - b.value(&frame) }
    case "_*_": return .double { frame in try a.value(&frame) * b.value(&frame) }
    case "_/_": return .double { frame in try a.value(&frame) / b.value(&frame) }
    case "math.least":
      return .double { frame in
        let (p, q) = (try a.value(&frame), try b.value(&frame))
        if p.isNaN || q.isNaN { throw Typed.Deopt() }
        return q < p ? q : p
      }
    case "math.greatest":
      return .double { frame in
        let (p, q) = (try a.value(&frame), try b.value(&frame))
        if p.isNaN || q.isNaN { throw Typed.Deopt() }
        return q > p ? q : p
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

  /// `field op constant` for an int field, read in place in the same closure. Written per
  /// type, not generic: closures made in a generic function stay generic (a reabstraction thunk
  /// per call) even where the function is specialised.
  private static func fieldComparison(_ name: String, _ ref: FieldRef, _ k: Int64)
    -> BoolEvaluator?
  {
    switch name {
    case "_==_": return { frame in try (read(ref, &frame) as Int64) == k }
    case "_!=_": return { frame in try (read(ref, &frame) as Int64) != k }
    case "_<_": return { frame in try (read(ref, &frame) as Int64) < k }
    case "_<=_": return { frame in try (read(ref, &frame) as Int64) <= k }
    case "_>_": return { frame in try (read(ref, &frame) as Int64) > k }
    case "_>=_": return { frame in try (read(ref, &frame) as Int64) >= k }
    default: return nil
    }
  }

  /// `field op constant` for a double field (see the int overload).
  private static func fieldComparison(_ name: String, _ ref: FieldRef, _ k: Double)
    -> BoolEvaluator?
  {
    switch name {
    case "_==_": return { frame in try (read(ref, &frame) as Double) == k }
    case "_!=_": return { frame in try (read(ref, &frame) as Double) != k }
    case "_<_": return { frame in try (read(ref, &frame) as Double) < k }
    case "_<=_": return { frame in try (read(ref, &frame) as Double) <= k }
    case "_>_": return { frame in try (read(ref, &frame) as Double) > k }
    case "_>=_": return { frame in try (read(ref, &frame) as Double) >= k }
    default: return nil
    }
  }

  // MARK: - Logic

  /// `a && b` / `a || b` over typed bools; an error in either gives up (the boxed evaluator
  /// applies CEL's rule that an absorbing operand wins over an error).
  static func typedLogic(_ args: [Node], isAnd: Bool) -> Typed? {
    guard !args.isEmpty, args.allSatisfy({ $0.bool != nil }) else { return nil }
    return .bool(logicChain(args[...], isAnd: isAnd))
  }

  /// One closure for up to four operands, each captured on its own: an array of closures
  /// retains each element as it is called, and stores them at the generic abstraction (one
  /// reabstraction thunk per call). Longer chains nest by fours.
  private static func logicChain(_ args: ArraySlice<Node>, isAnd: Bool) -> BoolEvaluator {
    // `x != isAnd` is the absorbing value (false for `&&`, true for `||`): it decides.
    let f = Array(args.prefix(4))
    if f.count == 1 { return f[0].bool! }
    let (a, b) = (f[0].bool!, f[1].bool!)
    if f.count == 2 {
      return { frame in
        if try a(&frame) != isAnd { return !isAnd }
        return try b(&frame)
      }
    }
    let c = f[2].bool!
    if f.count == 3 {
      return { frame in
        if try a(&frame) != isAnd { return !isAnd }
        if try b(&frame) != isAnd { return !isAnd }
        return try c(&frame)
      }
    }
    let d = args.count == 4 ? f[3].bool! : logicChain(args.dropFirst(3), isAnd: isAnd)
    return { frame in
      if try a(&frame) != isAnd { return !isAnd }
      if try b(&frame) != isAnd { return !isAnd }
      if try c(&frame) != isAnd { return !isAnd }
      return try d(&frame)
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
    let (rangeField, containerField) = (range.field, container.field)
    let eval: Evaluator = { frame in
      let items: [Value]
      if let pointer = rangeField?.pointer(frame), case .list(let list) = pointer.pointee {
        items = list
      } else {
        switch try Self.value(rangeField, rangeEval, &frame) {
        case .list(let list): items = list
        case .map(let map): items = map.keys
        case let value:
          throw EvaluationError(
            .noSuchOverload,
            "`\(kind.rawValue)` needs a list or a map, not \(value.typeValue.name)",
            range: sourceRange)
        }
      }
      if items.isEmpty { return .bool(false) }
      // The container: a list (the common case, matched once, not per element) or another
      // value (`other`).
      var list: [Value]? = nil
      var other = Value.null
      if let pointer = containerField?.pointer(frame), case .list(let elements) = pointer.pointee {
        list = elements
      } else {
        do {
          other = try Self.value(containerField, containerEval, &frame)
        } catch {
          for _ in items { try frame.spend() }
          throw error
        }
        if case .list(let elements) = other { list = elements }
      }
      var failure: Error?
      let found = try items.withUnsafeBufferPointer { items in
        if let list {
          for index in items.indices {
            try frame.spend()
            if case .string(let needle) = items[index] {
              if Operators.listContains(list, string: needle) { return true }
            } else if try Self.lookUp(
              items[index], in: .list(list), callRange: callRange, failure: &failure)
            {
              return true
            }
          }
          return false
        }
        for index in items.indices {
          try frame.spend()
          if try Self.lookUp(items[index], in: other, callRange: callRange, failure: &failure) {
            return true
          }
        }
        return false
      }
      if found { return .bool(true) }
      if let failure { throw failure }
      return .bool(false)
    }
    return Node(eval: eval, constant: nil)
  }
}

extension Compiler {
  /// A node's value, read in place when it is a record field.
  @inline(__always)
  static func value(_ ref: FieldRef?, _ eval: Evaluator, _ frame: inout Frame) throws -> Value {
    if let ref, let pointer = ref.pointer(frame) { return pointer.pointee }
    return try eval(&frame)
  }

  /// `item in container` for the fused `exists`: true when found; an evaluation error is kept
  /// in `failure` (the first one wins) with the call's range.
  @inline(__always)
  static func lookUp(
    _ item: Value, in container: Value, callRange: SourceRange, failure: inout Error?
  ) throws -> Bool {
    do {
      if case .bool(true) = try Operators.contains(item, container) { return true }
    } catch var error as EvaluationError {
      if error.range == nil { error.range = callRange }
      if failure == nil { failure = error }
    }
    return false
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
