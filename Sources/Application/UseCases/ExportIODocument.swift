import Foundation
import Pipeline
import Reports
import Store

/// Assembles and renders an insertion-order document: `cuesheet io export`, `cuesheet demo` and
/// `GET /api/v1/io/{id}/document` all call this one implementation.
///
/// The template and terms default to `io.md` and `io-terms.json` in the reports directory; the
/// issue date is ``BuildClock/now()`` (so `CUESHEET_BUILD_TIME` fixes it everywhere).
///
/// ```swift
/// let export = ExportIODocument(store: store)
/// let rendered = try await export.run(.init(scope: .io("IO-1001")))
/// try export.write(rendered.output, format: .pdf, to: "IO-1001.pdf")
/// ```
public struct ExportIODocument: Sendable {
  /// The file formats an IO document is written in.
  public enum Format: String, Sendable, CaseIterable {
    case md, html, pdf
  }

  public struct Request: Sendable {
    /// One IO, or every exportable IO of a campaign.
    public var scope: IODocument.Scope
    /// Export drafts too, with the document marked DRAFT.
    public var allowDraft: Bool
    /// The directory holding `io.md` and `io-terms.json` (default `reports`).
    public var reportsDirectory: String
    /// A template other than `<reportsDirectory>/io.md`.
    public var template: String?
    /// A terms file other than `<reportsDirectory>/io-terms.json`.
    public var terms: String?

    public init(
      scope: IODocument.Scope, allowDraft: Bool = false, reportsDirectory: String = "reports",
      template: String? = nil, terms: String? = nil
    ) {
      self.scope = scope
      self.allowDraft = allowDraft
      self.reportsDirectory = reportsDirectory
      self.template = template
      self.terms = terms
    }

    /// The template path in force.
    public var templatePath: String {
      template ?? (reportsDirectory as NSString).appendingPathComponent("io.md")
    }
    /// The terms path in force.
    public var termsPath: String {
      terms ?? (reportsDirectory as NSString).appendingPathComponent("io-terms.json")
    }
  }

  /// The assembled document and its rendering.
  public struct Rendered: Sendable {
    public let document: IODocument
    public let output: IODocumentRenderer.Output
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Assembles the document (refusing drafts, cancelled IOs and missing promo codes) and renders
  /// it as Markdown and HTML; throws ``IODocumentError``.
  public func run(_ request: Request) async throws -> Rendered {
    let store = self.store
    return try await Offload.run {
      var options = BuildOptions()
      options.builtAt = BuildClock.now()
      let document = try IODocumentAssembler(
        store: store, terms: try IOTerms.load(path: request.termsPath),
        allowDraft: request.allowDraft
      ).assemble(request.scope, issuedAt: options.builtAt)
      let output = try IODocumentRenderer(store: store, templatePath: request.templatePath)
        .render(document, options: options)
      return Rendered(document: document, output: output)
    }
  }

  /// Writes the rendered document in `format` to `path`, creating its directory (PDF through
  /// WeasyPrint; throws ``PDFError`` when it is missing or fails).
  public func write(_ output: IODocumentRenderer.Output, format: Format, to path: String)
    async throws
  {
    try await Offload.run { try Self.write(output, format: format, to: path) }
  }

  /// The PDF bytes of the rendered document, printed in a scratch directory.
  public func pdf(_ output: IODocumentRenderer.Output) async throws -> Data {
    try await Offload.run {
      let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "cuesheet-pdf-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(at: directory) }
      let path = directory.appendingPathComponent("io.pdf").path
      try PDFConverter().convert(html: output.html, to: path)
      return try Data(contentsOf: URL(fileURLWithPath: path))
    }
  }

  /// Whether PDF output is possible here (WeasyPrint installed).
  public static var canPrintPDF: Bool { PDFConverter().isAvailable }

  /// The first closed-won campaign (by id) with an IO that can be exported (scheduled, live or
  /// completed), for the demo; `nil` when there is none.
  public func firstExportableCampaign() async throws -> String? {
    let store = self.store
    return try await Offload.run {
      let won = try DealService(store: store).list(.init(stage: .closedWon)).map(\.campaignID)
        .sorted()
      let ios = try IOService(store: store).list()
      let exportable = Set(ios.filter { Self.isExportable($0.status) }.map(\.campaignID))
      return won.first { exportable.contains($0) }
    }
  }

  /// Whether an IO in this status appears on a document without `allowDraft`.
  public static func isExportable(_ status: IOStatus) -> Bool {
    status != .draft && status != .cancelled
  }

  static func write(_ output: IODocumentRenderer.Output, format: Format, to path: String) throws {
    let directory = (path as NSString).deletingLastPathComponent
    do {
      if !directory.isEmpty {
        try FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      }
      switch format {
      case .md: try output.markdown.write(toFile: path, atomically: true, encoding: .utf8)
      case .html: try output.html.write(toFile: path, atomically: true, encoding: .utf8)
      case .pdf: try PDFConverter().convert(html: output.html, to: path)
      }
    } catch let error as PDFError {
      throw error
    } catch {
      throw ApplicationError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}
