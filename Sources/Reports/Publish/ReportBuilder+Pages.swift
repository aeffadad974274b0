import Foundation
import Store

/// A page whose queries ran: everything needed to fingerprint it and, if it changed, render it.
struct EvaluatedPage: Sendable {
  var number: Int
  /// The output name before cleaning (`{{ show_id }}`), or `index` / `page-N`.
  var rawName: String
  var title: String
  /// The fingerprint of the page's inputs (``PageHasher``).
  var hash: String
  var scope: TemplateRecord
  var results: [String: QueryResult]
  var provenance: Provenance

  /// Evaluates the template body into the page's document.
  func document(_ template: Template) throws(ReportError) -> Document {
    var evaluator = PageEvaluator(template: template, results: results)
    let blocks: [Block]
    do {
      blocks = try evaluator.run(scope: scope)
    } catch let error as ReportError {
      throw error
    } catch {
      throw ReportError.template(
        file: template.file, location: TemplateLocation(line: 1, column: 1),
        message: "\(error)")
    }
    let reportTitle = template.familyTitle
    return Document(
      title: title, blocks: blocks, provenance: provenance, reportTitle: reportTitle,
      indexLink: "../index")
  }
}

/// What building one report produced.
struct ReportOutput {
  var pages: [Manifest.Page] = []
  var warnings: [String] = []
  var failures: [String] = []
  var files = 0
  var built = 0
  var unchanged = 0
}

extension ReportBuilder {
  /// The page rows: one per row of the `pages:` query, or one empty row.
  func pageRows(_ template: Template, runner: QueryRunner, options: BuildOptions)
    throws(ReportError) -> [TemplateRecord]
  {
    guard let pagesSQL = template.frontMatter.pages else { return [TemplateRecord()] }
    return try run(
      pagesSQL, name: "pages", location: template.frontMatter.pagesLocation!, template, runner,
      Self.baseParameters(options)
    ).rows
  }

  /// The page's parameters: `:today`, `:built_at` and its page row's columns.
  func pageParameters(_ row: TemplateRecord, options: BuildOptions) -> TemplateRecord {
    var parameters = Self.baseParameters(options)
    for (key, value) in zip(row.keys, row.values) { parameters.set(key, value) }
    return parameters
  }

  /// Adds what every fingerprint of a page starts with: the renderer, the template, the formats,
  /// the provenance and the page's parameters (the build time only for templates that show it).
  private func addPrelude(
    _ hasher: inout PageHasher, parameters: TemplateRecord, provenance: Provenance,
    options: BuildOptions, source: String?
  ) {
    hasher.add(PageHasher.rendererIdentity)
    hasher.add(source ?? UUID().uuidString)
    hasher.add(options.formats.map(\.rawValue).joined(separator: ","))
    hasher.add(provenance.latestImportID ?? -1)
    hasher.add(provenance.metricsFirstDay ?? "")
    hasher.add(provenance.metricsLastDay ?? "")
    hasher.add(provenance.database)
    var hashed = parameters
    // The build time changes every build: it counts only for templates that show it.
    if source?.contains("built_at") == false { hashed.set("built_at", .null) }
    hasher.add(hashed)
  }

  /// The fingerprint of a page's inputs, known before its queries run: the prelude (template,
  /// parameters, …) and `data`, the marker of the tables the template's queries read
  /// (``dataMarker(_:runner:versions:)``). Never equal to a fingerprint of query results.
  func inputHash(
    row: TemplateRecord, provenance: Provenance, options: BuildOptions, source: String,
    data: String
  ) -> String {
    var hasher = PageHasher()
    hasher.add("inputs")
    addPrelude(
      &hasher, parameters: pageParameters(row, options: options), provenance: provenance,
      options: options, source: source)
    hasher.add(data)
    return hasher.hex
  }

  /// The marker of the data `template`'s queries read, or `nil` when its pages can only be
  /// fingerprinted by their query results: a query reads the clock or random numbers, reads a
  /// table without a marker, or does not prepare.
  func dataMarker(_ template: Template, runner: QueryRunner, versions: DataVersions?) -> String? {
    guard let versions else { return nil }
    var tables: Set<String> = []
    for query in template.queries {
      guard let found = runner.dependencies(of: query.sql), !found.volatile else { return nil }
      tables.formUnion(found.tables)
    }
    return versions.marker(of: tables)
  }

