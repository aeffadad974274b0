import Foundation
import Store

/// Renders an ``IODocument`` through an IO template (`reports/io.md`) with the report engine, as
/// Markdown and as self-contained, print-ready HTML (the input of ``PDFConverter``).
///
/// ```swift
/// let renderer = try IODocumentRenderer(store: store, templatePath: "reports/io.md")
/// let output = try renderer.render(document, options: BuildOptions())
/// try output.html.write(toFile: "IO-1001.html", atomically: true, encoding: .utf8)
/// ```
public struct IODocumentRenderer {
  /// A rendered document.
  public struct Output: Sendable {
    /// The file name without extension, from the template's `output:` (e.g. `IO-1001`).
    public var baseName: String
    public var markdown: String
    public var html: String
  }

  let builder: ReportBuilder
  let template: Template

  /// Parses the template at `templatePath`; a template error names its file, line and column.
  public init(store: CuesheetStore, templatePath: String) throws {
    guard FileManager.default.fileExists(atPath: templatePath) else {
      throw ReportError.io(
        path: templatePath,
        message: "no IO template here; pass --template PATH or run from the repository root")
    }
    template = try TemplateParser().parse(contentsOf: templatePath)
    builder = ReportBuilder(
      store: store, templatesDirectory: (templatePath as NSString).deletingLastPathComponent)
  }

  /// Renders `document` (its ``IODocument/parameters`` are the page parameters).
  public func render(_ document: IODocument, options: BuildOptions = BuildOptions()) throws
    -> Output
  {
    var page = try builder.renderPage(template, parameters: document.parameters, options: options)
    page.document.indexLink = ""  // a standalone document: no link back to a dashboard index
    let markdown = MarkdownRenderer().render(page.document, baseName: page.file).markdown
    let css = IOPrintStylesheet.css(
      number: document.number, version: document.version, draft: document.isDraft)
    let html = HTMLRenderer(extraCSS: css).render(page.document)
    return Output(baseName: page.file, markdown: markdown, html: html)
  }
}
