import Application
import Foundation
import Hummingbird
import Reports
import Rules
import Store

/// `GET /api/v1/io/{id}/document`: the same insertion-order document as `cuesheet io export`
/// (the ``ExportIODocument`` use case: checked, issued as a revision, rendered), gated by the same
/// flags for the request's `context` (`ENABLE_IO_PDF` off → 409 `flag_off` for a PDF;
/// `IO_TEMPLATE` picks the template). The revision, content hash, template and warnings travel in
/// `X-IO-Revision`, `X-IO-Content-SHA256`, `X-IO-Template` and `X-IO-Warnings`. PDFs go through
/// the server's ``PDFGate`` (a few at once, each with a time limit; 503 `busy` beyond the cap).
enum IODocumentResponse {
  typealias Format = ExportIODocument.Format

  /// Renders the IO's document in `format`; drafts only with `allowDraft`.
  static func make(
    ioID: String, format: Format, allowDraft: Bool, strict: Bool, flags: IODocumentFlags,
    store: CuesheetStore, reportsDirectory: String, pdfGate: PDFGate,
    context: some RequestContext
  ) async throws -> Response {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-io-\(UUID().uuidString)")
    // Removed once the body is sent (below), or here when the export fails.
    var sent = false
    defer { if !sent { try? FileManager.default.removeItem(at: directory) } }
    var request = ExportIODocument.Request(
      scope: .io(ioID), format: format, allowDraft: allowDraft, strict: strict,
      reportsDirectory: reportsDirectory, flags: flags)
    let folder = directory.path
    request.output = { baseName in "\(folder)/\(baseName).\(format.rawValue)" }
    let result: IODocumentExport.Result
    do {
      if format == .pdf {
        // A PDF holds one of the gate's slots and is stopped after its time limit.
        request.pdfTimeoutSeconds = Double(pdfGate.timeoutSeconds)
        let prepared = request
        result = try await pdfGate.admit { try await ExportIODocument(store: store).run(prepared) }
      } else {
        result = try await ExportIODocument(store: store).run(request)
      }
    } catch let error as PDFError {
      if case .engineMissing = error {
        throw APIError(.notImplemented, "pdf_unavailable", error.description)
      }
      throw APIError(.internalServerError, "pdf_failed", error.description)
    }
    // Read through NIO's file system (its thread pool), streamed, then the directory is removed.
    let file = try await FileIO().loadFile(path: result.file, context: context)
    let body = ResponseBody(contentLength: file.contentLength) { writer in
      defer { try? FileManager.default.removeItem(at: directory) }
      let copy = file
      try await copy.write(writer)
    }
    sent = true
    var headers: HTTPFields = [
      .contentType: contentType(format),
      .contentDisposition:
        "inline; filename=\"\(URL(fileURLWithPath: result.file).lastPathComponent)\"",
    ]
    if let name = HTTPFields.Element.Name("X-IO-Revision"), let revision = result.document.revision
    {
      headers[name] = String(revision)
    }
    if let name = HTTPFields.Element.Name("X-IO-Content-SHA256"),
      let hash = result.document.contentSHA256
    {
      headers[name] = hash
    }
    if let name = HTTPFields.Element.Name("X-IO-Template") {
      headers[name] = result.template.rawValue
    }
    if let name = HTTPFields.Element.Name("X-IO-Warnings"), !result.warnings.isEmpty {
      headers[name] = result.warnings.map(\.id).joined(separator: ",")
    }
    return Response(status: .ok, headers: headers, body: body)
  }

  static func contentType(_ format: Format) -> String {
    switch format {
    case .md: return "text/markdown; charset=utf-8"
    case .html: return "text/html; charset=utf-8"
    case .pdf: return "application/pdf"
    }
  }

  /// The flags' decision for a request's `context` (JSON; default: the run's context, as the CLI's),
  /// from the server's rule files; without loaded rule files, the flags' defaults.
  static func flags(_ rules: RuleWatcher, contextJSON: String?, overrides: FlagOverrides) throws
    -> IODocumentFlags
  {
    guard let book = rules.book else { return .defaults("no rule files loaded") }
    return try IODocumentFlags.evaluate(
      book, context: contextJSON.map { .json($0) } ?? .defaults(), overrides: overrides)
  }
}
