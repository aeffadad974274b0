import Foundation
import Hummingbird
import Reports
import Store

/// `GET /api/v1/io/{id}/document`: the same insertion-order document as `cuesheet io export`
/// (Reports' assembler, the `reports/io.md` template and terms file, WeasyPrint for PDF).
enum IODocumentResponse {
  enum Format: String { case pdf, html, md }

  /// Renders the IO's document in `format`; drafts only with `allowDraft`.
  static func make(
    ioID: String, format: Format, allowDraft: Bool, store: CuesheetStore, reportsDirectory: String,
    pdfGate: PDFGate
  ) async throws -> Response {
    let template = (reportsDirectory as NSString).appendingPathComponent("io.md")
    let terms = (reportsDirectory as NSString).appendingPathComponent("io-terms.json")
    let output = try await blocking { () throws -> IODocumentRenderer.Output in
      let document = try IODocumentAssembler(
        store: store, terms: try IOTerms.load(path: terms), allowDraft: allowDraft
      ).assemble(.io(ioID), issuedAt: Date())
      return try IODocumentRenderer(store: store, templatePath: template)
        .render(document, options: BuildOptions())
    }
    switch format {
    case .md:
      return Response(
        status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: output.markdown)))
    case .html:
      return HTMLResponse.make(output.html)
    case .pdf:
      let converter = pdfGate.converter
      let pdf = try await pdfGate.run { try printPDF(output.html, converter: converter) }
      return Response(
        status: .ok,
        headers: [
          .contentType: "application/pdf",
          .contentDisposition: "inline; filename=\"\(output.baseName).pdf\"",
        ],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
    }
  }

  /// Prints the HTML to PDF with the Reports module's converter, in a scratch directory.
  static func printPDF(_ html: String, converter: PDFConverter) throws -> Data {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("io.pdf").path
    do {
      try converter.convert(html: html, to: path)
    } catch let error as PDFError {
      if case .engineMissing = error {
        throw APIError(.notImplemented, "pdf_unavailable", error.description)
      }
      throw APIError(.internalServerError, "pdf_failed", error.description)
    }
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }
}
