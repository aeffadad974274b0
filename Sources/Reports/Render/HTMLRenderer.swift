import Foundation

/// Renders a ``Document`` as one self-contained HTML file: inline CSS and SVG, no JavaScript,
/// readable on a phone, clean in print, light or dark by `prefers-color-scheme`.
///
/// Data is escaped everywhere; prose goes through libcmark (``Markdown``), which drops raw HTML.
/// A Content-Security-Policy forbids scripts even if something slipped through.
public struct HTMLRenderer: Sendable {
  /// CSS appended after the default stylesheet (e.g. print rules for IO documents).
  public var extraCSS: String
  /// Draws a chart as SVG; a build passes the drawings it already made for the Markdown output.
  public var chartSVG: @Sendable (Chart) -> String = { ChartSVG.svg($0) }

  public init(extraCSS: String = "") {
    self.extraCSS = extraCSS
  }

  /// Renders `document`. With a `baseName` (the page's file name without extension), each table
  /// links its CSV download, `<baseName>.<table id>.csv` (see ``TableCSV``).
  public func render(_ document: Document, baseName: String? = nil) -> String {
    var body = ""
    for block in document.blocks {
      switch block {
      case .markdown(let text):
        body += "<section class=\"prose\">\n" + Markdown.html(from: text) + "</section>\n"
      case .table(let table):
        body += Self.table(table, csv: baseName.flatMap { TableCSV.fileName(table, baseName: $0) })
      case .kpis(let kpis):
        body += Self.kpis(kpis)
      case .chart(let chart):
        body += Self.figure(chart, wide: chartSVG(chart))
      case .links(let links):
        body += "<ul class=\"links\">\n"
        for link in links {
          body +=
            "<li><a href=\"\(HTMLEscape.escape(link.href)).html\">\(HTMLEscape.escape(link.title))</a>"
          body +=
            link.note.isEmpty
            ? "</li>\n" : " <span class=\"note\">\(HTMLEscape.escape(link.note))</span></li>\n"
        }
        body += "</ul>\n"
      case .cards(let cards):
        body += Self.cards(cards)
      case .matches(let matches):
        body += Self.matches(matches)
      }
    }
    // An empty index link marks a page without a parent: the index itself, or a standalone
    // document such as an IO. Neither links to itself.
    let nav =
      document.indexLink.isEmpty
      ? ""
      : "<nav aria-label=\"Breadcrumb\"><a href=\"\(HTMLEscape.escape(document.indexLink)).html\">"
        + "All reports</a> › \(HTMLEscape.escape(document.reportTitle))</nav>\n"
    let pageTitle =
      document.reportTitle.isEmpty || document.reportTitle == document.title
        || document.indexLink.isEmpty
      ? document.title : "\(document.title) — \(document.reportTitle)"
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(HTMLEscape.escape(pageTitle))</title>
      <style>\(Stylesheet.css)\(extraCSS.isEmpty ? "" : "\n" + extraCSS)</style>
      </head>
      <body>
      <header>
      \(nav)<h1>\(HTMLEscape.escape(document.title))</h1>
      </header>
      <main>
      \(body)</main>
      <footer>\(HTMLEscape.escape(document.provenance.summary))</footer>
      </body>
      </html>

      """
  }
}
