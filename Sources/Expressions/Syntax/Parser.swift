import Diagnostics

/// Parses CEL source into a ``Syntax`` tree, collecting (capped) diagnostics.
///
/// Recursive descent with precedence climbing for binary operators. Nesting is bounded by
/// ``Limits/maxNesting`` and tree height by ``Limits/maxDepth``, so hostile input such as
/// 100,000 opening parentheses ends in `syntax.too-deep` instead of a stack overflow.
public struct Parser {
  /// Bounds on what the parser accepts.
  public struct Limits: Sendable {
    /// The most nested brackets, parentheses and calls.
    public var maxNesting = 100
    /// The highest syntax tree allowed (a chain `a + b + …` counts one per operator).
    public var maxDepth = 250
    /// The longest source accepted, in UTF-8 bytes.
    public var maxLength = 100_000
    public init() {}
  }

  private struct Abort: Error {}

  private var tokens: [Token] = []
  private var position = 0
  private var nesting = 0
  private let limits: Limits
  private let file: SourceFile
  private var diagnostics: DiagnosticCollector

  /// Parses `range` of `file` (the whole file by default).
  public static func parse(
    _ file: SourceFile, range: SourceRange? = nil, limits: Limits = Limits()
  ) -> (syntax: Syntax?, diagnostics: [Diagnostic]) {
    let range = range ?? SourceRange(start: 0, end: file.utf8.count)
    var collector = DiagnosticCollector()
    if range.end - range.start > limits.maxLength {
      collector.add(
        Diagnostic(
          id: "syntax.too-long",
          message:
            "expression is \(range.end - range.start) bytes long; the limit is \(limits.maxLength)",
          file: file, range: SourceRange(start: range.start, end: range.start + 1),
          help: "split the expression into smaller rules"))
      return (nil, collector.all)
    }
    var lexer = Lexer(file: file, range: range, diagnostics: collector)
    let tokens = lexer.tokenize()
    var parser = Parser(file: file, limits: limits, diagnostics: lexer.diagnostics)
    parser.tokens = tokens
    let result: Syntax?
    do {
      let expr = try parser.parseExpr()
      if case .end = parser.current.kind {
      } else {
        parser.error(
          "syntax.unexpected-token",
          "unexpected \(parser.describe(parser.current)) after the expression", parser.current.range
        )
      }
      result = expr
    } catch {
      result = nil
    }
    let all = parser.diagnostics.all
    return (all.contains { $0.severity == .error } ? nil : result, all)
  }

  private init(file: SourceFile, limits: Limits, diagnostics: DiagnosticCollector) {
    self.file = file
    self.limits = limits
    self.diagnostics = diagnostics
  }

  // MARK: - Tokens

  private var current: Token { tokens[position] }

