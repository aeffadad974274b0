import Diagnostics

/// Turns a ``CheckedExpr`` into closures: variables are slots, fields of declared records are
/// array indexes, overloads are picked, and constant sub-expressions are folded.
struct Compiler {
  /// A compiled node and, when it is constant, its value.
  struct Node {
    let eval: Evaluator
    let constant: Value?
    /// The unboxed evaluator, when the node's static type is `bool`, `int` or `double` and
    /// typed compilation is on (see ``Typed``).
    var typed: Typed? = nil
    /// The field of a declared record variable this node reads, for parents that read it in
    /// place (see ``FieldRef``).
    var field: FieldRef? = nil
    /// For a node evaluated by `typed`: the same sub-expression compiled without types, which
    /// runs when `typed` gives up (see ``Node/typed(_:boxed:)``).
    var fallback: Evaluator? = nil
    /// For `double(f)` of an `int` record field `f`: that field (see ``DoubleSource``).
    var intField: FieldRef? = nil
  }

  var localCount = 0
  /// Compiled `cel.block` values by local, for the `cel.index(i)` references to them.
  var blockValues: [Int: Node] = [:]
  /// Compile statically typed sub-expressions to unboxed closures (see ``Typed``).
  let typedCompilation: Bool

  /// Variables compiled as constants (by slot index), for ``Program/specialized(_:)``.
  let constants: [Int: Value]

  init(typedCompilation: Bool, constants: [Int: Value] = [:]) {
    self.typedCompilation = typedCompilation
    self.constants = constants
  }

  static func compile(
    _ checked: CheckedExpr, source: SourceFile, warnings: [Diagnostic], costLimit: Int,
    typedCompilation: Bool = true, constants: [Int: Value] = [:]
  ) -> Program {
    var compiler = Compiler(typedCompilation: typedCompilation, constants: constants)
    let root = compiler.compile(checked)
    return Program(
      resultType: checked.type, warnings: warnings.filter { $0.severity != .error }, source: source,
      root: root.eval, typedRoot: root.typed, boxedRoot: root.fallback,
      constantValue: root.constant, localCount: compiler.localCount,
      costLimit: costLimit, checked: checked, typedCompilation: typedCompilation)
  }

  private static func constant(_ value: Value) -> Node {
    Node(eval: { _ in value }, constant: value)
  }

  /// Folds a node whose inputs are all constant by evaluating it once now.
  private static func fold(_ eval: @escaping Evaluator, _ inputs: [Node]) -> Node {
    guard inputs.allSatisfy({ $0.constant != nil }) else { return Node(eval: eval, constant: nil) }
    var frame = Frame(
      variables: UnsafeBufferPointer(start: nil, count: 0), locals: nil, budget: 10_000)
    if let value = try? eval(&frame) { return constant(value) }
    return Node(eval: eval, constant: nil)
  }

  /// Compiles a node; with typed compilation, a `bool`/`int`/`double` node also gets an unboxed
  /// evaluator (its own, or an adapter over the boxed one).
  mutating func compile(_ expr: CheckedExpr) -> Node {
    let node = compileNode(expr)
    guard typedCompilation else { return node }
    return node.typedAdapter(for: expr.type)
  }