  /// Runs a page's queries and evaluates its title and output name.
  func evaluatePage(
    _ template: Template, row: TemplateRecord, number: Int, runner: QueryRunner,
    provenance: Provenance, options: BuildOptions, source: String? = nil
  ) throws(ReportError) -> EvaluatedPage {
    let parameters = pageParameters(row, options: options)
    var scope = parameters
    scope.set("page", .record(row))
    var results: [String: QueryResult] = [:]
    var hasher = PageHasher()
    addPrelude(
      &hasher, parameters: parameters, provenance: provenance, options: options, source: source)
    for query in template.queries {
      let result = try run(
        query.sql, name: query.name, location: query.location, template, runner, parameters)
      results[query.name] = result
      hasher.add(query.name)
      hasher.add(result)
      scope.set(query.name, .list(result.rows.map(TemplateValue.record)))
    }
    let title = try text(template.titleTemplate, template, scope)
    var name = template.frontMatter.pages == nil ? "index" : "page-\(number + 1)"
    if let output = template.outputTemplate { name = try text(output, template, scope) }
    return EvaluatedPage(
      number: number, rawName: name, title: title, hash: hasher.hex, scope: scope,
      results: results, provenance: provenance)
  }

  /// The output name of a page whose evaluation failed, from its page row alone, if it can be had.
  func nameWithoutQueries(
    _ template: Template, row: TemplateRecord, number: Int, options: BuildOptions
  )
    -> String?
  {
    guard let output = template.outputTemplate else {
      return template.frontMatter.pages == nil ? "index" : "page-\(number + 1)"
    }
    var scope = Self.baseParameters(options)
    for (key, value) in zip(row.keys, row.values) { scope.set(key, value) }
    scope.set("page", .record(row))
    return try? text(output, template, scope)
  }

  private func text(_ nodes: [TemplateNode], _ template: Template, _ scope: TemplateRecord)
    throws(ReportError) -> String
  {
    do {
      return try PageEvaluator.text(nodes, template: template, scope: scope, escape: false)
    } catch let error as ReportError {
      throw error
    } catch {
      throw ReportError.template(
        file: template.file, location: TemplateLocation(line: 1, column: 1), message: "\(error)")
    }
  }

  func run(
    _ sql: String, name: String, location: TemplateLocation, _ template: Template,
    _ runner: QueryRunner, _ parameters: TemplateRecord
  ) throws(ReportError) -> QueryResult {
    do {
      return try runner.run(sql, parameters: parameters)
    } catch {
      throw ReportError.query(
        file: template.file, location: location, query: name, message: error.message)
    }
  }

  // MARK: - One report