  private mutating func advance() -> Token {
    let token = tokens[position]
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  private func at(_ punct: String) -> Bool { current.punct == punct }

  private mutating func accept(_ punct: String) -> Bool {
    if at(punct) { _ = advance(); return true }
    return false
  }

  private mutating func expect(_ punct: String, context: String) {
    if accept(punct) { return }
    error(
      "syntax.expected-token", "expected `\(punct)` \(context), found \(describe(current))",
      current.range)
  }

  private func describe(_ token: Token) -> String {
    switch token.kind {
    case .end: return "end of expression"
    case .identifier(let n), .reserved(let n): return "`\(n)`"
    case .quotedIdentifier(let n): return "`\(n)`"
    case .punct(let p): return "`\(p)`"
    case .error: return "invalid token"
    default: return "`\(file.text(in: token.range))`"
    }
  }

  private mutating func error(
    _ id: String, _ message: String, _ range: SourceRange, help: String? = nil
  ) {
    diagnostics.add(Diagnostic(id: id, message: message, file: file, range: range, help: help))
  }

  private mutating func node(_ kind: Syntax.Kind, _ range: SourceRange, children: [Syntax]) throws
    -> Syntax
  {
    let depth = 1 + (children.map(\.depth).max() ?? 0)
    if depth > limits.maxDepth {
      error(
        "syntax.too-deep", "expression is nested more than \(limits.maxDepth) levels deep", range,
        help: "split the expression into smaller parts")
      throw Abort()
    }
    return Syntax(kind, range: range, depth: depth)
  }

  // MARK: - Expressions

  mutating func parseExpr() throws -> Syntax {
    nesting += 1
    defer { nesting -= 1 }
    if nesting > limits.maxNesting {
      error(
        "syntax.too-deep", "expression nests more than \(limits.maxNesting) levels deep",
        current.range, help: "split the expression into smaller parts")
      throw Abort()
    }
    let condition = try parseBinary(minPrecedence: 1)
    guard at("?") else { return condition }
    _ = advance()
    let then = try parseBinary(minPrecedence: 1)
    expect(":", context: "in a conditional `a ? b : c`")
    let otherwise = try parseExpr()
    return try node(
      .call(function: "_?_:_", target: nil, args: [condition, then, otherwise]),
      condition.range.union(otherwise.range), children: [condition, then, otherwise])
  }

  private static func precedence(_ token: Token) -> (Int, String)? {
    guard case .punct(let p) = token.kind else { return nil }
    switch p {
    case "||": return (1, "_||_")
    case "&&": return (2, "_&&_")
    case "==": return (3, "_==_")
    case "!=": return (3, "_!=_")
    case "<": return (3, "_<_")
    case "<=": return (3, "_<=_")
    case ">": return (3, "_>_")
    case ">=": return (3, "_>=_")
    case "in": return (3, "@in")
    case "+": return (4, "_+_")
    case "-": return (4, "_-_")
    case "*": return (5, "_*_")
    case "/": return (5, "_/_")
    case "%": return (5, "_%_")
    default: return nil
    }
  }

  private mutating func parseBinary(minPrecedence: Int) throws -> Syntax {
    var left = try parseUnary()
    while let (precedence, function) = Self.precedence(current), precedence >= minPrecedence {
      _ = advance()
      let right = try parseBinary(minPrecedence: precedence + 1)
      let range = left.range.union(right.range)
      // `&&` and `||` are associative: keep chains flat so long chains stay shallow.
      if precedence <= 2, case .call(function, nil, var args) = left.kind {
        args.append(right)
        left = Syntax(
          .call(function: function, target: nil, args: args), range: range,
          depth: max(left.depth, right.depth + 1))
      } else {
        left = try node(
          .call(function: function, target: nil, args: [left, right]), range,
          children: [left, right])
      }
    }
    return left
  }

  private mutating func parseUnary() throws -> Syntax {
    var operators: [Token] = []
    while at("!") || at("-") { operators.append(advance()) }
    var operand = try parseMember()
    // Fold one minus into a directly following number so `-9223372036854775808` is valid.
    if let last = operators.last, last.punct == "-", case .literal(let literal) = operand.kind,
      operand.depth == 1, isBareNumber(operand)
    {
      let range = last.range.union(operand.range)
      switch literal {
      case .int(let v):
        operand = Syntax(.literal(.int(v == Int64.min ? v : -v)), range: range)
        operators.removeLast()
      case .double(let d):
        operand = Syntax(.literal(.double(-d)), range: range)
        operators.removeLast()
      default: break
      }
    }
    while let op = operators.popLast() {
      let function = op.punct == "!" ? "!_" : "-_"
      operand = try node(
        .call(function: function, target: nil, args: [operand]), op.range.union(operand.range),
        children: [operand])
    }
    return operand
  }

  private func isBareNumber(_ syntax: Syntax) -> Bool {
    guard let first = file.utf8[safe: syntax.range.start] else { return false }
    return first != UInt8(ascii: "(")
  }

  private mutating func parseMember() throws -> Syntax {
    var expr = try parsePrimary()
    while true {
      if at(".") {
        _ = advance()
        let optional = accept("?")
        let nameToken = advance()
        let name: String
        switch nameToken.kind {
        case .identifier(let n), .reserved(let n), .quotedIdentifier(let n): name = n
        default:
          error(
            "syntax.expected-field",
            "expected a field or method name after `.`, found \(describe(nameToken))",
            nameToken.range)
          return expr
        }
        if optional {
          // `operand.?field`: the field as an optional value.
          let fieldRange = nameToken.range
          let field = Syntax(.literal(.string(name)), range: fieldRange)
          expr = try node(
            .call(function: "_?._", target: nil, args: [expr, field]),
            expr.range.union(fieldRange), children: [expr])
          continue
        }
        if at("("), case .quotedIdentifier = nameToken.kind {
          error(
            "syntax.unexpected-token", "a quoted identifier cannot name a method", nameToken.range)
        }
        if at("(") {
          let open = advance()
          nesting += 1
          defer { nesting -= 1 }
          let (args, close) = try parseArguments(open: open, closing: ")")
          expr = try makeCall(
            name: name, target: expr, args: args, range: expr.range.union(close),
            nameRange: nameToken.range)
        } else {
          expr = try node(
            .select(expr, field: name), expr.range.union(nameToken.range), children: [expr])
        }
      } else if at("[") {
        _ = advance()
        let optional = accept("?")
        let index = try parseExpr()
        let close = current.range
        expect("]", context: "to close the index")
        expr = try node(
          .call(function: optional ? "_[?_]" : "_[_]", target: nil, args: [expr, index]),
          expr.range.union(close), children: [expr, index])
      } else {
        return expr
      }
    }
  }

  private mutating func parseArguments(open: Token, closing: String) throws -> (
    [Syntax], SourceRange
  ) {
    var args: [Syntax] = []
    if !at(closing) {
      repeat {
        if at(closing) { break }
        args.append(try parseExpr())
      } while accept(",")
    }
    let close = current.range
    if !accept(closing) {
      error(
        "syntax.expected-token",
        "expected `\(closing)` to close the `\(open.punct ?? "")` opened here, found \(describe(current))",
        current.range)
      if case .end = current.kind {} else { _ = advance() }
    }
    return (args, close)
  }

  private mutating func parsePrimary() throws -> Syntax {
    let token = advance()
    let range = token.range
    switch token.kind {
    case .int(let magnitude):
      // A preceding unary minus is folded by the caller only for doubles; ints are handled here.
      if let previous = position >= 2 ? tokens[position - 2] : nil, previous.punct == "-",
        isMinusPrefix(at: position - 2), let magnitude, magnitude == UInt64(Int64.max) + 1
      {
        return Syntax(.literal(.int(Int64.min)), range: range)
      }
      guard let magnitude, magnitude <= UInt64(Int64.max) else {
        error(
          "syntax.number-out-of-range", "integer literal is larger than 9223372036854775807", range,
          help: "use a double (append .0) or a uint (append u) for larger numbers")
        return Syntax(.literal(.null), range: range)
      }
      return Syntax(.literal(.int(Int64(magnitude))), range: range)
    case .uint(let value): return Syntax(.literal(.uint(value ?? 0)), range: range)
    case .double(let value): return Syntax(.literal(.double(value)), range: range)
    case .string(let value): return Syntax(.literal(.string(value)), range: range)
    case .bytes(let value): return Syntax(.literal(.bytes(value)), range: range)
    case .identifier(let name):
      switch name {
      case "true": return Syntax(.literal(.bool(true)), range: range)
      case "false": return Syntax(.literal(.bool(false)), range: range)
      case "null": return Syntax(.literal(.null), range: range)
      default: break
      }
      if at("(") {
        let open = advance()
        let (args, close) = try parseArguments(open: open, closing: ")")
        return try makeCall(
          name: name, target: nil, args: args, range: range.union(close), nameRange: range)
      }
      return Syntax(.identifier(name), range: range)
    case .punct("."):
      let nameToken = advance()
      guard case .identifier(let name) = nameToken.kind else {
        error(
          "syntax.expected-field", "expected an identifier after a leading `.`", nameToken.range)
        return Syntax(.literal(.null), range: range)
      }
      if at("(") {
        let open = advance()
        let (args, close) = try parseArguments(open: open, closing: ")")
        return try makeCall(
          name: name, target: nil, args: args, range: range.union(close), nameRange: nameToken.range
        )
      }
      return Syntax(.identifier(name), range: range.union(nameToken.range))
    case .punct("("):
      let inner = try parseExpr()
      let close = current.range
      expect(")", context: "to close the parenthesis")
      var result = inner
      result.range = range.union(close)
      return result
    case .punct("["):
      nesting += 1
      defer { nesting -= 1 }
      var elements: [Syntax] = []
      var optional: Set<Int> = []
      if !at("]") {
        repeat {
          if at("]") { break }
          // `[?x]`: x is an optional, included only when it has a value.
          if accept("?") { optional.insert(elements.count) }
          elements.append(try parseExpr())
        } while accept(",")
      }
      let close = current.range
      if !accept("]") {
        error(
          "syntax.expected-token",
          "expected `]` to close the `[` opened here, found \(describe(current))", current.range)
        if case .end = current.kind {} else { _ = advance() }
      }
      return try node(
        .list(elements, optional: optional), range.union(close), children: elements)
    case .punct("{"):
      nesting += 1
      defer { nesting -= 1 }
      var entries: [(key: Syntax, value: Syntax, optional: Bool)] = []
      if !at("}") {
        repeat {
          if at("}") { break }
          // `{?k: v}`: v is an optional; the entry is there only when it has a value.
          let optional = accept("?")
          let key = try parseExpr()
          expect(":", context: "between a map key and its value")
          let value = try parseExpr()
          entries.append((key, value, optional))
        } while accept(",")
      }
      let close = current.range
      if !accept("}") {
        error(
          "syntax.expected-token", "expected `}` to close the map, found \(describe(current))",
          current.range)
        if case .end = current.kind {} else { _ = advance() }
      }
      return try node(
        .map(entries), range.union(close), children: entries.flatMap { [$0.key, $0.value] })
    case .reserved(let word):
      error(
        "syntax.reserved-word", "`\(word)` is a reserved word and cannot be used as a name", range)
      return Syntax(.literal(.null), range: range)
    case .error:
      return Syntax(.literal(.null), range: range)
    case .end:
      error("syntax.unexpected-end", "expression ends too early; expected a value", range)
      throw Abort()
    default:
      error("syntax.unexpected-token", "expected a value, found \(describe(token))", range)
      // Recover: skip stray operators so one typo gives one diagnostic.
      while case .punct(let p) = current.kind,
        !["(", "[", "{", ".", "-", "!", ")", "]", "}", ",", ":"].contains(p)
      {
        _ = advance()
      }
      if startsValue(current) { return try parseMember() }
      return Syntax(.literal(.null), range: range)
    }
  }

  private func startsValue(_ token: Token) -> Bool {
    switch token.kind {
    case .identifier, .int, .uint, .double, .string, .bytes: return true
    case .punct(let p): return ["(", "[", "{", "."].contains(p)
    default: return false
    }
  }

  /// True when the `-` at token `index` is a prefix operator (not binary subtraction).
  private func isMinusPrefix(at index: Int) -> Bool {
    guard index > 0 else { return true }
    let previous = tokens[index - 1]
    switch previous.kind {
    case .punct(let p): return ![")", "]", "}"].contains(p)
    case .reserved: return true
    default: return false
    }
  }

  // MARK: - Calls and macros

  private mutating func makeCall(
    name: String, target: Syntax?, args: [Syntax], range: SourceRange, nameRange: SourceRange
  ) throws -> Syntax {
    if target == nil, name == "has", args.count == 1 {
      guard case .select(let operand, let field) = args[0].kind else {
        error(
          "syntax.bad-macro", "`has` needs a field selection such as `has(show.explicit)`",
          args[0].range)
        return Syntax(.literal(.null), range: range)
      }
      return try node(.has(operand, field: field), range, children: [operand])
    }
    if let target, let macro = try makeMacro(name: name, target: target, args: args, range: range) {
      return macro
    }
    return try node(
      .call(function: name, target: target, args: args), range,
      children: (target.map { [$0] } ?? []) + args)
  }
}

extension Parser {
  /// The comprehension macros by method name, with the argument counts taking one loop variable
  /// and those taking two.
  private static let macros: [String: (Syntax.MacroKind, one: Set<Int>, two: Set<Int>)] = [
    "all": (.all, [2], [3]), "exists": (.exists, [2], [3]),
    "exists_one": (.existsOne, [2], [3]), "existsOne": (.existsOne, [2], [3]),
    "map": (.map, [2, 3], []), "filter": (.filter, [2], []),
    "transformList": (.transformList, [], [3, 4]), "transformMap": (.transformMap, [], [3, 4]),
    "transformMapEntry": (.transformMapEntry, [], [3, 4]),
  ]