  private mutating func compileNode(_ expr: CheckedExpr) -> Node {
    let range = expr.range
    switch expr.kind {
    case .constant(let value):
      return Self.constant(value)

    case .variable(let slot, let name):
      let index = slot.index
      if let value = constants[index] { return Self.constant(value) }
      let boxed: Evaluator = { frame in
        guard index < frame.variables.count, let value = frame.variables[index] else {
          throw EvaluationError(.unboundVariable, "no value is bound to `\(name)`", range: range)
        }
        return value
      }
      if typedCompilation, let typed = Self.typedVariable(index: index, type: expr.type) {
        return .typed(typed, boxed: boxed)
      }
      return Node(eval: boxed, constant: nil)

    case .local(let index, _):
      localCount = max(localCount, index + 1)
      return Node(eval: { frame in frame.locals![index] }, constant: nil)

    case .unresolved(let name):
      return Node(
        eval: { _ in
          throw EvaluationError(.unboundVariable, "undeclared reference to `\(name)`", range: range)
        }, constant: nil)

    case .select(let operand, let field, let recordIndex):
      return compileSelect(operand, field: field, recordIndex: recordIndex, range: range)

    case .has(let operand, let field, _):
      let inner = compile(operand)
      let operandEval = inner.eval
      @Sendable func has(_ value: Value) throws -> Value {
        switch value {
        case .record(let record):
          guard let position = record.type.index(of: field) else {
            throw EvaluationError(
              .noSuchField, "no field `\(field)` on \(record.type.name)", range: range)
          }
          if case .null = record.fields[position] { return .bool(false) }
          return .bool(true)
        case .map(let map):
          return .bool(map[string: field] != nil)
        case .optional(let wrapped):
          // `has(opt.field)`: false for an empty optional, else the test inside it.
          guard let wrapped else { return .bool(false) }
          return try has(wrapped)
        default:
          throw EvaluationError(
            .noSuchOverload, "`has` needs a map or a record, not \(value.typeValue.name)",
            range: range)
        }
      }
      let eval: Evaluator = { frame in try has(try operandEval(&frame)) }
      return Self.fold(eval, [inner])

    case .call(let function, let args):
      if args.count == 2, function.name == "or" || function.name == "orValue" {
        return compileOptionalOr(function, compile(args[0]), compile(args[1]), range: range)
      }
      if typedCompilation, let fused = compileFusedCall(function, args, range: range) {
        return fused
      }
      let nodes = args.map { compile($0) }
      let node = compileCall(function, args: nodes, range: range)
      if typedCompilation, node.constant == nil,
        let typed = Self.typedCall(function.name, nodes)
      {
        var typedNode = Node.typed(typed, boxed: node.eval)
        if function.name == "double", nodes.count == 1, nodes[0].int != nil {
          typedNode.intField = nodes[0].field
        }
        return typedNode
      }
      return node

    case .unknownFunction(let name, let args):
      let compiled = args.map { compile($0).eval }
      let message =
        Library.functions[name] == nil
        ? "unknown function `\(name)`" : "no overload of `\(name)` takes \(args.count) arguments"
      return Node(
        eval: { frame in
          for arg in compiled { _ = try arg(&frame) }
          throw EvaluationError(.unknownFunction, message, range: range)
        }, constant: nil)

    case .and(let args):
      return compileLogic(args.map { compile($0) }, isAnd: true, range: range)
    case .or(let args):
      return compileLogic(args.map { compile($0) }, isAnd: false, range: range)

    case .conditional(let condition, let then, let otherwise):
      let c = compile(condition)
      let t = compile(then)
      let o = compile(otherwise)
      let (ce, te, oe) = (c.eval, t.eval, o.eval)
      let eval: Evaluator = { frame in
        switch try ce(&frame) {
        case .bool(true): return try te(&frame)
        case .bool(false): return try oe(&frame)
        case let value:
          throw EvaluationError(
            .noSuchOverload, "the condition of `?:` must be bool, not \(value.typeValue.name)",
            range: range)
        }
      }
      if let value = c.constant, case .bool(let b) = value { return b ? t : o }
      let node = Self.fold(eval, [c, t, o])
      if typedCompilation, node.constant == nil, let typed = Self.typedConditional(c, t, o) {
        return .typed(typed, boxed: node.eval)
      }
      return node

    case .list(let elements, let optional):
      let nodes = elements.map { compile($0) }
      if !optional.isEmpty { return compileOptionalList(nodes, optional: optional, range: range) }
      if nodes.allSatisfy({ $0.constant != nil }) {
        return Self.constant(.list(nodes.map { $0.constant! }))
      }
      let evals = nodes.map(\.eval)
      return Node(
        eval: { frame in
          var values: [Value] = []
          values.reserveCapacity(evals.count)
          for eval in evals { values.append(try eval(&frame)) }
          return .list(values)
        }, constant: nil)

    case .map(let entries):
      let nodes = entries.map { (compile($0.key), compile($0.value), $0.key.range) }
      let evals = zip(nodes, entries).map {
        ($0.0.eval, $0.1.eval, $0.2, $1.optional, $1.value.range)
      }
      let eval: Evaluator = { frame in
        var storage: [MapKey: Value] = [:]
        var keys: [Value] = []
        for (keyEval, valueEval, keyRange, optional, valueRange) in evals {
          let key = try keyEval(&frame)
          guard let mapKey = MapKey(key) else {
            throw EvaluationError(
              .invalidArgument, "unsupported key type \(key.typeValue.name) in a map literal",
              range: keyRange)
          }
          var value = try valueEval(&frame)
          if optional {
            // `{?k: v}`: the entry exists only when v has a value.
            guard case .optional(let wrapped) = value else {
              throw EvaluationError(
                .noSuchOverload,
                "an optional entry (`?k: v`) needs an optional value, not \(value.typeValue.name)",
                range: valueRange)
            }
            guard let wrapped else { continue }
            value = wrapped
          }
          if storage.updateValue(value, forKey: mapKey) != nil {
            throw EvaluationError(
              .invalidArgument, "map literal has a repeated key", range: keyRange)
          }
          keys.append(key)
        }
        return .map(MapValue(storage: storage, keys: keys))
      }
      return Self.fold(eval, nodes.flatMap { [$0.0, $0.1] })

    case .comprehension(let kind, let iterRange, let local, let predicate, let transform):
      if typedCompilation, kind == .exists, let predicate,
        case .call(let function, let args) = predicate.kind, function.name == "@in",
        args.count == 2, case .local(local, _) = args[0].kind, Self.isPlainRead(args[1])
      {
        // `range.exists(c, c in other)`: `other` is read once, then a membership loop.
        let rangeNode = compile(iterRange)
        let container = compile(args[1])
        if container.constant == nil {
          // The fused loop never stores the variable: no local to reserve.
          return compileExistsIn(
            range: rangeNode, container: container, kind: kind, callRange: predicate.range,
            sourceRange: range)
        }
        localCount = max(localCount, local + 1)
        return compileComprehension(
          kind, range: rangeNode, local: local, predicate: compile(predicate), transform: nil,
          sourceRange: range)
      }
      localCount = max(localCount, local + 1)
      return compileComprehension(
        kind, range: compile(iterRange), local: local, predicate: predicate.map { compile($0) },
        transform: transform.map { compile($0) }, sourceRange: range)

    case .comprehension2(let kind, let iterRange, let key, let value, let predicate, let transform):
      localCount = max(localCount, key + 1, value + 1)
      return compileComprehension2(
        kind, range: compile(iterRange), key: key, value: value,
        predicate: predicate.map { compile($0) }, transform: transform.map { compile($0) },
        sourceRange: range)

    case .binding(let kind, let local, let value, let body):
      localCount = max(localCount, local + 1)
      return compileBinding(
        kind, local: local, value: compile(value), body: compile(body), range: range)

    case .block(let values, let slots, let result):
      for (value, slot) in zip(values, slots) {
        localCount = max(localCount, slot.value + 1, slot.flag + 1)
        blockValues[slot.value] = compile(value)
      }
      let body = compile(result)
      for slot in slots { blockValues[slot.value] = nil }
      return Self.compileBlock(flags: slots.map(\.flag), result: body)

    case .blockValue(let local, let flag, let name):
      localCount = max(localCount, local + 1, flag + 1)
      guard let value = blockValues[local] else {
        return Node(
          eval: { _ in
            throw EvaluationError(.unboundVariable, "no block value `\(name)`", range: range)
          }, constant: nil)
      }
      return Self.compileBlockValue(value, local: local, flag: flag)
    }
  }
}