  /// Evaluates, names, renders (or keeps) and writes every page of `template` into the staging
  /// directory. Throws only when the report as a whole cannot be built (its `pages:` query failed).
  ///
  /// A page is kept without running its queries when its inputs (``inputHash(row:provenance:options:source:data:)``:
  /// the template, its page row, the build's parameters and the markers of the tables its queries
  /// read, from `versions`) are those of the previous build; that needs every page's output name
  /// from its page row alone. Otherwise its queries run, and it is still kept when their results
  /// are those of the previous build.
  func buildReport(
    _ template: Template, prior: Manifest.Report?, publisher: AtomicPublisher,
    runners: RunnerPool, provenance: Provenance, options: BuildOptions, versions: DataVersions?
  ) throws(ReportError) -> ReportOutput {
    var output = ReportOutput()
    let rows = try pageRows(template, runner: runners.first, options: options)
    if rows.isEmpty {
      output.warnings.append(
        "\(template.file): the pages query returned no rows, so the report has no pages")
      return output
    }
    let source = try? String(contentsOfFile: template.file, encoding: .utf8)
    let early = namesBeforeQueries(template, rows: rows, options: options)
    let data = early == nil ? nil : dataMarker(template, runner: runners.first, versions: versions)
    let inputs: [String?] = rows.map { row in
      guard let source, let data else { return nil }
      return inputHash(
        row: row, provenance: provenance, options: options, source: source, data: data)
    }
    // Pages named by their rows are evaluated when they are written (and only if they changed);
    // the others now, to be named by their output.
    let evaluated: [Result<EvaluatedPage, ReportError>]? =
      early != nil
      ? nil
      : runners.map(count: rows.count) { number, runner in
        Result { () throws(ReportError) -> EvaluatedPage in
          try self.evaluatePage(
            template, row: rows[number], number: number, runner: runner, provenance: provenance,
            options: options, source: source)
        }
      }
    // Names: evaluated pages by their output, failed pages by what their row alone gives (so they
    // can keep their previous files); a failed page without a name is left out.
    var raw: [String] = []
    var owners: [Int] = []
    for number in rows.indices {
      if let early {
        raw.append(early[number])
        owners.append(number)
      } else if case .success(let page) = evaluated?[number] {
        raw.append(page.rawName)
        owners.append(number)
      } else if let name = nameWithoutQueries(
        template, row: rows[number], number: number, options: options)
      {
        raw.append(name)
        owners.append(number)
      }
    }
    let naming = PageNames(raw: raw, file: template.file)
    output.warnings += naming.warnings
    var assigned = [String?](repeating: nil, count: rows.count)
    for (position, number) in owners.enumerated() { assigned[number] = naming.names[position] }
    let names = assigned

    let priorPages = Dictionary(
      (prior?.pages ?? []).map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
    publisher.makeDirectory(template.name)
    let written = runners.map(count: rows.count) { number, runner -> PageWrite in
      let name = names[number]
      let old = name.flatMap { priorPages[$0] }
      if options.incremental, let name, let old, let inputs = inputs[number],
        old.inputs == inputs, let files = old.files,
        publisher.keep(files.map { "\(template.name)/\($0)" })
      {
        return .unchanged(
          Manifest.Page(title: old.title, file: name, hash: old.hash, files: files, inputs: inputs))
      }
      let result =
        evaluated?[number]
        ?? Result { () throws(ReportError) -> EvaluatedPage in
          try self.evaluatePage(
            template, row: rows[number], number: number, runner: runner, provenance: provenance,
            options: options, source: source)
        }
      switch result {
      case .failure(let error):
        return .failed(error.description, name: name)
      case .success(let page):
        guard let name else { return .failed("no output name", name: nil) }
        let made = { (files: [String]) in
          Manifest.Page(
            title: page.title, file: name, hash: page.hash, files: files, inputs: inputs[number])
        }
        if options.incremental, let old, old.hash == page.hash, let files = old.files,
          publisher.keep(files.map { "\(template.name)/\($0)" })
        {
          return .unchanged(made(files))
        }
        do {
          return .built(
            made(try self.write(page, template: template, file: name, publisher, options)))
        } catch let error as ReportError {
          return .failed(error.description, name: name)
        } catch {
          return .failed("\(error)", name: name)
        }
      }
    }
    for (number, write) in written.enumerated() {
      switch write {
      case .built(let page):
        output.pages.append(page)
        output.built += 1
        output.files += page.files?.count ?? 0
      case .unchanged(let page):
        output.pages.append(page)
        output.unchanged += 1
        output.files += page.files?.count ?? 0
      case .failed(let message, let name):
        let label = rows.count > 1 ? " (page \(number + 1)\(name.map { " \"\($0)\"" } ?? ""))" : ""
        output.failures.append(message + label)
        // The page keeps its last good version, if it had one.
        if let name, let old = priorPages[name] {
          let files = old.files ?? [name + ".md", name + ".html"]
          if publisher.keep(files.map { "\(template.name)/\($0)" }, partial: true) {
            output.pages.append(old)
          }
        }
      }
    }
    return output
  }

  /// Every page's output name from its page row alone, when that is certain to be the name its
  /// evaluation gives: the output template must not read a query (each query's name shadows a
  /// page parameter of the same name), and must evaluate for every row. `nil` otherwise.
  func namesBeforeQueries(_ template: Template, rows: [TemplateRecord], options: BuildOptions)
    -> [String]?
  {
    let queries = Set(template.queries.map(\.name))
    var names: [String] = []
    for (number, row) in rows.enumerated() {
      let known = Set(row.keys).union(["page", "today", "built_at"])
      guard known.isDisjoint(with: queries),
        let name = nameWithoutQueries(template, row: row, number: number, options: options)
      else { return nil }
      names.append(name)
    }
    return names
  }

  private enum PageWrite: Sendable {
    case built(Manifest.Page)
    case unchanged(Manifest.Page)
    case failed(String, name: String?)
  }

  /// Renders a page in every format and writes its files; returns their names (relative to the
  /// report's directory). Charts are drawn once and shared by the Markdown and HTML outputs.
  private func write(
    _ page: EvaluatedPage, template: Template, file: String, _ publisher: AtomicPublisher,
    _ options: BuildOptions
  ) throws -> [String] {
    let document = try page.document(template)
    var svgs: [String: String] = [:]
    for block in document.blocks {
      if case .chart(let chart) = block, svgs[chart.id] == nil {
        svgs[chart.id] = ChartSVG.svg(chart)
      }
    }
    let drawn = svgs
    let chartSVG: @Sendable (Chart) -> String = { drawn[$0.id] ?? ChartSVG.svg($0) }
    var files: [String] = []
    for format in options.formats {
      switch format {
      case .md:
        var renderer = MarkdownRenderer()
        renderer.chartSVG = chartSVG
        let output = renderer.render(document, baseName: file)
        try publisher.write(output.markdown, to: "\(template.name)/\(file).md")
        files.append("\(file).md")
        for chart in output.files {
          try publisher.write(chart.contents, to: "\(template.name)/\(chart.name)")
          files.append(chart.name)
        }
      case .html:
        var renderer = HTMLRenderer()
        renderer.chartSVG = chartSVG
        try publisher.write(
          renderer.render(document, baseName: file), to: "\(template.name)/\(file).html")
        files.append("\(file).html")
      }
    }
    for csv in TableCSV.files(for: document, baseName: file) {
      try publisher.write(csv.contents, to: "\(template.name)/\(csv.name)")
      files.append(csv.name)
    }
    return files
  }
}
