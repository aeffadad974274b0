import CuesheetTesting
import Foundation
import Reports
import Store

/// The report fixture plus `Fixtures/io-documents.sql`, with the default IO templates and terms.
struct IODocumentFixture {
  static func template(_ style: IOTemplateStyle = .classic) -> String {
    (ReportFixture.defaultTemplates as NSString).appendingPathComponent(style.fileName)
  }
  static let template = template(.classic)
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

  static func terms() throws -> IOTerms { try IOTerms.load(path: termsPath) }

  /// Assembles the document for `scope` at the fixed build time.
  func document(
    _ scope: IODocument.Scope, allowDraft: Bool = false, terms: IOTerms? = nil,
    at date: Date = ReportFixture.builtAt
  ) throws -> IODocument {
    try IODocumentAssembler(
      store: base.store, terms: try terms ?? Self.terms(), allowDraft: allowDraft
    )
    .assemble(scope, issuedAt: date)
  }

  /// Assembles, issues (format `md`) and renders the document for `scope`.
  func render(
    _ scope: IODocument.Scope, allowDraft: Bool = false, style: IOTemplateStyle = .classic,
    terms: IOTerms? = nil
  ) throws -> (IODocument, IODocumentRenderer.Output) {
    let renderer = try IODocumentRenderer(
      store: base.store, templatePath: Self.template(style), style: style)
    var output: IODocumentRenderer.Output?
    let issued = try IODocumentIssuer(store: base.store).issue(
      try document(scope, allowDraft: allowDraft, terms: terms), format: "md",
      at: ReportFixture.builtAt
    ) { document in
      output = try renderer.render(document, options: ReportFixture.options())
    }
    return (issued.document, output!)
  }
}
