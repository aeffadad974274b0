import Foundation
import Store

/// Renders an ``IODocument`` through an IO template (`reports/io.md` or `reports/io-modern.md`) with
/// the report engine, as Markdown and as self-contained, print-ready HTML (the input of
/// ``PDFConverter``), each carrying the document's canonical content (``IOCanonical``).
///
/// Unlike a dashboard page, an IO document shows no build provenance (database file, import
/// number): only what the parties sign, its revision and its content hash.
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
    /// ``IODocument/canonicalText``, to attach to a PDF.
    public var canonicalText: String
  }

  let builder: ReportBuilder
  let template: Template
  /// The style class of the HTML (`io-classic`, `io-modern`).
  public var style: IOTemplateStyle

  /// Parses the template at `templatePath`; a template error names its file, line and column.
  public init(store: CuesheetStore, templatePath: String, style: IOTemplateStyle = .classic) throws
  {
    guard FileManager.default.fileExists(atPath: templatePath) else {
      throw ReportError.io(
        path: templatePath,
        message: "no IO template here; pass --template PATH or run from the repository root")
    }
    template = try TemplateParser().parse(contentsOf: templatePath)
    builder = ReportBuilder(
      store: store, templatesDirectory: (templatePath as NSString).deletingLastPathComponent)
    self.style = style
  }

  /// Renders `document` (its ``IODocument/parameters`` are the page parameters).
  public func render(_ document: IODocument, options: BuildOptions = BuildOptions()) throws
    -> Output
  {
    let page = try builder.renderPage(template, parameters: document.parameters, options: options)
    let canonical = document.canonicalText
    return Output(
      baseName: page.file,
      markdown: IODocumentMarkdown.render(page.document, canonical: canonical),
      html: IODocumentHTML.render(page.document, io: document, style: style, canonical: canonical),
      canonicalText: canonical)
  }
}

/// The Markdown of an IO document: the template's blocks, signature blocks with a labelled line
/// each for signature, name, title and date, and the canonical-content comment.
enum IODocumentMarkdown {
  static func render(_ page: Document, canonical: String) -> String {
    var out = "# \(MarkdownEscape.escape(page.title))\n\n"
    for block in page.blocks {
      switch block {
      case .markdown(let text):
        out += text + "\n\n"
      case .table(let table) where table.source == "signatures":
        for row in table.rows {
          out += "**\(MarkdownEscape.escape(row.first ?? ""))**\n\n"
          for column in table.columns.dropFirst() {
            out +=
              "\(MarkdownEscape.escape(column.label)): \(String(repeating: "\\_", count: 30))  \n"
          }
          out += "\n"
        }
      case .table(let table):
        out += MarkdownRenderer.table(table) + "\n"
      case .kpis(let kpis):
        for kpi in kpis {
          out += "- **\(MarkdownEscape.escape(kpi.label)):** \(MarkdownEscape.escape(kpi.value))\n"
        }
        out += "\n"
      case .chart, .links, .cards, .matches:
        break  // not used by IO templates
      }
    }
    return out + IOCanonical.comment(canonical) + "\n"
  }
}
