import Diagnostics

/// Resolves names, picks overloads and assigns types, turning a ``Syntax`` tree into a
/// ``CheckedExpr`` and collecting (capped) diagnostics.
struct Checker {
  private let environment: Environment
  private let file: SourceFile
  private let strict: Bool
  private var diagnostics = DiagnosticCollector()
  /// Comprehension variables in scope, innermost last: (name, local index, type).
  private var scopes: [(String, Int, CELType)] = []
  private var localCount = 0
  /// Block values in scope: the local holding a value → the local recording it was computed.
  private var blockFlags: [Int: Int] = [:]

  static func check(_ syntax: Syntax, file: SourceFile, in environment: Environment)
    -> (CheckedExpr?, [Diagnostic])
  {
    var checker = Checker(
      environment: environment, file: file, strict: environment.options.typeCheck)
    let checked = checker.check(syntax)
    return (checked, checker.diagnostics.all)
  }

  private init(environment: Environment, file: SourceFile, strict: Bool) {
    self.environment = environment
    self.file = file
    self.strict = strict
  }

  private mutating func error(
    _ id: String, _ message: String, _ range: SourceRange, help: String? = nil
  ) {
    diagnostics.add(Diagnostic(id: id, message: message, file: file, range: range, help: help))
  }

  private func variableType(_ type: CELType) -> CELType { strict ? type : .dyn }

  // MARK: - Nodes

  mutating func check(_ syntax: Syntax) -> CheckedExpr {
    let range = syntax.range
    switch syntax.kind {
    case .literal(let literal):
      let value: Value
      let type: CELType
      switch literal {
      case .int(let i): (value, type) = (.int(i), .int)
      case .uint(let u): (value, type) = (.uint(u), .uint)
      case .double(let d): (value, type) = (.double(d), .double)
      case .string(let s): (value, type) = (.string(s), .string)
      case .bytes(let b): (value, type) = (.bytes(b), .bytes)
      case .bool(let b): (value, type) = (.bool(b), .bool)
      case .null: (value, type) = (.null, .null)
      }
      return CheckedExpr(type: type, range: range, kind: .constant(value))

    case .identifier(let name):
      return resolveIdentifier(name, range: range)

    case .select(let operand, let field):
      if let qualified = qualifiedName(syntax),
        scopes.last(where: { $0.0 == qualifiedRoot(qualified) }) == nil,
        let resolved = resolveQualified(qualified, range: range)
      {
        return resolved
      }
      let checked = check(operand)
      return select(checked, field: field, range: range, test: false)

    case .has(let operand, let field):
      let checked = check(operand)
      return select(checked, field: field, range: range, test: true)

    case .call(let function, let target, let args):
      return checkCall(function, target: target, args: args, range: range)

    case .list(let elements, let optional):
      let checked = elements.map { check($0) }
      var element: CELType?
      for (index, item) in checked.enumerated() {
        let type = optional.contains(index) ? optionalValueType(item) : item.type
        element = element.map { $0.join(type) } ?? type
      }
      return CheckedExpr(
        type: .list(element ?? .dyn), range: range, kind: .list(checked, optional: optional))

    case .map(let entries):
      var checked: [(key: CheckedExpr, value: CheckedExpr, optional: Bool)] = []
      var keyType: CELType?
      var valueType: CELType?
      for entry in entries {
        let key = check(entry.key)
        var value = check(entry.value)
        if entry.optional {
          let type = optionalValueType(value)
          value.type = .optional(type)
          valueType = valueType.map { $0.join(type) } ?? type
        } else {
          valueType = valueType.map { $0.join(value.type) } ?? value.type
        }
        if strict, ![.int, .uint, .bool, .string, .dyn, .error].contains(key.type) {
          error(
            "check.bad-map-key", "map keys must be int, uint, bool or string, not \(key.type)",
            key.range)
        }
        keyType = keyType.map { $0.join(key.type) } ?? key.type
        checked.append((key, value, entry.optional))
      }
      return CheckedExpr(
        type: .map(keyType ?? .dyn, valueType ?? .dyn), range: range, kind: .map(checked))

    case .comprehension(let comprehension):
      if comprehension.valueVariable != nil {
        return checkComprehension2(comprehension, range: range)
      }
      return checkComprehension(comprehension, range: range)

    case .binding(let binding):
      return checkBinding(binding, range: range)

    case .block(let values, let result):
      return checkBlock(values, result: result, range: range)
    }
  }

