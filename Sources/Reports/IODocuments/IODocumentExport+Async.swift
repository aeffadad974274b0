import Foundation
import GRDB
import Store

extension IODocumentExport {
  /// How often the async export renders again when a concurrent export took the planned revision.
  static let attempts = 3

  /// ``run(store:request:)`` for async callers (the server, the CLI's async commands): the database
  /// is read and written through GRDB's async API and WeasyPrint is awaited, so no thread waits.
  ///
  /// The export is staged instead of holding the writer while a PDF prints: one read assembles
  /// the document, plans its revision (``IODocumentRecords/planned(after:sha256:at:)``), checks
  /// and renders it, writing Markdown or HTML to a temporary file; a PDF is then printed to a
  /// temporary file; finally one immediate transaction issues the revision and moves the file into
  /// place. When another export took the planned revision meanwhile, the transaction is rolled
  /// back and the export staged again. As with the synchronous export, a failure leaves neither a
  /// file nor a record.
  public static func runAsync(store: CuesheetStore, request: Request) async throws -> Result {
    if request.format == .pdf, let refusal = request.pdfRefusal {
      throw IODocumentError.pdfDisabled(reason: refusal)
    }
    for _ in 0..<attempts {
      let staged = try await store.writer.read { db in try Staged(db, store: store, request) }
      defer { try? FileManager.default.removeItem(at: staged.temporary) }
      if request.format == .pdf {
        try await writing(to: staged.file) {
          try await request.pdfConverter.convertAsync(
            html: staged.output.html, to: staged.temporary.path,
            attachments: [(IOCanonical.attachmentName, staged.output.canonicalText)])
        }
      }
      guard let plan = staged.plan else {
        try writing(to: staged.file) { try moveIntoPlace(staged.temporary, path: staged.file) }
        return staged.result(request, record: nil, recorded: false)
      }
      let document = staged.document
      let issue: IODocumentRecords.Issue? = try await store.writer.writeWithoutTransaction { db in
        var issued: IODocumentRecords.Issue?
        try db.inTransaction(.immediate) {
          let issue = try IODocumentRecords.issue(
            db, scope: document.scope.kind, scopeID: document.scope.id,
            campaignID: document.campaignID, sha256: document.contentSHA256!,
            content: staged.output.canonicalText, format: request.format.rawValue, at: request.now)
          guard issue.record.revision == plan.revision, issue.record.issuedAt == plan.issuedAt
          else { return .rollback }
          try writing(to: staged.file) { try moveIntoPlace(staged.temporary, path: staged.file) }
          issued = issue
          return .commit
        }
        return issued
      }
      if let issue { return staged.result(request, record: issue.record, recorded: issue.recorded) }
    }
    throw IODocumentError.changedWhileExporting(scope: request.scope.id, attempts: attempts)
  }

  /// `writing(to:_:)` for an async body.
  static func writing<T>(to path: String, _ body: () async throws -> T) async throws -> T {
    do {
      return try await body()
    } catch {
      throw writeFailure(error, path: path)
    }
  }

  /// A document assembled, planned, checked and rendered in one read, its Markdown or HTML
  /// already in ``temporary``.
  struct Staged: Sendable {
    var document: IODocument
    var warnings: [IODocumentWarning]
    var output: IODocumentRenderer.Output
    /// The planned revision and issue time (`nil` for a draft, which is not issued).
    var plan: (revision: Int, issuedAt: String)?
    var file: String
    var temporary: URL

    init(_ db: Database, store: CuesheetStore, _ request: Request) throws {
      let terms = try IOTerms.load(
        path: request.termsPath
          ?? (request.reportsDirectory as NSString).appendingPathComponent("io-terms.json"))
      var document = try IODocumentAssembler(
        store: store, terms: terms, allowDraft: request.allowDraft
      ).assemble(request.scope, issuedAt: request.now, in: db)
      let renderer = try IODocumentRenderer(
        store: store,
        templatePath: request.templatePath
          ?? (request.reportsDirectory as NSString).appendingPathComponent(request.style.fileName),
        style: request.style)
      document.contentSHA256 = IOCanonical.sha256(document.canonicalText)
      if !document.isDraft {
        let latest = try IODocumentRecords.latest(
          db, scope: document.scope.kind, scopeID: document.scope.id)
        let plan = IODocumentRecords.planned(
          after: latest, sha256: document.contentSHA256!, at: request.now)
        document.revision = plan.revision
        document.issueDate = String(plan.issuedAt.prefix(10))
        document.signBy = document.terms.signByDays.map {
          IODocumentAssembler.day(document.issueDate, minus: -$0)
        }
        self.plan = plan
      }
      warnings = IODocumentWarning.check(document, today: Day(request.now))
      if request.strict && !warnings.isEmpty { throw IODocumentError.warnings(warnings) }
      output = try renderer.render(document, options: request.buildOptions)
      file = request.output(output.baseName)
      temporary = try IODocumentExport.temporaryFile(for: file)
      if request.format != .pdf {
        let (output, format, temporary) = (output, request.format, temporary)
        try writing(to: file) { try writeText(output, format: format, to: temporary) }
      }
      self.document = document
    }

    func result(_ request: Request, record: IODocumentRecord?, recorded: Bool) -> Result {
      Result(
        document: document, warnings: warnings, file: file, template: request.style,
        record: record, recorded: recorded)
    }
  }
}