  /// The macro `target.name(args)` expands to, or nil when it is an ordinary method call.
  private mutating func makeMacro(
    name: String, target: Syntax, args: [Syntax], range: SourceRange
  ) throws -> Syntax? {
    func variableName(_ syntax: Syntax, _ what: String) -> String? {
      if case .identifier(let variable) = syntax.kind { return variable }
      error(
        "syntax.bad-macro",
        "the \(what) argument of `\(name)` must be a variable name, e.g. `\(name)(x, …)`",
        syntax.range)
      return nil
    }
    if case .identifier("cel") = target.kind {
      switch (name, args.count) {
      case ("bind", 3):
        guard let variable = variableName(args[0], "first") else {
          return Syntax(.literal(.null), range: range)
        }
        let binding = Syntax.Binding(
          kind: .bind, variable: variable, variableRange: args[0].range, value: args[1],
          body: args[2])
        return try node(.binding(binding), range, children: args)
      case ("block", 2):
        guard case .list(let values, let optional) = args[0].kind, optional.isEmpty else {
          error(
            "syntax.bad-macro", "the first argument of `cel.block` must be a list of values",
            args[0].range)
          return Syntax(.literal(.null), range: range)
        }
        return try node(.block(values, result: args[1]), range, children: values + [args[1]])
      case ("index", 1), ("iterVar", 2), ("accuVar", 2):
        // `cel.index(0)` names block value 0; `cel.iterVar(0, 1)` and `cel.accuVar(0, 1)` name
        // comprehension variables (`@index0`, `@it:0:1`, `@ac:0:1`).
        var numbers: [Int64] = []
        for arg in args {
          guard case .literal(.int(let n)) = arg.kind, n >= 0 else {
            error(
              "syntax.bad-macro", "`cel.\(name)` takes non-negative int literals", arg.range)
            return Syntax(.literal(.null), range: range)
          }
          numbers.append(n)
        }
        let identifier =
          switch name {
          case "index": "@index\(numbers[0])"
          case "iterVar": "@it:\(numbers[0]):\(numbers[1])"
          default: "@ac:\(numbers[0]):\(numbers[1])"
          }
        return Syntax(.identifier(identifier), range: range)
      default:
        break
      }
    }
    if name == "optMap" || name == "optFlatMap", args.count == 2 {
      guard let variable = variableName(args[0], "first") else {
        return Syntax(.literal(.null), range: range)
      }
      let binding = Syntax.Binding(
        kind: name == "optMap" ? .optMap : .optFlatMap, variable: variable,
        variableRange: args[0].range, value: target, body: args[1])
      return try node(.binding(binding), range, children: [target] + args)
    }
    guard let (kind, one, two) = Self.macros[name] else { return nil }
    if one.contains(args.count) {
      guard let variable = variableName(args[0], "first") else {
        return Syntax(.literal(.null), range: range)
      }
      var comprehension = Syntax.Comprehension(
        kind: kind, range: target, variable: variable, variableRange: args[0].range)
      if kind == .map {
        if args.count == 3 {
          comprehension.predicate = args[1]
          comprehension.transform = args[2]
        } else {
          comprehension.transform = args[1]
        }
      } else {
        comprehension.predicate = args[1]
      }
      return try node(.comprehension(comprehension), range, children: [target] + args)
    }
    if two.contains(args.count) {
      guard let variable = variableName(args[0], "first"),
        let valueVariable = variableName(args[1], "second")
      else { return Syntax(.literal(.null), range: range) }
      var comprehension = Syntax.Comprehension(
        kind: kind, range: target, variable: variable, variableRange: args[0].range,
        valueVariable: valueVariable)
      switch kind {
      case .all, .exists, .existsOne:
        comprehension.predicate = args[2]
      default:
        if args.count == 4 { comprehension.predicate = args[2] }
        comprehension.transform = args[args.count - 1]
      }
      return try node(.comprehension(comprehension), range, children: [target] + args)
    }
    return nil
  }
}

extension Array {
  subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
