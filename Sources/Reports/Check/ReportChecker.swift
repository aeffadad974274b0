import Foundation
import GRDB
import Store

/// One mistake found by ``ReportChecker``, at a file, line and column.
public struct ReportProblem: Sendable, Codable, Equatable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, location: TemplateLocation, message: String) {
    self.file = file
    self.line = location.line
    self.column = location.column
    self.message = message
  }

  /// `reports/ops.md:12:5: unknown column "downloadz" …`
  public var description: String { "\(file):\(line):\(column): \(message)" }
}

/// What `reports check` found for one template.
public struct ReportCheck: Sendable, Codable, Equatable {
  public var name: String
  public var file: String
  public var problems: [ReportProblem]
}

/// Checks report templates without building them, so a mistake is caught before cron runs it.
///
/// For each template it checks the front matter (`schedule:` and `timezone:` parse; `pages:` SQL
/// prepares), every SQL block (prepares against the database, uses only page parameters as
/// `:name`), and every template expression and component: names in scope (page parameters, SQL
/// block names, loop variables, `today`, `built_at`, `page`), columns of SQL block rows
/// (`trend[0].downloads`, `row.downloads` in `{% for row in trend %}`), and the columns a table or
/// chart names. Statements are only prepared, never run.
///
/// Templates without a `pages:` query that are not listed (such as the IO document, rendered with
/// parameters computed by the caller) have an open scope: unknown names there are not reported.
public struct ReportChecker {
  let store: CuesheetStore
  let templatesDirectory: String

  public init(store: CuesheetStore, templatesDirectory: String) {
    self.store = store
    self.templatesDirectory = templatesDirectory
  }

  /// Checks the named templates, or every template when `names` is empty (only the listed ones,
  /// those `reports build` builds without names, when `listedOnly` is set; a template that cannot
  /// be parsed is always checked).
  public func check(names: [String] = [], listedOnly: Bool = false) throws -> [ReportCheck] {
    let builder = ReportBuilder(store: store, templatesDirectory: templatesDirectory)
    let known = try builder.templateNames()
    for name in names where !known.contains(name) {
      throw ReportError.unknownReport(name: name, directory: templatesDirectory, known: known)
    }
    let queue = try store.openReadOnlyReader()
    return (names.isEmpty ? known : names).map { name in
      let file = builder.path(of: name)
      do {
        let template = try TemplateParser().parse(contentsOf: file)
        if names.isEmpty, listedOnly, !template.frontMatter.listed {
          return ReportCheck(name: name, file: file, problems: [])
        }
        return ReportCheck(name: name, file: file, problems: check(template, queue: queue))
      } catch let error as ReportError {
        return ReportCheck(name: name, file: file, problems: [Self.problem(error, file: file)])
      } catch {
        return ReportCheck(
          name: name, file: file,
          problems: [
            ReportProblem(
              file: file, location: TemplateLocation(line: 1, column: 1), message: "\(error)")
          ])
      }
    }
  }

  /// The problems in one parsed template.
  func check(_ template: Template, queue: DatabaseQueue) -> [ReportProblem] {
    var problems: [ReportProblem] = []
    func add(_ location: TemplateLocation, _ message: String) {
      problems.append(ReportProblem(file: template.file, location: location, message: message))
    }
    let frontMatter = template.frontMatter
    if let text = frontMatter.schedule {
      do {
        _ = try CronSchedule(text, timeZone: frontMatter.timeZone)
      } catch let error as CronError {
        add(Self.location(of: error, in: frontMatter), "bad schedule: \(error.description)")
      } catch {
        add(frontMatter.scheduleLocation ?? TemplateLocation(line: 2, column: 1), "\(error)")
      }
    } else if let zone = frontMatter.timeZone, TimeZone(identifier: zone) == nil {
      add(
        frontMatter.timeZoneLocation ?? TemplateLocation(line: 2, column: 1),
        "unknown time zone \"\(zone)\"; use an IANA name such as Europe/Berlin or UTC")
    }

    let open = frontMatter.pages == nil && !frontMatter.listed
    var parameters: [String] = ["today", "built_at"]
    var scope = TemplateScope(open: open)
    scope.names["today"] = .scalar
    scope.names["built_at"] = .scalar
    if let pages = frontMatter.pages, let location = frontMatter.pagesLocation {
      if let columns = prepare(
        pages, name: "pages", at: location, parameters: parameters, queue: queue, add)
      {
        parameters += columns
        for column in columns { scope.names[column] = .scalar }
        scope.names["page"] = .row(query: "pages", columns: columns)
      } else {
        scope.open = true
      }
    } else {
      scope.names["page"] = .row(query: "pages", columns: [])
    }
    for query in template.queries {
      if let columns = prepare(
        query.sql, name: query.name, at: query.location, parameters: open ? nil : parameters,
        queue: queue, add)
      {
        scope.names[query.name] = .rows(query: query.name, columns: columns)
      } else {
        scope.names[query.name] = .unknown
      }
    }
    var expressions = TemplateExpressionChecker(file: template.file)
    expressions.check(template.titleTemplate, scope: scope)
    if let output = template.outputTemplate { expressions.check(output, scope: scope) }
    expressions.check(template.body, scope: scope)
    problems += expressions.problems
    return problems
  }

