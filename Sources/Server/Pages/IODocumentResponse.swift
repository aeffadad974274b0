import Foundation
import Hummingbird
import Presentation
import Reports
import Rules
import Store

/// `GET /api/v1/io/{id}/document`: the same insertion-order document as `cuesheet io export`
/// (``IODocumentExport``: assembled, checked, issued as a revision, rendered), gated by the same
/// flags for the request's `context` (`ENABLE_IO_PDF` off → 409 `flag_off` for PDF; `IO_TEMPLATE`
/// picks the template). The revision and warnings travel in `X-IO-Revision`, `X-IO-Content-SHA256`
/// and `X-IO-Warnings` headers.
enum IODocumentResponse {
  typealias Format = IODocumentExport.Format

  /// Renders the IO's document in `format`; drafts only with `allowDraft`.
  static func make(
    ioID: String, format: Format, allowDraft: Bool, strict: Bool, flags: IODocumentFlags,
    store: CuesheetStore, reportsDirectory: String
  ) async throws -> Response {
    guard let style = IOTemplateStyle(rawValue: flags.template) else {
      throw APIError(
        .unprocessableContent, "document_refused",
        "IO_TEMPLATE served \"\(flags.template)\"; the IO templates are classic and modern.")
    }
    if format == .pdf && !flags.pdfAllowed {
      throw APIError(
        .conflict, "flag_off", IODocumentError.pdfDisabled(reason: flags.pdfReason).description,
        details: [.object(["flag": .string(IODocumentFlags.pdfFlag)])])
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-io-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    var request = IODocumentExport.Request(scope: .io(ioID), format: format)
    request.allowDraft = allowDraft
    request.strict = strict
    request.reportsDirectory = reportsDirectory
    request.style = style
    let folder = directory.path
    request.output = { baseName in "\(folder)/\(baseName).\(format.rawValue)" }
    let result: IODocumentExport.Result
    let prepared = request
    do {
      result = try await blocking { try IODocumentExport.run(store: store, request: prepared) }
    } catch let error as PDFError {
      if case .engineMissing = error {
        throw APIError(.notImplemented, "pdf_unavailable", error.description)
      }
      throw APIError(.internalServerError, "pdf_failed", error.description)
    } catch IODocumentError.warnings(let warnings) {
      throw APIError(
        .unprocessableContent, "document_warnings",
        IODocumentError.warnings(warnings).description,
        details: warnings.map {
          JSONValue.object(["id": .string($0.id), "message": .string($0.message)])
        })
    }
    let body = try Data(contentsOf: URL(fileURLWithPath: result.file))
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
    if let name = HTTPFields.Element.Name("X-IO-Template") { headers[name] = style.rawValue }
    if let name = HTTPFields.Element.Name("X-IO-Warnings"), !result.warnings.isEmpty {
      headers[name] = result.warnings.map(\.id).joined(separator: ",")
    }
    return Response(
      status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
  }

  static func contentType(_ format: Format) -> String {
    switch format {
    case .md: return "text/markdown; charset=utf-8"
    case .html: return "text/html; charset=utf-8"
    case .pdf: return "application/pdf"
    }
  }

  /// The flag decision for a request's `context` (JSON), from the server's rule files; without
  /// loaded rule files, the flags' defaults.
  static func flags(_ rules: RuleWatcher, contextJSON: String, overrides: FlagOverrides) throws
    -> IODocumentFlags
  {
    guard let book = rules.book else {
      return IODocumentFlags(
        pdfAllowed: true, pdfReason: "no rule files loaded; PDF export allowed",
        template: "classic", templateReason: "no rule files loaded; classic template")
    }
    let context: FlagContext
    do {
      context = try book.flags.context(json: contextJSON)
    } catch {
      throw APIError.badRequest("context: \(error)")
    }
    return IODocumentFlags.evaluate(book.flags, context: context, overrides: overrides)
  }
}