  /// The type inside an optional element or entry (`[?x]`, `{?k: x}`); anything but an
  /// optional or `dyn` is an error when checking.
  private mutating func optionalValueType(_ expr: CheckedExpr) -> CELType {
    switch expr.type {
    case .optional(let inner): return inner
    case .dyn, .error: return .dyn
    default:
      if strict {
        error(
          "check.type-mismatch",
          "an optional element (`?x`) must be an optional value, not \(expr.type)", expr.range,
          help: "wrap it: optional.of(x), or drop the `?`")
      }
      return .error
    }
  }

  // MARK: - Names

  private func qualifiedName(_ syntax: Syntax) -> [String]? {
    switch syntax.kind {
    case .identifier(let name): return [name]
    case .select(let operand, let field): return qualifiedName(operand).map { $0 + [field] }
    default: return nil
    }
  }

  private func qualifiedRoot(_ parts: [String]) -> String { parts[0] }

  /// Resolves `a.b.c` to the longest declared variable prefix, then selects the rest.
  private mutating func resolveQualified(_ parts: [String], range: SourceRange) -> CheckedExpr? {
    for length in stride(from: parts.count, through: 2, by: -1) {
      let name = parts[0..<length].joined(separator: ".")
      var base: CheckedExpr?
      if let variable = environment.variable(named: name) {
        base = CheckedExpr(
          type: variableType(variable.type), range: range,
          kind: .variable(variable.slot, name: name))
      } else if let type = Self.typeNames[name] {
        base = CheckedExpr(type: .type, range: range, kind: .constant(.type(type)))
      }
      guard var expr = base else { continue }
      for field in parts[length...] { expr = select(expr, field: field, range: range, test: false) }
      return expr
    }
    return nil
  }

  static let typeNames: [String: TypeValue] = [
    "int": .int, "uint": .uint, "double": .double, "bool": .bool, "string": .string,
    "bytes": .bytes, "list": .list, "map": .map, "null_type": .nullType, "type": .type,
    "google.protobuf.Timestamp": .timestamp, "google.protobuf.Duration": .duration,
    "optional_type": .optionalType, "net.IP": .ip, "net.CIDR": .cidr,
  ]

  private mutating func resolveIdentifier(_ name: String, range: SourceRange) -> CheckedExpr {
    if let local = scopes.last(where: { $0.0 == name }) {
      if let flag = blockFlags[local.1] {
        return CheckedExpr(
          type: local.2, range: range, kind: .blockValue(local: local.1, flag: flag, name: name))
      }
      return CheckedExpr(type: local.2, range: range, kind: .local(local.1, name: name))
    }
    if let variable = environment.variable(named: name) {
      return CheckedExpr(
        type: variableType(variable.type), range: range, kind: .variable(variable.slot, name: name))
    }
    if let type = Self.typeNames[name] {
      return CheckedExpr(type: .type, range: range, kind: .constant(.type(type)))
    }
    if strict {
      let candidates = environment.variables.map(\.name) + scopes.map(\.0)
      error(
        "check.undeclared", "undeclared reference to `\(name)`", range,
        help: Suggest.didYouMean(name, candidates) ?? "declare the variable, or check its spelling")
      return CheckedExpr(type: .error, range: range, kind: .unresolved(name))
    }
    return CheckedExpr(type: .dyn, range: range, kind: .unresolved(name))
  }

  private mutating func select(
    _ operand: CheckedExpr, field: String, range: SourceRange, test: Bool
  )
    -> CheckedExpr
  {
    var type: CELType = .dyn
    var index: Int?
    if case .optional(let inner) = operand.type {
      // `opt.field` selects inside the optional: an optional of the field (empty when absent).
      var unwrapped = operand
      unwrapped.type = inner
      let selected = select(unwrapped, field: field, range: range, test: test)
      if test {
        return CheckedExpr(
          type: .bool, range: range, kind: .has(operand, field: field, recordIndex: nil))
      }
      let type: CELType
      if case .optional = selected.type {
        type = selected.type
      } else {
        type = .optional(selected.type)
      }
      return CheckedExpr(
        type: type, range: range, kind: .select(operand, field: field, recordIndex: nil))
    }
    switch operand.type {
    case .record(let record):
      if let position = record.index(of: field) {
        index = position
        type = record.fields[position].type
      } else {
        error(
          "check.no-such-field", "no field `\(field)` on \(record.name)", range,
          help: Suggest.didYouMean(field, record.fields.map(\.name))
            ?? "fields of \(record.name): \(record.fields.map(\.name).joined(separator: ", "))")
        type = .error
      }
    case .map(let key, let value):
      if strict, !key.accepts(.string) {
        error(
          "check.type-mismatch", "cannot select field `\(field)` from a map with \(key) keys",
          range,
          help: "use an index instead, e.g. m[key]")
      }
      type = value
    case .dyn, .error:
      type = operand.type
    default:
      if strict {
        error("check.type-mismatch", "type \(operand.type) does not support field selection", range)
      }
      type = .error
    }
    if test {
      return CheckedExpr(
        type: .bool, range: range, kind: .has(operand, field: field, recordIndex: index))
    }
    return CheckedExpr(
      type: type, range: range, kind: .select(operand, field: field, recordIndex: index))
  }

