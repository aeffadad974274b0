import Foundation
import Pipeline
import Reports
import Store

/// Exports an insertion-order document: `cuesheet io export`, `cuesheet demo` and
/// `GET /api/v1/io/{id}/document` all call this one implementation, which runs the Reports
/// module's ``IODocumentExport`` (assemble, check before issue, issue a revision, render, write).
///
/// The flags' decision (``IODocumentFlags``: `ENABLE_IO_PDF`, `IO_TEMPLATE`) picks the template and
/// may refuse a PDF. The template defaults to `io.md` or `io-modern.md` and the terms to
/// `io-terms.json` in the reports directory; the export time is ``BuildClock/now()`` (so
/// `CUESHEET_BUILD_TIME` fixes it everywhere).
///
/// ```swift
/// var request = ExportIODocument.Request(scope: .io("IO-1001"), format: .pdf)
/// request.output = { baseName in "out/\(baseName).pdf" }
/// let result = try await ExportIODocument(store: store).run(request)
/// print(result.document.revision!, result.warnings)
/// ```
public struct ExportIODocument: Sendable {
  /// The file formats an IO document is written in.
  public typealias Format = IODocumentExport.Format

  public struct Request: Sendable {
    /// One IO, or every exportable IO of a campaign.
    public var scope: IODocument.Scope
    public var format: Format
    /// Export drafts too, with the document marked DRAFT.
    public var allowDraft: Bool
    /// Refuse to issue when a check before issue warns.
    public var strict: Bool
    /// The directory holding the IO templates and `io-terms.json` (default `reports`).
    public var reportsDirectory: String
    /// A template other than the one `IO_TEMPLATE` picks in the reports directory.
    public var template: String?
    /// A terms file other than `<reportsDirectory>/io-terms.json`.
    public var terms: String?
    /// The flags' decision for the request's context.
    public var flags: IODocumentFlags
    /// The output path for the document's base name (`IO-1001`); default `<baseName>.<format>`.
    public var output: @Sendable (String) -> String
    /// Stops WeasyPrint after this many seconds (``PDFError`` then); `nil`: no limit.
    public var pdfTimeoutSeconds: Double?

    public init(
      scope: IODocument.Scope, format: Format = .md, allowDraft: Bool = false,
      strict: Bool = false, reportsDirectory: String = "reports", template: String? = nil,
      terms: String? = nil, flags: IODocumentFlags = .defaults("no flags evaluated")
    ) {
      self.scope = scope
      self.format = format
      self.allowDraft = allowDraft
      self.strict = strict
      self.reportsDirectory = reportsDirectory
      self.template = template
      self.terms = terms
      self.flags = flags
      output = { "\($0).\(format.rawValue)" }
    }
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Runs the export; throws ``IODocumentError`` (including a PDF refused by `ENABLE_IO_PDF` and
  /// `strict` warnings), ``PDFError`` or ``ReportError``. Nothing is written or recorded on error.
  public func run(_ request: Request) async throws -> IODocumentExport.Result {
    guard let style = IOTemplateStyle(rawValue: request.flags.template) else {
      throw IODocumentError.unknownTemplate(request.flags.template)
    }
    var export = IODocumentExport.Request(scope: request.scope, format: request.format)
    export.allowDraft = request.allowDraft
    export.strict = request.strict
    export.reportsDirectory = request.reportsDirectory
    export.templatePath = request.template
    export.termsPath = request.terms
    export.style = style
    export.pdfRefusal = request.flags.pdfAllowed ? nil : request.flags.pdfReason
    export.now = BuildClock.now()
    export.buildOptions.builtAt = export.now
    export.output = request.output
    export.pdfConverter.timeoutSeconds = request.pdfTimeoutSeconds
    return try await IODocumentExport.runAsync(store: store, request: export)
  }

  /// Whether PDF output is possible here (WeasyPrint installed).
  public static var canPrintPDF: Bool { PDFConverter().isAvailable }

  /// The first closed-won campaign (by id) with an IO that can be exported (scheduled, live or
  /// completed), for the demo; `nil` when there is none.
  public func firstExportableCampaign() async throws -> String? {
    try await Pipeline.readAsync(store) { db in
      let won = try DealService.list(db, .init(stage: .closedWon)).map(\.campaignID).sorted()
      let ios = try IOService.list(db)
      let exportable = Set(ios.filter { Self.isExportable($0.status) }.map(\.campaignID))
      return won.first { exportable.contains($0) }
    }
  }

  /// Whether an IO in this status appears on a document without `allowDraft`.
  public static func isExportable(_ status: IOStatus) -> Bool {
    status != .draft && status != .cancelled
  }
}
