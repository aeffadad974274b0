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

    case .list(let elements):
      let checked = elements.map { check($0) }
      var element: CELType?
      for item in checked { element = element.map { $0.join(item.type) } ?? item.type }
      return CheckedExpr(type: .list(element ?? .dyn), range: range, kind: .list(checked))

    case .map(let entries):
      var checked: [(key: CheckedExpr, value: CheckedExpr)] = []
      var keyType: CELType?
      var valueType: CELType?
      for entry in entries {
        let key = check(entry.key)
        let value = check(entry.value)
        if strict, ![.int, .uint, .bool, .string, .dyn, .error].contains(key.type) {
          error(
            "check.bad-map-key", "map keys must be int, uint, bool or string, not \(key.type)",
            key.range)
        }
        keyType = keyType.map { $0.join(key.type) } ?? key.type
        valueType = valueType.map { $0.join(value.type) } ?? value.type
        checked.append((key, value))
      }
      return CheckedExpr(
        type: .map(keyType ?? .dyn, valueType ?? .dyn), range: range, kind: .map(checked))

    case .comprehension(let comprehension):
      return checkComprehension(comprehension, range: range)
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
  ]

  private mutating func resolveIdentifier(_ name: String, range: SourceRange) -> CheckedExpr {
    if let local = scopes.last(where: { $0.0 == name }) {
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
    }
    return CheckedExpr(
      type: type, range: range,
      kind: .comprehension(
        c.kind, range: iterRange, local: local, predicate: predicate, transform: transform))
  }
}