  // MARK: - Calls

  private mutating func checkCall(
    _ name: String, target: Syntax?, args: [Syntax], range: SourceRange
  )
    -> CheckedExpr
  {
    // Namespaced global functions: `math.least(…)`, `strings.quote(…)`.
    if let target, let namespace = qualifiedName(target),
      environment.variable(named: namespace[0]) == nil,
      scopes.last(where: { $0.0 == namespace[0] }) == nil
    {
      let qualified = (namespace + [name]).joined(separator: ".")
      if let function = Library.functions[qualified] {
        return resolveCall(function, args: args.map { check($0) }, range: range)
      }
      // `math.lest(…)`: a misspelt function of a known namespace is one error, not an undeclared
      // `math` plus an unknown method.
      let prefix = namespace.joined(separator: ".") + "."
      let siblings = Library.functions.keys.filter { $0.hasPrefix(prefix) }.sorted()
      if strict, !siblings.isEmpty {
        let checkedArgs = args.map { check($0) }
        error(
          "check.unknown-function", "unknown function `\(qualified)`",
          nameRange(name, target: target, in: range),
          help: Suggest.didYouMean(qualified, siblings)
            ?? "functions of \(namespace.joined(separator: ".")): \(siblings.joined(separator: ", "))"
        )
        return CheckedExpr(
          type: .error, range: range, kind: .unknownFunction(qualified, args: checkedArgs))
      }
    }
    // `list.filtr(x, x > 1)`: a misspelt macro; its variable is not checked as a reference, so the
    // mistake is one error.
    if strict, let target, Library.functions[name] == nil, (2...3).contains(args.count),
      case .identifier = args[0].kind,
      let help = Suggest.didYouMean(name, Suggest.macros)
    {
      let checkedTarget = check(target)
      error(
        "check.unknown-function", "unknown method `\(name)`",
        nameRange(name, target: target, in: range),
        help: help)
      return CheckedExpr(
        type: .error, range: range, kind: .unknownFunction(name, args: [checkedTarget]))
    }
    switch name {
    case "_&&_", "_||_":
      let checked = args.map { check($0) }
      for arg in checked where strict && !CELType.bool.accepts(arg.type) {
        error(
          "check.type-mismatch",
          "\(EvaluationError.displayName(name)) needs bool operands, not \(arg.type)", arg.range)
      }
      return CheckedExpr(
        type: .bool, range: range, kind: name == "_&&_" ? .and(checked) : .or(checked))
    case "_?_:_":
      let checked = args.map { check($0) }
      if strict, !CELType.bool.accepts(checked[0].type) {
        error(
          "check.type-mismatch", "the condition of `?:` must be bool, not \(checked[0].type)",
          checked[0].range)
      }
      return CheckedExpr(
        type: checked[1].type.join(checked[2].type), range: range,
        kind: .conditional(checked[0], checked[1], checked[2]))
    case "_?._" where args.count == 2:
      // `operand.?field`: the field's type (checked as a selection, so a misspelt record field
      // is an error) as an optional.
      let operand = check(args[0])
      let field = check(args[1])
      guard case .constant(.string(let name)) = field.kind,
        let function = Library.functions["_?._"]
      else { break }
      var unwrapped = operand
      if case .optional(let inner) = operand.type { unwrapped.type = inner }
      let selected = select(unwrapped, field: name, range: range, test: false)
      var type = selected.type
      switch type {
      case .optional, .error: break
      default: type = .optional(type)
      }
      return CheckedExpr(type: type, range: range, kind: .call(function, args: [operand, field]))
    default:
      break
    }
    let checkedArgs = (target.map { [check($0)] } ?? []) + args.map { check($0) }
    let function = Library.functions[name]
    guard let function, target == nil ? function.style != .member : function.style != .global else {
      if strict {
        let kind = target == nil ? "function" : "method"
        let names = Library.functions.values.filter {
          target == nil ? $0.style != .member : $0.style != .global
        }
        .map(\.name).filter { !$0.contains("_") && !$0.hasPrefix("@") }
        error(
          "check.unknown-function", "unknown \(kind) `\(name)`",
          nameRange(name, target: target, in: range),
          help: Suggest.didYouMean(name, names))
        return CheckedExpr(
          type: .error, range: range, kind: .unknownFunction(name, args: checkedArgs))
      }
      return CheckedExpr(type: .dyn, range: range, kind: .unknownFunction(name, args: checkedArgs))
    }
    return resolveCall(function, args: checkedArgs, range: range)
  }

