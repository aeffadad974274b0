import Foundation

/// Runs a template body against one page's variables and produces its ``Block``s.
///
/// Text accumulates as Markdown; each component closes the current Markdown block and adds its own.
/// Interpolated values are escaped for Markdown, so data never becomes markup.
struct PageEvaluator {
  let template: Template
  let results: [String: QueryResult]
  private(set) var blocks: [Block] = []
  private var prose = ""
  private var chartCount = 0

  init(template: Template, results: [String: QueryResult]) {
    self.template = template
    self.results = results
  }

  /// Evaluates `nodes` into text only (titles, output file names); components are refused there.
  static func text(_ nodes: [TemplateNode], template: Template, scope: TemplateRecord, escape: Bool)
    throws -> String
  {
    var evaluator = PageEvaluator(template: template, results: [:])
    try evaluator.evaluate(nodes, scope: scope, escape: escape)
    return evaluator.prose
  }

  /// Evaluates the body and returns the blocks.
  mutating func run(scope: TemplateRecord) throws -> [Block] {
    try evaluate(template.body, scope: scope, escape: true)
    flush()
    return blocks
  }

  private func fail(_ location: TemplateLocation, _ message: String) -> ReportError {
    .template(file: template.file, location: location, message: message)
  }

  private func value(
    _ expression: any TemplateExpression, _ source: String, _ scope: TemplateRecord,
    at location: TemplateLocation
  ) throws -> TemplateValue {
    do {
      return try expression.evaluate(scope)
    } catch let failure as ExpressionFailure {
      throw fail(location, "cannot evaluate \"\(source)\": \(failure.message)")
    }
  }

  private mutating func evaluate(_ nodes: [TemplateNode], scope: TemplateRecord, escape: Bool)
    throws
  {
    for node in nodes {
      switch node {
      case .text(let text):
        prose += text
      case .interpolation(let expression, let source, let location):
        let text = try value(expression, source, scope, at: location).plainText
        prose += escape ? MarkdownEscape.escape(text) : text
      case .loop(let variable, let sequence, let source, let body, let empty, let location):
        guard case .list(let items) = try value(sequence, source, scope, at: location) else {
          throw fail(location, "\"\(source)\" is not a list of rows; loop over a SQL block's name")
        }
        if items.isEmpty { try evaluate(empty, scope: scope, escape: escape) }
        var inner = scope
        for item in items {
          inner.set(variable, item)
          try evaluate(body, scope: inner, escape: escape)
        }
      case .conditional(let condition, let source, let then, let otherwise, let location):
        let chosen = try value(condition, source, scope, at: location).isTruthy ? then : otherwise
        try evaluate(chosen, scope: scope, escape: escape)
      case .component(let tag):
        guard escape else {
          throw fail(tag.location, "components are not allowed in titles or file names")
        }
        try component(tag, scope: scope)
      }
    }
  }

  private mutating func flush() {
    let text = Self.collapsingBlankLines(prose).trimmingCharacters(in: .whitespacesAndNewlines)
    if !text.isEmpty { blocks.append(.markdown(text)) }
    prose = ""
  }

