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

  public func render(_ document: Document) -> String {
    var body = ""
    for block in document.blocks {
      switch block {
      case .markdown(let text):
        body += "<section class=\"prose\">\n" + Markdown.html(from: text) + "</section>\n"
      case .table(let table):
        body += Self.table(table)
      case .kpis(let kpis):
        body += "<div class=\"kpis\">\n"
        for kpi in kpis {
          body +=
            "<div class=\"kpi\"><div class=\"kpi-label\">\(HTMLEscape.escape(kpi.label))</div>"
          body += "<div class=\"kpi-value\">\(HTMLEscape.escape(kpi.value))</div>"
          if let change = kpi.change {
            body +=
              "<div class=\"kpi-change \(change >= 0 ? "up" : "down")\">"
              + "\(HTMLEscape.escape(MarkdownRenderer.change(change))) vs previous period</div>"
          }
          body += "</div>\n"
        }
        body += "</div>\n"
      case .chart(let chart):
        body += "<figure class=\"\(chart.kind.rawValue)\">\(chartSVG(chart))"
        body += "<figcaption>\(HTMLEscape.escape(chart.title))</figcaption></figure>\n"
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
      }
    }
    // An empty index link marks a standalone document (e.g. an IO): no navigation.
    let nav =
      document.indexLink.isEmpty
      ? ""
      : "<nav><a href=\"\(HTMLEscape.escape(document.indexLink)).html\">All reports</a> › "
        + "\(HTMLEscape.escape(document.reportTitle))</nav>\n"
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(HTMLEscape.escape(document.title))</title>
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

  static func table(_ table: TableBlock) -> String {
    guard !table.rows.isEmpty else {
      return "<p class=\"empty\">\(HTMLEscape.escape(table.emptyText))</p>\n"
    }
    var out = "<div class=\"table-wrap\"><table>\n<thead><tr>"
    for column in table.columns {
      out += "<th\(column.numeric ? " class=\"num\"" : "")>\(HTMLEscape.escape(column.label))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      out += "<tr>"
      for (index, cell) in row.enumerated() {
        out +=
          "<td\(table.columns[index].numeric ? " class=\"num\"" : "")>\(HTMLEscape.escape(cell))</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table></div>\n"
  }
}
