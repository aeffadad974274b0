import Foundation
import GRDB
import Store

/// Builds reports: runs each template's SQL on a read-only connection, renders every page to
/// Markdown and/or HTML, writes an index, and publishes the whole output atomically.
///
/// ```swift
/// let builder = try ReportBuilder(store: store, templatesDirectory: "reports")
/// let summary = try builder.build(names: [], into: "out", options: BuildOptions())
/// ```
public final class ReportBuilder {
  public let templatesDirectory: String
  let store: CuesheetStore

  public init(store: CuesheetStore, templatesDirectory: String) {
    self.store = store
    self.templatesDirectory = templatesDirectory
  }

  // MARK: - Templates

  /// The names of the templates in the directory (`*.md`), sorted.
  public func templateNames() throws -> [String] {
    let files: [String]
    do {
      files = try FileManager.default.contentsOfDirectory(atPath: templatesDirectory)
    } catch {
      throw ReportError.io(path: templatesDirectory, message: "cannot list the templates directory")
    }
    return files.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.map { String($0.dropLast(3)) }
      .sorted()
  }

  /// Parses the named templates, or every listed template when `names` is empty.
  public func loadTemplates(_ names: [String]) throws -> [Template] {
    let known = try templateNames()
    let parser = TemplateParser()
    if names.isEmpty {
      return try known.map { try parser.parse(contentsOf: path(of: $0)) }.filter(
        \.frontMatter.listed)
    }
    return try names.map { name in
      guard known.contains(name) else {
        throw ReportError.unknownReport(name: name, directory: templatesDirectory, known: known)
      }
      return try parser.parse(contentsOf: path(of: name))
    }
  }

  func path(of name: String) -> String {
    (templatesDirectory as NSString).appendingPathComponent(name + ".md")
  }

  // MARK: - Build

  /// Builds `names` (all listed templates when empty) into `out`, atomically.
  public func build(names: [String], into out: String, options: BuildOptions) throws -> BuildSummary
  {
    try build(templates: try loadTemplates(names), into: out, options: options)
  }

  /// Builds the given templates into `out`; other reports already in `out` are kept.
  public func build(templates: [Template], into out: String, options: BuildOptions) throws
    -> BuildSummary
  {
    let clock = ContinuousClock()
    let start = clock.now
    let runner = try QueryRunner(
      store: store, rowLimit: options.rowLimit, timeLimit: options.timeLimit)
    let provenance = try self.provenance(runner, builtAt: options.builtAt)
    return try AtomicPublisher.withLock(target: out) {
      try publish(
        templates: templates, into: out, runner: runner, provenance: provenance, options: options,
        start: start)
    }
  }

  private func publish(
    templates: [Template], into out: String, runner: QueryRunner, provenance: Provenance,
    options: BuildOptions, start: ContinuousClock.Instant
  ) throws -> BuildSummary {
    let clock = ContinuousClock()
    let publisher = try AtomicPublisher(target: out)
    do {
      var manifest = Manifest.read(from: publisher.target)
      var warnings: [String] = []
      var summaries: [BuildSummary.ReportSummary] = []
      var files = 0
      for template in templates {
        let pages = try renderPages(
          template, runner: runner, provenance: provenance, options: options)
        if pages.isEmpty {
          warnings.append(
            "\(template.file): the pages query returned no rows, so the report has no pages")
        }
        for page in pages {
          for format in options.formats {
            switch format {
            case .md:
              let output = MarkdownRenderer().render(page.document, baseName: page.file)
              try publisher.write(output.markdown, to: "\(template.name)/\(page.file).md")
              for file in output.files {
                try publisher.write(file.contents, to: "\(template.name)/\(file.name)")
              }
              files += 1 + output.files.count
            case .html:
              try publisher.write(
                HTMLRenderer().render(page.document, baseName: page.file),
                to: "\(template.name)/\(page.file).html")
              files += 1
            }
          }
          for csv in TableCSV.files(for: page.document, baseName: page.file) {
            try publisher.write(csv.contents, to: "\(template.name)/\(csv.name)")
            files += 1
          }
        }
        manifest.reports.removeAll { $0.name == template.name }
        manifest.reports.append(
          Manifest.Report(
            name: template.name,
            title: template.familyTitle,
            description: template.frontMatter.description ?? "",
            pages: pages.map { Manifest.Page(title: $0.document.title, file: $0.file) }))
        summaries.append(
          .init(name: template.name, title: template.frontMatter.title, pages: pages.count))
      }
      if options.strict && !warnings.isEmpty { throw ReportError.warnings(warnings) }
      manifest.reports.sort { $0.name < $1.name }
      for report in manifest.reports where !templates.contains(where: { $0.name == report.name }) {
        try publisher.carryOver(report.name)
      }
      let index = manifest.indexDocument(
        provenance: provenance,
        figures: try HeadlineFigures.read(runner, parameters: Self.baseParameters(options)))
      for format in options.formats {
        switch format {
        case .md:
          try publisher.write(
            MarkdownRenderer().render(index, baseName: "index").markdown, to: "index.md")
        case .html: try publisher.write(HTMLRenderer().render(index), to: "index.html")
        }
      }
      try publisher.write(try manifest.json(), to: Manifest.fileName)
      try publisher.commit()
      let elapsed = clock.now - start
      return BuildSummary(
        out: out, reports: summaries, pages: summaries.reduce(0) { $0 + $1.pages }, files: files,
        warnings: warnings,
        durationMs: Int(
          elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        ))
    } catch {
      publisher.abandon()
      throw error
    }
  }

