import Foundation
import Reports
import Store

/// The report fixture plus `Fixtures/io-documents.sql`, with the default IO template and terms.
struct IODocumentFixture {
  static let template = (ReportFixture.defaultTemplates as NSString).appendingPathComponent("io.md")
  static let termsPath = (ReportFixture.defaultTemplates as NSString).appendingPathComponent(
    "io-terms.json")

  let base: ReportFixture

  init() throws {
    base = try ReportFixture()
    let sql = try String(
      contentsOf: ReportFixture.testsDirectory.appendingPathComponent("Fixtures/io-documents.sql"),
      encoding: .utf8)
    try base.store.writer.write { db in try db.execute(sql: sql) }
  }

  /// Assembles the document for `scope` at the fixed build time.
  func document(_ scope: IODocument.Scope, allowDraft: Bool = false) throws -> IODocument {
    try IODocumentAssembler(
      store: base.store, terms: try IOTerms.load(path: Self.termsPath), allowDraft: allowDraft
    )
    .assemble(scope, issuedAt: ReportFixture.builtAt)
  }

  /// Assembles and renders the document for `scope`.
  func render(_ scope: IODocument.Scope, allowDraft: Bool = false) throws -> (
    IODocument, IODocumentRenderer.Output
  ) {
    let document = try document(scope, allowDraft: allowDraft)
    let output = try IODocumentRenderer(store: base.store, templatePath: Self.template)
      .render(document, options: ReportFixture.options())
    return (document, output)
  }
}
