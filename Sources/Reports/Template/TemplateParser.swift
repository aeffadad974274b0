import Foundation

/// Parses a template file into a ``Template``: front matter, ```` ```sql NAME ```` blocks and the body.
///
/// Every error names the file, line and column (``ReportError/template(file:location:message:)``).
public struct TemplateParser: Sendable {
  public init() {}

  /// Reads and parses the template at `path`; the report name is the file name without `.md`.
  public func parse(contentsOf path: String) throws -> Template {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ReportError.io(
        path: path, message: "cannot read the template (\(error.localizedDescription))")
    }
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    return try parse(text, name: name, file: path)
  }

  /// Parses template text. `file` is used in error messages.
  public func parse(_ text: String, name: String, file: String) throws -> Template {
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
    func fail(_ line: Int, _ column: Int, _ message: String) -> ReportError {
      .template(
        file: file, location: TemplateLocation(line: line, column: column), message: message)
    }
    // MARK: Front matter
    guard lines.first?.trimmingCharacters(in: .whitespaces) == "---" else {
      throw fail(
        1, 1, "a template must start with a \"---\" front matter block holding at least \"title:\"")
    }
    guard
      let close = lines.indices.dropFirst().first(where: {
        lines[$0].trimmingCharacters(in: .whitespaces) == "---"
      })
    else { throw fail(1, 1, "the front matter block is not closed; add a line \"---\" after it") }
    var frontMatter = FrontMatter(title: "")
    var index = 1
    while index < close {
      let line = lines[index]
      let lineNumber = index + 1
      index += 1
      if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":"), !line.hasPrefix(" ") else {
        throw fail(lineNumber, 1, "expected \"key: value\" in the front matter")
      }
      let key = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      var value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      let valueColumn = line.distance(from: line.startIndex, to: colon) + 2
      var valueLocation = TemplateLocation(line: lineNumber, column: valueColumn + 1)
      if value == "|" {
        var block: [String] = []
        valueLocation = TemplateLocation(line: lineNumber + 1, column: 3)
        while index < close, lines[index].hasPrefix(" ") || lines[index].isEmpty {
          block.append(lines[index].trimmingCharacters(in: .whitespaces))
          index += 1
        }
        value = block.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
      } else if value.count >= 2, let first = value.first, first == "\"" || first == "'",
        value.last == first
      {
        value = String(value.dropFirst().dropLast())
      }
      switch key {
      case "title": frontMatter.title = value
      case "pages":
        frontMatter.pages = value
        frontMatter.pagesLocation = valueLocation
      case "output": frontMatter.output = value
      case "schedule":
        frontMatter.schedule = value
        frontMatter.scheduleLocation = valueLocation
      case "timezone", "time_zone":
        frontMatter.timeZone = value
        frontMatter.timeZoneLocation = valueLocation
      case "description": frontMatter.description = value
      case "listed":
        guard value == "true" || value == "false" else {
          throw fail(lineNumber, valueColumn + 1, "\"listed:\" must be true or false")
        }
        frontMatter.listed = value == "true"
      default:
        throw fail(
          lineNumber, 1,
          "unknown front matter key \"\(key)\"; known keys: title, description, pages, output, schedule, timezone, listed"
        )
      }
    }
    guard !frontMatter.title.isEmpty else {
      throw fail(1, 1, "the front matter needs a \"title:\"")
    }

    // MARK: SQL blocks
    var queries: [NamedQuery] = []
    var bodyLines: [String] = []
    index = close + 1
    while index < lines.count {
      let line = lines[index]
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```sql") {
        let name = trimmed.dropFirst(6).trimmingCharacters(in: .whitespaces)
        let startLine = index + 1
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
          !(name.first!.isNumber)
        else {
          throw fail(
            startLine, 7,
            "a SQL block needs a name made of letters, digits and _, as in ```sql trend")
        }
        if queries.contains(where: { $0.name == name }) {
          throw fail(
            startLine, 8,
            "a SQL block named \"\(name)\" is already defined; give each block its own name")
        }
        var sql: [String] = []
        bodyLines.append("")
        index += 1
        while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" {
          sql.append(lines[index])
          bodyLines.append("")
          index += 1
        }
        guard index < lines.count else {
          throw fail(
            startLine, 1, "the SQL block \"\(name)\" is not closed; add a line ``` after it")
        }
        bodyLines.append("")
        index += 1
        queries.append(
          NamedQuery(
            name: name, sql: sql.joined(separator: "\n"),
            location: TemplateLocation(line: startLine + 1, column: 1)))
        continue
      }
      bodyLines.append(line)
      index += 1
    }

    // MARK: Body
    var lexer = TemplateLexer(file: file, firstLine: close + 2)
    let body = try lexer.parse(bodyLines.joined(separator: "\n"))
    var titleLexer = TemplateLexer(file: file, firstLine: 2)
    let title = try titleLexer.parse(frontMatter.title)
    var outputTemplate: [TemplateNode]?
    if let output = frontMatter.output {
      var outputLexer = TemplateLexer(file: file, firstLine: 2)
      outputTemplate = try outputLexer.parse(output)
    }
    return Template(
      name: name, file: file, frontMatter: frontMatter, queries: queries, body: body,
      titleTemplate: title, outputTemplate: outputTemplate)
  }
}