  private mutating func resolveCall(_ function: Function, args: [CheckedExpr], range: SourceRange)
    -> CheckedExpr
  {
    guard function.arities.contains(args.count) else {
      if strict {
        let counts = function.arities.sorted().map(String.init).joined(separator: " or ")
        error(
          "check.wrong-argument-count",
          "\(EvaluationError.displayName(function.name)) takes \(counts) argument\(function.arities == [1] ? "" : "s") (receiver included), not \(args.count)",
          range)
        return CheckedExpr(type: .error, range: range, kind: .call(function, args: args))
      }
      return CheckedExpr(
        type: .dyn, range: range, kind: .unknownFunction(function.name, args: args))
    }
    let types = args.map(\.type)
    if types.contains(.error) {
      return CheckedExpr(type: .error, range: range, kind: .call(function, args: args))
    }
    if !strict {
      return CheckedExpr(
        type: function.check(types) ?? .dyn, range: range, kind: .call(function, args: args))
    }
    guard let result = function.check(types) else {
      let shown = types.map(\.description).joined(separator: ", ")
      error(
        "check.no-matching-overload",
        "no matching overload for \(EvaluationError.displayName(function.name)) applied to (\(shown))",
        range,
        help: Suggest.conversionHelp(function.name, args: args, file: file))
      return CheckedExpr(type: .error, range: range, kind: .call(function, args: args))
    }
    return CheckedExpr(type: result, range: range, kind: .call(function, args: args))
  }

  /// The range of a called function's name: after the receiver for a method call.
  private func nameRange(_ name: String, target: Syntax?, in range: SourceRange) -> SourceRange {
    let from = target?.range.end ?? range.start
    let needle = Array(name.utf8)
    var index = from
    while index + needle.count <= range.end {
      if Array(file.utf8[index..<(index + needle.count)]) == needle {
        return SourceRange(start: index, end: index + needle.count)
      }
      index += 1
    }
    return range
  }

  // MARK: - Comprehensions

  private mutating func checkComprehension(_ c: Syntax.Comprehension, range: SourceRange)
    -> CheckedExpr
  {
    let iterRange = check(c.range)
    let elementType: CELType
    switch iterRange.type {
    case .list(let element): elementType = element
    case .map(let key, _): elementType = key
    case .dyn, .error: elementType = .dyn
    default:
      if strict {
        error(
          "check.type-mismatch",
          "`\(c.kind.rawValue)` needs a list or a map, not \(iterRange.type)", iterRange.range)
      }
      elementType = .error
    }
    let local = localCount
    localCount += 1
    scopes.append((c.variable, local, elementType))
    defer { scopes.removeLast() }
    let predicate = c.predicate.map { check($0) }
    if let predicate, strict, !CELType.bool.accepts(predicate.type) {
      error(
        "check.type-mismatch",
        "the condition of `\(c.kind.rawValue)` must be bool, not \(predicate.type)", predicate.range
      )
    }
    let transform = c.transform.map { check($0) }
    let type: CELType
    switch c.kind {
    case .all, .exists, .existsOne: type = .bool
    case .map: type = .list(transform?.type ?? .dyn)
    case .filter: type = .list(elementType)
    case .transformList, .transformMap, .transformMapEntry: type = .error  // two variables only
    }
    return CheckedExpr(
      type: type, range: range,
      kind: .comprehension(
        c.kind, range: iterRange, local: local, predicate: predicate, transform: transform))
  }