  /// Prepares `sql` and returns its columns, or `nil` after reporting why it cannot be prepared.
  /// `parameters` (when given) are the `:name` parameters the statement may use.
  private func prepare(
    _ sql: String, name: String, at location: TemplateLocation, parameters: [String]?,
    queue: DatabaseQueue, _ add: (TemplateLocation, String) -> Void
  ) -> [String]? {
    if let parameters {
      for (parameter, offset) in Self.namedParameters(in: sql) where !parameters.contains(parameter)
      {
        add(
          Self.location(of: offset, in: sql, from: location),
          "SQL block \"\(name)\" uses the parameter :\(parameter), which is not a page parameter"
            + NameSuggestion.hint(parameter, among: parameters))
      }
    }
    do {
      return try queue.read { db in try db.makeStatement(sql: sql).columnNames }
    } catch let error as DatabaseError {
      add(
        location,
        "SQL block \"\(name)\" cannot be prepared: \(error.message ?? "SQLite error \(error.resultCode)")"
      )
    } catch {
      add(location, "SQL block \"\(name)\" cannot be prepared: \(error)")
    }
    return nil
  }

  /// `:name` parameters outside quotes and comments, with their character offsets.
  static func namedParameters(in sql: String) -> [(String, Int)] {
    let characters = Array(sql)
    var found: [(String, Int)] = []
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if character == "'" || character == "\"" {
        index += 1
        while index < characters.count, characters[index] != character { index += 1 }
        index += 1
        continue
      }
      if character == "-", index + 1 < characters.count, characters[index + 1] == "-" {
        while index < characters.count, characters[index] != "\n" { index += 1 }
        continue
      }
      if character == ":" || character == "@" || character == "$", index + 1 < characters.count,
        characters[index + 1].isLetter || characters[index + 1] == "_",
        index == 0 || characters[index - 1] != ":"
      {
        var end = index + 1
        while end < characters.count,
          characters[end].isLetter || characters[end].isNumber
            || characters[end] == "_"
        {
          end += 1
        }
        found.append((String(characters[(index + 1)..<end]), index))
        index = end
        continue
      }
      index += 1
    }
    return found
  }

  /// The template location of a character offset in a SQL block starting at `start`.
  static func location(of offset: Int, in sql: String, from start: TemplateLocation)
    -> TemplateLocation
  {
    let before = sql.prefix(offset)
    let lines = before.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count > 1 else {
      return TemplateLocation(line: start.line, column: start.column + offset)
    }
    return TemplateLocation(line: start.line + lines.count - 1, column: lines.last!.count + 1)
  }

  /// Where a schedule error is: the `timezone:` value when the zone named there is unknown,
  /// else the `schedule:` value.
  static func location(of error: CronError, in frontMatter: FrontMatter) -> TemplateLocation {
    let zoneIsWrong =
      error.description.hasPrefix("unknown time zone")
      && (frontMatter.schedule ?? "").split(whereSeparator: \.isWhitespace).count == 5
    return (zoneIsWrong ? frontMatter.timeZoneLocation : nil) ?? frontMatter.scheduleLocation
      ?? TemplateLocation(line: 2, column: 1)
  }

  static func problem(_ error: ReportError, file: String) -> ReportProblem {
    switch error {
    case .template(let file, let location, let message):
      return ReportProblem(file: file, location: location, message: message)
    case .query(let file, let location, let query, let message):
      return ReportProblem(
        file: file, location: location, message: "query \"\(query)\" failed: \(message)")
    default:
      return ReportProblem(
        file: file, location: TemplateLocation(line: 1, column: 1), message: error.description)
    }
  }
}
