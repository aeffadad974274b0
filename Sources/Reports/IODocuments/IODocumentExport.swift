import Foundation
import Store

/// The IO-document export, start to finish: assemble, check, issue (revision), render, write.
///
/// Adapters (the CLI's `io export`, the server's `GET /api/v1/io/{id}/document`) evaluate the
/// `ENABLE_IO_PDF` and `IO_TEMPLATE` flags, build a ``Request`` and call ``run(store:request:)``.
/// The file is written inside the issuing transaction (to a temporary name, then moved into
/// place), so a failed export leaves neither a file nor a record.
///
/// ```swift
/// var request = IODocumentExport.Request(scope: .io("IO-1001"), format: .pdf)
/// request.output = { baseName in "out/\(baseName).pdf" }
/// let result = try IODocumentExport.run(store: store, request: request)
/// print(result.document.revision!, result.warnings)
/// ```
public enum IODocumentExport {
  public enum Format: String, Sendable, CaseIterable {
    case md, html, pdf
  }

  public struct Request: Sendable {
    public var scope: IODocument.Scope
    public var format: Format
    public var allowDraft = false
    /// Refuse to issue when a check before issue warns (``IODocumentError/warnings(_:)``).
    public var strict = false
    /// The template; default: the style's file in `reportsDirectory`.
    public var templatePath: String?
    public var termsPath: String?
    /// Where the default template and terms file live.
    public var reportsDirectory = "reports"
    public var style: IOTemplateStyle = .classic
    /// `nil` when PDF export is allowed; else why not (the `ENABLE_IO_PDF` evaluation).
    public var pdfRefusal: String?
    /// The issue time (the revision's, when the content is new) and the day the checks use.
    public var now = Date()
    public var buildOptions = BuildOptions()
    /// Prints PDFs (WeasyPrint; the server sets its time limit).
    public var pdfConverter = PDFConverter()
    /// The output path for the document's base name (`IO-1001`); default `<baseName>.<format>`.
    public var output: @Sendable (String) -> String

    public init(scope: IODocument.Scope, format: Format) {
      self.scope = scope
      self.format = format
      output = { "\($0).\(format.rawValue)" }
    }
  }

  public struct Result: Sendable {
    public var document: IODocument
    public var warnings: [IODocumentWarning]
    /// The file written.
    public var file: String
    public var template: IOTemplateStyle
    /// The `io_documents` row (nil for drafts).
    public var record: IODocumentRecord?
    /// True when this export recorded a new row (and event).
    public var recorded: Bool
  }

  public static func run(store: CuesheetStore, request: Request) throws -> Result {
    if request.format == .pdf, let refusal = request.pdfRefusal {
      throw IODocumentError.pdfDisabled(reason: refusal)
    }
    let terms = try IOTerms.load(
      path: request.termsPath
        ?? (request.reportsDirectory as NSString).appendingPathComponent("io-terms.json"))
    let document = try IODocumentAssembler(
      store: store, terms: terms, allowDraft: request.allowDraft
    ).assemble(request.scope, issuedAt: request.now)
    let renderer = try IODocumentRenderer(
      store: store,
      templatePath: request.templatePath
        ?? (request.reportsDirectory as NSString).appendingPathComponent(request.style.fileName),
      style: request.style)
    var warnings: [IODocumentWarning] = []
    var file = ""
    let issued = try IODocumentIssuer(store: store).issue(
      document, format: request.format.rawValue, at: request.now
    ) { document in
      warnings = IODocumentWarning.check(document, today: Day(request.now))
      if request.strict && !warnings.isEmpty { throw IODocumentError.warnings(warnings) }
      let output = try renderer.render(document, options: request.buildOptions)
      file = request.output(output.baseName)
      try write(output, format: request.format, to: file, converter: request.pdfConverter)
    }
    return Result(
      document: issued.document, warnings: warnings, file: file, template: request.style,
      record: issued.record, recorded: issued.recorded)
  }

  /// Writes the rendered document in `format` to `path` (through a temporary file in the same
  /// directory, then a rename), creating the directory.
  static func write(
    _ output: IODocumentRenderer.Output, format: Format, to path: String,
    converter: PDFConverter = PDFConverter()
  ) throws {
    let temporary = try temporaryFile(for: path)
    defer { try? FileManager.default.removeItem(at: temporary) }
    try writing(to: path) {
      switch format {
      case .md, .html: try writeText(output, format: format, to: temporary)
      case .pdf:
        try converter.convert(
          html: output.html, to: temporary.path,
          attachments: [(IOCanonical.attachmentName, output.canonicalText)])
      }
      try moveIntoPlace(temporary, path: path)
    }
  }

  /// A temporary name beside `path` (its directory created) to write the document to first.
  static func temporaryFile(for path: String) throws -> URL {
    let url = URL(fileURLWithPath: path)
    let directory = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    } catch {
      throw ReportError.io(
        path: path, message: "cannot create its directory (\(error.localizedDescription))")
    }
    return directory.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
  }

  /// Writes the Markdown or HTML of `output` to `file`.
  static func writeText(_ output: IODocumentRenderer.Output, format: Format, to file: URL) throws {
    let text = format == .md ? output.markdown : output.html
    try text.write(to: file, atomically: false, encoding: .utf8)
  }

  /// Renames the written `temporary` file to `path`.
  static func moveIntoPlace(_ temporary: URL, path: String) throws {
    // rename(2) replaces an existing file atomically (FileManager.replaceItemAt loses it on Linux).
    if rename(temporary.path, path) != 0 {
      throw ReportError.io(
        path: path, message: "cannot write the IO document (\(String(cString: strerror(errno))))")
    }
  }

  /// Runs `body`, reporting a failure other than ``PDFError`` and ``ReportError`` as a
  /// ``ReportError`` on `path`.
  static func writing<T>(to path: String, _ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch {
      throw writeFailure(error, path: path)
    }
  }

  /// A failure while writing `path`: ``PDFError`` and ``ReportError`` as they are, anything else
  /// as a ``ReportError/io(path:message:)``.
  static func writeFailure(_ error: any Error, path: String) -> any Error {
    if error is PDFError || error is ReportError { return error }
    return ReportError.io(
      path: path, message: "cannot write the IO document (\(error.localizedDescription))")
  }
}