  /// `range.all(i, v, p)` and the other two-variable comprehensions: over a list `i` is the
  /// index and `v` the element, over a map `i` is the key and `v` the value.
  private mutating func checkComprehension2(_ c: Syntax.Comprehension, range: SourceRange)
    -> CheckedExpr
  {
    let iterRange = check(c.range)
    let keyType: CELType
    let valueType: CELType
    switch iterRange.type {
    case .list(let element): (keyType, valueType) = (.int, element)
    case .map(let key, let value): (keyType, valueType) = (key, value)
    case .dyn, .error: (keyType, valueType) = (.dyn, .dyn)
    default:
      if strict {
        error(
          "check.type-mismatch",
          "`\(c.kind.rawValue)` needs a list or a map, not \(iterRange.type)", iterRange.range)
      }
      (keyType, valueType) = (.error, .error)
    }
    if c.variable == c.valueVariable, strict {
      error(
        "check.duplicate-variable",
        "the two variables of `\(c.kind.rawValue)` must have different names", c.variableRange)
    }
    let keyLocal = localCount
    let valueLocal = localCount + 1
    localCount += 2
    scopes.append((c.variable, keyLocal, keyType))
    scopes.append((c.valueVariable ?? "", valueLocal, valueType))
    defer { scopes.removeLast(2) }
    let predicate = c.predicate.map { check($0) }
    if let predicate, strict, !CELType.bool.accepts(predicate.type) {
      error(
        "check.type-mismatch",
        "the condition of `\(c.kind.rawValue)` must be bool, not \(predicate.type)",
        predicate.range)
    }
    let transform = c.transform.map { check($0) }
    let type: CELType
    switch c.kind {
    case .all, .exists, .existsOne: type = .bool
    case .transformList: type = .list(transform?.type ?? .dyn)
    case .transformMap:
      type = .map(keyType == .error ? .dyn : keyType, transform?.type ?? .dyn)
    case .transformMapEntry:
      switch transform?.type {
      case .map(let key, let value)?: type = .map(key, value)
      case .dyn?, .error?, nil: type = .map(.dyn, .dyn)
      case let other?:
        if strict, let transform {
          error(
            "check.type-mismatch",
            "`transformMapEntry` needs a map for each entry, such as {k: v}, not \(other)",
            transform.range)
        }
        type = .error
      }
    case .map, .filter: type = .error  // one-variable macros only; the parser never builds these
    }
    return CheckedExpr(
      type: type, range: range,
      kind: .comprehension2(
        c.kind, range: iterRange, key: keyLocal, value: valueLocal, predicate: predicate,
        transform: transform))
  }

  // MARK: - Bindings

  /// `cel.bind(x, value, body)`, `opt.optMap(x, body)`, `opt.optFlatMap(x, body)`.
  private mutating func checkBinding(_ b: Syntax.Binding, range: SourceRange) -> CheckedExpr {
    let value = check(b.value)
    var variableType = value.type
    if b.kind != .bind {
      switch value.type {
      case .optional(let inner): variableType = inner
      case .dyn, .error: variableType = .dyn
      default:
        if strict {
          error(
            "check.type-mismatch", "`\(b.kind.rawValue)` needs an optional, not \(value.type)",
            value.range, help: "make one with optional.of(x) or m.?field")
        }
        variableType = .error
      }
    }
    let local = localCount
    localCount += 1
    scopes.append((b.variable, local, variableType))
    let body = check(b.body)
    scopes.removeLast()
    var type = body.type
    switch b.kind {
    case .bind: break
    case .optMap: type = .optional(body.type)
    case .optFlatMap:
      switch body.type {
      case .optional, .dyn, .error: break
      default:
        if strict {
          error(
            "check.type-mismatch",
            "the body of `optFlatMap` must be an optional, not \(body.type)", body.range,
            help: "use optMap to wrap a plain value")
        }
        type = .error
      }
    }
    return CheckedExpr(
      type: type, range: range, kind: .binding(b.kind, local: local, value: value, body: body))
  }

  /// `cel.block([v0, v1, …], result)`: `cel.index(i)` (the name `@index<i>`) is value `i`,
  /// visible to later values and the result.
  private mutating func checkBlock(_ values: [Syntax], result: Syntax, range: SourceRange)
    -> CheckedExpr
  {
    var checked: [CheckedExpr] = []
    var slots: [(value: Int, flag: Int)] = []
    for (index, syntax) in values.enumerated() {
      let value = check(syntax)
      let slot = (value: localCount, flag: localCount + 1)
      localCount += 2
      scopes.append(("@index\(index)", slot.value, value.type))
      blockFlags[slot.value] = slot.flag
      checked.append(value)
      slots.append(slot)
    }
    let body = check(result)
    scopes.removeLast(values.count)
    for slot in slots { blockFlags[slot.value] = nil }
    return CheckedExpr(
      type: body.type, range: range, kind: .block(checked, slots: slots, result: body))
  }
}
