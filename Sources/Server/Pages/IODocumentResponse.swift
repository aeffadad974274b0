import Application
import Foundation
import Hummingbird
import Reports
import Store

/// `GET /api/v1/io/{id}/document`: the same insertion-order document as `cuesheet io export`
/// (the ``ExportIODocument`` use case: `io.md` and `io-terms.json` from the reports directory,
/// WeasyPrint for PDF).
enum IODocumentResponse {
  enum Format: String { case pdf, html, md }

  /// Renders the IO's document in `format`; drafts only with `allowDraft`.
  static func make(
    ioID: String, format: Format, allowDraft: Bool, store: CuesheetStore, reportsDirectory: String
  ) async throws -> Response {
    let export = ExportIODocument(store: store)
    let output = try await export.run(
      .init(scope: .io(ioID), allowDraft: allowDraft, reportsDirectory: reportsDirectory)
    ).output
    switch format {
    case .md:
      return Response(
        status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: output.markdown)))
    case .html:
      return HTMLResponse.make(output.html)
    case .pdf:
      let pdf: Data
      do {
        pdf = try await export.pdf(output)
      } catch let error as PDFError {
        if case .engineMissing = error {
          throw APIError(.notImplemented, "pdf_unavailable", error.description)
        }
        throw APIError(.internalServerError, "pdf_failed", error.description)
      }
      return Response(
        status: .ok,
        headers: [
          .contentType: "application/pdf",
          .contentDisposition: "inline; filename=\"\(output.baseName).pdf\"",
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
    }
  }
}