  /// One rendered page and its file name (without extension).
  public struct Page: Sendable {
    public var document: Document
    public var file: String
  }

  /// Renders every page of `template` (one per row of its `pages:` query, or one page).
  public func renderPages(_ template: Template, options: BuildOptions = BuildOptions()) throws
    -> [Page]
  {
    let runner = try QueryRunner(
      store: store, rowLimit: options.rowLimit, timeLimit: options.timeLimit)
    return try renderPages(
      template, runner: runner, provenance: try provenance(runner, builtAt: options.builtAt),
      options: options)
  }

  /// Renders one page of `template` with the given page parameters instead of its `pages:` query
  /// (for documents such as an IO, rendered for one id).
  public func renderPage(
    _ template: Template, parameters: TemplateRecord, options: BuildOptions = BuildOptions()
  ) throws -> Page {
    let runner = try QueryRunner(
      store: store, rowLimit: options.rowLimit, timeLimit: options.timeLimit)
    let provenance = try provenance(runner, builtAt: options.builtAt)
    return try renderPage(
      template, row: parameters, number: 0, runner: runner, provenance: provenance, options: options
    )
  }

  func renderPages(
    _ template: Template, runner: QueryRunner, provenance: Provenance, options: BuildOptions
  ) throws -> [Page] {
    var pageRows: [TemplateRecord] = [TemplateRecord()]
    if let pagesSQL = template.frontMatter.pages {
      pageRows = try run(
        pagesSQL, name: "pages", location: template.frontMatter.pagesLocation!, template, runner,
        Self.baseParameters(options)
      ).rows
    }
    var pages: [Page] = []
    var used: Set<String> = []
    for (number, row) in pageRows.enumerated() {
      let page = try renderPage(
        template, row: row, number: number, runner: runner, provenance: provenance, options: options
      )
      guard used.insert(page.file).inserted else {
        throw ReportError.template(
          file: template.file, location: TemplateLocation(line: 2, column: 1),
          message:
            "two pages have the output name \"\(page.file)\"; make \"output:\" unique per page (use an id column)"
        )
      }
      pages.append(page)
    }
    return pages
  }

  static func baseParameters(_ options: BuildOptions) -> TemplateRecord {
    var base = TemplateRecord()
    base.set("today", .string(String(Timestamp.string(options.builtAt).prefix(10))))
    base.set("built_at", .string(Timestamp.string(options.builtAt)))
    return base
  }

  func renderPage(
    _ template: Template, row: TemplateRecord, number: Int, runner: QueryRunner,
    provenance: Provenance,
    options: BuildOptions
  ) throws -> Page {
    var parameters = Self.baseParameters(options)
    for (key, value) in zip(row.keys, row.values) { parameters.set(key, value) }
    var scope = parameters
    scope.set("page", .record(row))
    var results: [String: QueryResult] = [:]
    for query in template.queries {
      let result = try run(
        query.sql, name: query.name, location: query.location, template, runner, parameters)
      results[query.name] = result
      scope.set(query.name, .list(result.rows.map(TemplateValue.record)))
    }
    let title = try PageEvaluator.text(
      template.titleTemplate, template: template, scope: scope, escape: false)
    var file = template.frontMatter.pages == nil ? "index" : "page-\(number + 1)"
    if let output = template.outputTemplate {
      file = Self.sanitize(
        try PageEvaluator.text(output, template: template, scope: scope, escape: false))
    }
    var evaluator = PageEvaluator(template: template, results: results)
    let blocks = try evaluator.run(scope: scope)
    let reportTitle = template.familyTitle
    return Page(
      document: Document(
        title: title, blocks: blocks, provenance: provenance, reportTitle: reportTitle,
        indexLink: "../index"),
      file: file)
  }

  private func run(
    _ sql: String, name: String, location: TemplateLocation, _ template: Template,
    _ runner: QueryRunner,
    _ parameters: TemplateRecord
  ) throws -> QueryResult {
    do {
      return try runner.run(sql, parameters: parameters)
    } catch {
      throw ReportError.query(
        file: template.file, location: location, query: name, message: error.message)
    }
  }

  /// Keeps `[A-Za-z0-9._-]`, replacing anything else with `-`; never empty, never hidden.
  static func sanitize(_ name: String) -> String {
    var out = String(
      name.map {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") ? $0 : "-"
      })
    while out.hasPrefix(".") { out.removeFirst() }
    return out.isEmpty ? "page" : String(out.prefix(120))
  }

  /// The build time and the data it came from: the newest completed import and the metrics day range.
  func provenance(_ runner: QueryRunner, builtAt: Date) throws -> Provenance {
    let facts = try runner.queue.read { db -> (Int64?, String?, String?) in
      let importID = try Int64.fetchOne(
        db, sql: "SELECT max(import_id) FROM imports WHERE status = 'completed'")
      // Two subqueries, so each uses the (day, …) index instead of scanning the table.
      let range = try Row.fetchOne(
        db, sql: "SELECT (SELECT min(day) FROM metrics_daily), (SELECT max(day) FROM metrics_daily)"
      )
      return (importID, range?[0], range?[1])
    }
    return Provenance(
      builtAt: Timestamp.string(builtAt), latestImportID: facts.0, metricsFirstDay: facts.1,
      metricsLastDay: facts.2, database: (store.path as NSString).lastPathComponent)
  }
}
