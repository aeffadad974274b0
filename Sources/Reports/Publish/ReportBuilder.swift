import Foundation
import GRDB
import Store

/// Builds reports: runs each template's SQL on read-only connections, renders every page to
/// Markdown and/or HTML, writes an index, and publishes the whole output atomically.
///
/// ```swift
/// let builder = try ReportBuilder(store: store, templatesDirectory: "reports")
/// let summary = try builder.build(names: [], into: "out", options: BuildOptions())
/// ```
///
/// Pages are evaluated on ``BuildOptions/workers`` threads, each with its own confined read-only
/// connection whose prepared statements are reused for every page; the output does not depend on
/// the number of workers. A page whose inputs did not change since the previous build keeps its
/// files (``BuildOptions/incremental``). A page that fails keeps its previous files, the other
/// pages are published, and the build then throws ``ReportError/pagesFailed(_:summary:)``.
public final class ReportBuilder: @unchecked Sendable {
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
    // The markers first: a change committed after this read is seen by the next build even if
    // this build's queries already read it.
    let versions = try? store.writer.read { db in try DataVersions.read(db) }
    let runners = try RunnerPool(store: store, options: options)
    let provenance = try self.provenance(runners.first, builtAt: options.builtAt)
    let summary = try AtomicPublisher.withLock(target: out) {
      try publish(
        templates: templates, into: out, runners: runners, provenance: provenance,
        options: options, versions: versions, start: start)
    }
    if !summary.failures.isEmpty {
      throw ReportError.pagesFailed(summary.failures, summary: summary)
    }
    return summary
  }

  private func publish(
    templates: [Template], into out: String, runners: RunnerPool, provenance: Provenance,
    options: BuildOptions, versions: DataVersions?, start: ContinuousClock.Instant
  ) throws -> BuildSummary {
    let clock = ContinuousClock()
    let publisher = try AtomicPublisher(target: out)
    do {
      let previous = Manifest.read(from: publisher.target)
      var manifest = previous
      var warnings: [String] = []
      var failures: [String] = []
      var summaries: [BuildSummary.ReportSummary] = []
      var counts = (files: 0, built: 0, unchanged: 0)
      for template in templates {
        let prior = previous.reports.first { $0.name == template.name }
        let outcome = Result { () throws(ReportError) -> ReportOutput in
          try buildReport(
            template, prior: prior, publisher: publisher, runners: runners,
            provenance: provenance, options: options, versions: versions)
        }
        guard case .success(let report) = outcome else {
          // The report as a whole failed (its pages query): keep its previous output.
          if case .failure(let error) = outcome { failures.append(error.description) }
          if prior != nil { try publisher.carryOver(template.name) }
          continue
        }
        warnings += report.warnings
        failures += report.failures
        counts.files += report.files
        counts.built += report.built
        counts.unchanged += report.unchanged
        manifest.reports.removeAll { $0.name == template.name }
        manifest.reports.append(
          Manifest.Report(
            name: template.name,
            title: template.familyTitle,
            description: template.frontMatter.description ?? "",
            pages: report.pages))
        summaries.append(
          .init(name: template.name, title: template.frontMatter.title, pages: report.pages.count))
      }
      if options.strict && !warnings.isEmpty { throw ReportError.warnings(warnings) }
      manifest.reports.sort { $0.name < $1.name }
      for report in manifest.reports where !templates.contains(where: { $0.name == report.name }) {
        try publisher.carryOver(report.name)
      }
      let headline = try HeadlineFigures.cached(
        previous.headline, runner: runners.first, parameters: Self.baseParameters(options),
        versions: versions)
      manifest.headline = headline
      let index = manifest.indexDocument(provenance: provenance, figures: headline.figures)
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
      var summary = BuildSummary(
        out: out, reports: summaries, pages: summaries.reduce(0) { $0 + $1.pages },
        files: counts.files, warnings: warnings,
        durationMs: Int(
          elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        ))
      summary.built = counts.built
      summary.unchanged = counts.unchanged
      summary.failures = failures
      return summary
    } catch {
      publisher.abandon()
      throw error
    }
  }

  // MARK: - Pages

  /// One rendered page and its file name (without extension).
  public struct Page: Sendable {
    public var document: Document
    public var file: String
    /// The page's output name before it was cleaned into a file name (the show id of a creator
    /// page, say); equal to ``file`` for single-page reports.
    public var name: String = ""
  }

  /// Renders every page of `template` (one per row of its `pages:` query, or one page).
  ///
  /// Throws the first page's failure: callers that show one page need every page to be right.
  public func renderPages(_ template: Template, options: BuildOptions = BuildOptions()) throws
    -> [Page]
  {
    try renderPageResults(template, options: options).map { try $0.get() }
  }

  /// Renders every page of `template`, each page's failure kept apart from the others' pages.
  ///
  /// A failed page carries the output name its page row gives (the show id, say) when there is
  /// one, so a caller can tell which page failed. Throws only when the `pages:` query fails.
  public func renderPageResults(_ template: Template, options: BuildOptions = BuildOptions())
    throws -> [PageResult]
  {
    let runners = try RunnerPool(store: store, options: options)
    let provenance = try provenance(runners.first, builtAt: options.builtAt)
    let rows = try pageRows(template, runner: runners.first, options: options)
    let evaluated = runners.map(count: rows.count) { number, runner in
      Result { () throws(ReportError) -> Page in
        let page = try self.evaluatePage(
          template, row: rows[number], number: number, runner: runner, provenance: provenance,
          options: options)
        return Page(document: try page.document(template), file: page.rawName, name: page.rawName)
      }
    }
    let raw = evaluated.enumerated().map { number, result in
      (try? result.get().name)
        ?? nameWithoutQueries(template, row: rows[number], number: number, options: options)
        ?? "page-\(number + 1)"
    }
    let names = PageNames(raw: raw, file: template.file).names
    return evaluated.enumerated().map { number, result in
      PageResult(
        name: raw[number], file: names[number],
        result: result.map { page in
          var page = page
          page.file = names[number]
          return page
        })
    }
  }

  /// One page's outcome in ``renderPageResults(_:options:)``.
  public struct PageResult: Sendable {
    /// The output name before cleaning, and the file name the page has.
    public var name: String
    public var file: String
    public var result: Result<Page, ReportError>

    public func get() throws -> Page { try result.get() }
  }

  /// Renders one page of `template` with the given page parameters instead of its `pages:` query
  /// (for documents such as an IO, rendered for one id).
  public func renderPage(
    _ template: Template, parameters: TemplateRecord, options: BuildOptions = BuildOptions()
  ) throws -> Page {
    let runner = try QueryRunner(store: store, options: options)
    let provenance = try provenance(runner, builtAt: options.builtAt)
    let page = try evaluatePage(
      template, row: parameters, number: 0, runner: runner, provenance: provenance,
      options: options)
    return Page(
      document: try page.document(template), file: PageNames.sanitize(page.rawName),
      name: page.rawName)
  }

  static func baseParameters(_ options: BuildOptions) -> TemplateRecord {
    var base = TemplateRecord()
    base.set("today", .string(String(Timestamp.string(options.builtAt).prefix(10))))
    base.set("built_at", .string(Timestamp.string(options.builtAt)))
    return base
  }

  /// Keeps `[A-Za-z0-9._-]`, replacing anything else with `-`; never empty, never hidden.
  static func sanitize(_ name: String) -> String { PageNames.sanitize(name) }

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