  /// `text` with every run of three or more newlines shortened to two (one blank line), without
  /// compiling a regular expression for each block.
  static func collapsingBlankLines(_ text: String) -> String {
    guard text.utf8.contains(10) else { return text }
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var newlines = 0
    for byte in text.utf8 {
      if byte == 10 {
        newlines += 1
        if newlines <= 2 { out.append(byte) }
      } else {
        newlines = 0
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  // MARK: - Components

  /// The rows a component shows: a SQL block's result or, for `{% table %}` only, a page parameter
  /// holding a list of records (e.g. an IO document's computed line items).
  private func result(_ tag: ComponentTag, scope: TemplateRecord? = nil) throws -> QueryResult {
    let name = tag.source ?? ""
    if results[name] == nil, let scope, case .list(let items)? = scope[name] {
      let records = items.compactMap { item -> TemplateRecord? in
        if case .record(let record) = item { return record }
        return nil
      }
      let columns = records.first?.keys ?? tag.arguments.map(\.key)
      return QueryResult(
        columns: columns,
        rows: records.map { record in
          TemplateRecord(keys: columns, values: columns.map { record[$0] ?? .null })
        })
    }
    guard let result = results[name] else {
      throw fail(
        tag.location,
        "no SQL block named \"\(name)\""
          + NameSuggestion.hint(name, among: template.queries.map(\.name)))
    }
    return result
  }

  private func column(_ name: String, in result: QueryResult, _ tag: ComponentTag) throws -> Int {
    guard let index = result.columns.firstIndex(of: name) else {
      throw fail(
        tag.location,
        "unknown column \"\(name)\" in SQL block \"\(tag.source ?? "")\""
          + NameSuggestion.hint(name, among: result.columns))
    }
    return index
  }

  private mutating func component(_ tag: ComponentTag, scope: TemplateRecord) throws {
    switch tag.kind {
    case .table:
      flush()
      let result = try result(tag, scope: scope)
      var specs: [(index: Int, column: TableBlock.Column)] = []
      if tag.arguments.isEmpty {
        for (index, name) in result.columns.enumerated() {
          let numeric =
            result.rows.first.map { row -> Bool in
              if case .int = row.values[index] { return true }
              if case .double = row.values[index] { return true }
              return false
            } ?? false
          specs.append((index, TableBlock.Column(label: name, format: numeric ? .number : .text)))
        }
      } else {
        for argument in tag.arguments {
          let parts = argument.value.split(separator: "|", omittingEmptySubsequences: false).map(
            String.init)
          let format = parts.count > 1 ? ValueFormat(rawValue: parts[1]) ?? .text : .text
          specs.append(
            (
              try column(argument.key, in: result, tag),
              TableBlock.Column(label: parts[0], format: format, key: argument.key)
            ))
        }
      }
      let rows = result.rows.map { row in
        specs.map { $0.column.format.format(row.values[$0.index]) }
      }
      blocks.append(
        .table(TableBlock(columns: specs.map(\.column), rows: rows, source: tag.source)))
    case .kpi:
      let format = tag.argument("format").flatMap(ValueFormat.init(rawValue:)) ?? .number
      let current = try value(
        tag.expressions["value"]!, tag.argument("value")!, scope, at: tag.location)
      var change: Double?
      if let previousExpression = tag.expressions["previous"] {
        let previous = try value(
          previousExpression, tag.argument("previous")!, scope, at: tag.location)
        if let now = current.doubleValue, let before = previous.doubleValue, before != 0 {
          change = (now - before) / before
        }
      }
      let kpi = KPI(
        label: tag.argument("label") ?? "", value: format.format(current), change: change)
      if prose.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
        case .kpis(let row)? = blocks.last
      {
        prose = ""
        blocks[blocks.count - 1] = .kpis(row + [kpi])
      } else {
        flush()
        blocks.append(.kpis([kpi]))
      }
    case .line, .bar, .sparkline:
      flush()
      let result = try result(tag)
      let xIndex = try tag.argument("x").map { try column($0, in: result, tag) }
      let yNames = (tag.argument("y") ?? "").split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      var series: [Chart.Series] = []
      for name in yNames {
        let index = try column(name, in: result, tag)
        series.append(
          Chart.Series(name: name, values: result.rows.map { $0.values[index].doubleValue ?? 0 }))
      }
      let labels = result.rows.map { row in xIndex.map { row.values[$0].plainText } ?? "" }
      chartCount += 1
      let kind = Chart.Kind(rawValue: tag.kind.rawValue)!
      blocks.append(
        .chart(
          Chart(
            kind: kind, title: tag.argument("title") ?? yNames.joined(separator: ", "),
            labels: labels,
            series: series,
            format: tag.argument("format").flatMap(ValueFormat.init(rawValue:)) ?? .number,
            id: "chart-\(chartCount)")))
    }
  }
}
