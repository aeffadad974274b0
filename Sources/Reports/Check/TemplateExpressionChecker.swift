import Diagnostics
import Expressions
import Foundation

/// What a name in a template's scope holds, as far as can be known without running the queries.
enum StaticValue: Sendable, Equatable {
  /// A value whose shape is not known (a page parameter, a loop variable over a non-query list).
  case unknown
  /// A page parameter or another plain value.
  case scalar
  /// A SQL block's rows, with the block's columns.
  case rows(query: String, columns: [String])
  /// One row of a SQL block (`trend[0]`, a loop variable over `trend`, `page`).
  case row(query: String, columns: [String])
}

/// The names in scope at one point of a template.
struct TemplateScope: Sendable {
  var names: [String: StaticValue] = [:]
  /// When true, unknown names are not reported (their values come from the caller).
  var open: Bool

  init(open: Bool) { self.open = open }
}

/// Walks a template's nodes and checks every expression's names and column references.
struct TemplateExpressionChecker {
  let file: String
  private(set) var problems: [ReportProblem] = []

  init(file: String) { self.file = file }

  mutating func check(_ nodes: [TemplateNode], scope: TemplateScope) {
    for node in nodes {
      switch node {
      case .text: break
      case .interpolation(_, let source, let location):
        check(source, at: location, scope: scope)
      case .loop(let variable, _, let source, let body, let empty, let location):
        let sequence = check(source, at: loopLocation(location, variable), scope: scope)
        var inner = scope
        if case .rows(let query, let columns) = sequence {
          inner.names[variable] = .row(query: query, columns: columns)
        } else {
          inner.names[variable] = .unknown
        }
        check(body, scope: inner)
        check(empty, scope: scope)
      case .conditional(_, let source, let then, let otherwise, let location):
        check(
          source, at: TemplateLocation(line: location.line, column: location.column + 3),
          scope: scope)
        check(then, scope: scope)
        check(otherwise, scope: scope)
      case .component(let tag):
        check(tag, scope: scope)
      }
    }
  }

  private func loopLocation(_ location: TemplateLocation, _ variable: String) -> TemplateLocation {
    TemplateLocation(line: location.line, column: location.column + 4 + variable.count + 4)
  }

  private mutating func add(_ location: TemplateLocation, _ message: String) {
    problems.append(ReportProblem(file: file, location: location, message: message))
  }

  // MARK: - Components

  private mutating func check(_ tag: ComponentTag, scope: TemplateScope) {
    for (key, expression) in tag.arguments where key == "value" || key == "previous" {
      check(expression, at: tag.location, scope: scope)
    }
    guard let source = tag.source else { return }
    let columnNames: [String]
    switch tag.kind {
    case .table: columnNames = tag.arguments.map(\.key)
    case .line, .bar, .sparkline:
      columnNames =
        (tag.argument("x").map { [$0] } ?? [])
        + (tag.argument("y") ?? "").split(separator: ",").map {
          $0.trimmingCharacters(in: .whitespaces)
        }
    case .kpi: return
    }
    switch scope.names[source] {
    case .rows(_, let columns)?:
      for name in columnNames where !columns.contains(name) {
        add(
          tag.location,
          "unknown column \"\(name)\" in SQL block \"\(source)\""
            + NameSuggestion.hint(name, among: columns))
      }
    case nil where !scope.open && tag.kind != .table:
      add(
        tag.location,
        "no SQL block named \"\(source)\""
          + NameSuggestion.hint(source, among: scope.names.keys.sorted()))
    case nil where !scope.open:
      add(
        tag.location,
        "no SQL block or page parameter named \"\(source)\""
          + NameSuggestion.hint(source, among: scope.names.keys.sorted()))
    default: break
    }
  }

  // MARK: - Expressions

