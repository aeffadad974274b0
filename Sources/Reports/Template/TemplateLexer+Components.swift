import Foundation

extension TemplateLexer {
  /// Parses `{% kind [source] key=value key="quoted value" … %}` and checks the arguments.
  func parseComponent(
    _ kind: ComponentTag.Kind, _ text: String, at location: TemplateLocation
  ) throws -> ComponentTag {
    func fail(_ offset: Int, _ message: String) -> ReportError {
      .template(
        file: file,
        location: TemplateLocation(line: location.line, column: location.column + offset),
        message: message)
    }
    let characters = Array(text)
    var index = 0
    var source: String?
    var arguments: [(key: String, value: String)] = []
    var offsets: [String: Int] = [:]
    while index < characters.count {
      while index < characters.count, characters[index].isWhitespace { index += 1 }
      guard index < characters.count else { break }
      let start = index
      while index < characters.count, !characters[index].isWhitespace, characters[index] != "=" {
        index += 1
      }
      let word = String(characters[start..<index])
      guard index < characters.count, characters[index] == "=" else {
        guard source == nil, arguments.isEmpty else {
          throw fail(start, "expected key=value after \"\(kind.rawValue)\", found \"\(word)\"")
        }
        source = word
        continue
      }
      index += 1
      var value = ""
      if index < characters.count, characters[index] == "\"" {
        index += 1
        while index < characters.count, characters[index] != "\"" {
          value.append(characters[index])
          index += 1
        }
        guard index < characters.count else {
          throw fail(start, "unterminated quoted value for \"\(word)\"")
        }
        index += 1
      } else {
        while index < characters.count, !characters[index].isWhitespace {
          value.append(characters[index])
          index += 1
        }
      }
      arguments.append((word, value))
      offsets[word] = start
    }
    let keys = Set(arguments.map(\.key))
    func require(_ names: [String]) throws {
      for name in names where !keys.contains(name) {
        throw fail(0, "\"{% \(kind.rawValue) %}\" needs \(name)=…")
      }
    }
    func allow(_ names: Set<String>) throws {
      for argument in arguments where !names.contains(argument.key) {
        throw fail(
          offsets[argument.key] ?? 0,
          "\"{% \(kind.rawValue) %}\" has no argument \"\(argument.key)\"; known: "
            + names.sorted().joined(separator: ", "))
      }
    }
    func checkFormat(_ name: String, _ offset: Int) throws {
      guard ValueFormat(rawValue: name) != nil else {
        throw fail(
          offset,
          "unknown format \"\(name)\"; known formats: "
            + ValueFormat.allCases.map(\.rawValue).joined(separator: ", "))
      }
    }
    var expressions: [String: any TemplateExpression] = [:]
    switch kind {
    case .table:
      guard source != nil else {
        throw fail(
          0, "\"{% table %}\" needs the name of a SQL block, as in {% table top_episodes %}")
      }
      for argument in arguments {
        let parts = argument.value.split(separator: "|", omittingEmptySubsequences: false)
        if parts.count > 1 { try checkFormat(String(parts[1]), offsets[argument.key] ?? 0) }
        if parts.count > 2, TableBlock.riskThreshold(String(parts[2])) == nil {
          throw fail(
            offsets[argument.key] ?? 0,
            "unknown column option \"\(parts[2])\" for \"\(argument.key)\"; "
              + "write risk<NUMBER to flag values under NUMBER, as in pacing=\"Pacing|percent|risk<0.9\""
          )
        }
        if parts.count > 3 {
          throw fail(
            offsets[argument.key] ?? 0,
            "too many \"|\" parts for \"\(argument.key)\"; write LABEL|FORMAT|risk<NUMBER")
        }
      }
    case .kpi:
      try require(["label", "value"])
      try allow(["label", "value", "previous", "format"])
      for key in ["value", "previous"] {
        guard let source = arguments.first(where: { $0.key == key })?.value else { continue }
        do {
          expressions[key] = try TemplateExpressions.compile(source)
        } catch let failure as ExpressionFailure {
          throw fail(
            (offsets[key] ?? 0) + key.count + 1 + failure.offset,
            "bad expression \"\(source)\": \(failure.message)")
        }
      }
    case .line, .bar, .sparkline:
      guard source != nil else {
        throw fail(
          0,
          "\"{% \(kind.rawValue) %}\" needs the name of a SQL block, as in {% \(kind.rawValue) trend x=day y=downloads %}"
        )
      }
      try require(kind == .sparkline ? ["y"] : ["x", "y"])
      try allow(["x", "y", "format", "title"])
    case .matches:
      guard source != nil else {
        throw fail(
          0,
          "\"{% matches %}\" needs the name of a SQL block, as in {% matches best show=show score=score signals=signals %}"
        )
      }
      try require(["show", "score", "signals"])
      try allow(["show", "score", "signals"])
    }
    if let format = arguments.first(where: { $0.key == "format" }), kind != .table {
      try checkFormat(format.value, offsets["format"] ?? 0)
    }
    return ComponentTag(
      kind: kind, source: source, arguments: arguments, expressions: expressions, location: location
    )
  }
}