  /// Checks one expression (with an optional `| format` suffix) and returns what it yields.
  @discardableResult
  private mutating func check(_ source: String, at location: TemplateLocation, scope: TemplateScope)
    -> StaticValue
  {
    var text = source
    if let match = source.range(of: #"(?<!\|)\|\s*([a-z]+)\s*$"#, options: .regularExpression) {
      text = String(source[..<match.lowerBound])
    }
    let sourceFile = SourceFile(name: file, text: text)
    guard let syntax = Parser.parse(sourceFile).syntax else { return .unknown }
    var walker = Walker(scope: scope, text: text)
    let value = walker.walk(syntax, locals: [:])
    for (offset, message) in walker.problems {
      add(TemplateLocation(line: location.line, column: location.column + offset), message)
    }
    return value
  }

  /// Infers what each node yields and records unknown names and columns.
  private struct Walker {
    let scope: TemplateScope
    let text: String
    var problems: [(Int, String)] = []

    init(scope: TemplateScope, text: String) {
      self.scope = scope
      self.text = text
    }

    private func offset(_ syntax: Syntax) -> Int {
      TemplateExpressions.characterOffset(syntax.range.start, in: text)
    }

    mutating func walk(_ syntax: Syntax, locals: [String: StaticValue]) -> StaticValue {
      switch syntax.kind {
      case .literal: return .scalar
      case .identifier(let name):
        if let local = locals[name] { return local }
        if let value = scope.names[name] { return value }
        if !scope.open {
          let known = Set(scope.names.keys).union(locals.keys).sorted()
          problems.append(
            (
              offset(syntax),
              "unknown name \"\(name)\"" + NameSuggestion.hint(name, among: known)
            ))
        }
        return .unknown
      case .select(let operand, let field):
        let base = walk(operand, locals: locals)
        if case .row(let query, let columns) = base, !columns.isEmpty, !columns.contains(field) {
          let what = query == "pages" ? "the pages query" : "SQL block \"\(query)\""
          problems.append(
            (
              max(0, TemplateExpressions.characterOffset(syntax.range.end, in: text) - field.count),
              "unknown column \"\(field)\" in \(what)" + NameSuggestion.hint(field, among: columns)
            ))
        }
        return .unknown
      case .has(let operand, _):
        _ = walk(operand, locals: locals)
        return .scalar
      case .call(let function, let target, let args):
        if let target {
          // `math.least(…)`: a namespace, not a variable.
          if case .identifier(let name) = target.kind, locals[name] == nil,
            scope.names[name] == nil
          {
          } else {
            _ = walk(target, locals: locals)
          }
        }
        let values = args.map { walk($0, locals: locals) }
        if function == "_[_]", target == nil, values.count == 2,
          case .rows(let query, let columns) = values[0]
        {
          return .row(query: query, columns: columns)
        }
        return .unknown
      case .list(let items, _):
        for item in items { _ = walk(item, locals: locals) }
        return .unknown
      case .map(let entries):
        for entry in entries {
          _ = walk(entry.key, locals: locals)
          _ = walk(entry.value, locals: locals)
        }
        return .unknown
      case .comprehension(let comprehension):
        let range = walk(comprehension.range, locals: locals)
        var inner = locals
        var element: StaticValue = .unknown
        if case .rows(let query, let columns) = range {
          element = .row(query: query, columns: columns)
        }
        if let valueVariable = comprehension.valueVariable {
          // Two variables: the index (or key), then the element (or value).
          inner[comprehension.variable] = .scalar
          inner[valueVariable] = element
        } else {
          inner[comprehension.variable] = element
        }
        if let predicate = comprehension.predicate { _ = walk(predicate, locals: inner) }
        if let transform = comprehension.transform { _ = walk(transform, locals: inner) }
        if comprehension.kind == .filter { return range }
        return .unknown
      case .binding(let binding):
        let value = walk(binding.value, locals: locals)
        var inner = locals
        inner[binding.variable] = binding.kind == .bind ? value : .unknown
        return walk(binding.body, locals: inner)
      case .block(let values, let result):
        var inner = locals
        for (index, value) in values.enumerated() {
          inner["@index\(index)"] = walk(value, locals: inner)
        }
        return walk(result, locals: inner)
      }
    }
  }
}
