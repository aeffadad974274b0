import Foundation

/// Renders a ``Document`` as GitHub-flavoured Markdown, with each chart as an SVG file beside it.
public struct MarkdownRenderer: Sendable {
  /// A rendered page: its Markdown and the files it links to (`name` → contents).
  public struct Output: Sendable {
    public var markdown: String
    public var files: [(name: String, contents: String)]
  }

  /// Draws a chart as SVG; a build passes the drawings it already made for the HTML output.
  public var chartSVG: @Sendable (Chart) -> String = { ChartSVG.svg($0) }

  public init() {}

  /// Renders `document`; chart files are named `<baseName>.<chart id>.svg`.
  public func render(_ document: Document, baseName: String) -> Output {
    var out = "# \(MarkdownEscape.escape(document.title))\n\n"
    if !document.indexLink.isEmpty {  // an empty link: a standalone document (e.g. an IO)
      out +=
        "[All reports](\(document.indexLink).md) › \(MarkdownEscape.escape(document.reportTitle))\n\n"
    }
    var files: [(name: String, contents: String)] = []
    for block in document.blocks {
      switch block {
      case .markdown(let text):
        out += text + "\n\n"
      case .table(let table):
        out += Self.table(table) + "\n"
      case .kpis(let kpis):
        out += "| " + kpis.map { MarkdownEscape.escape($0.label) }.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: kpis.count) + "\n"
        out +=
          "| "
          + kpis.map { kpi in
            "**\(MarkdownEscape.escape(kpi.value))**"
              + (kpi.change.map { " " + Self.change($0) } ?? "")
          }.joined(separator: " | ") + " |\n\n"
      case .chart(let chart):
        let name = "\(baseName).\(chart.id).svg"
        files.append((name, chartSVG(chart) + "\n"))
        out += "![\(MarkdownEscape.escape(chart.title))](\(name))\n\n"
      case .links(let links):
        for link in links {
          out += "- [\(MarkdownEscape.escape(link.title))](\(link.href).md)"
          out += link.note.isEmpty ? "\n" : " — \(MarkdownEscape.escape(link.note))\n"
        }
        out += "\n"
      }
    }
    out += "---\n\n_\(MarkdownEscape.escape(document.provenance.summary))_\n"
    return Output(markdown: out, files: files)
  }

  /// `▲ 12.0%` or `▼ 3.5%`.
  static func change(_ ratio: Double) -> String {
    (ratio >= 0 ? "▲ " : "▼ ") + ValueFormat.percent.format(.double(abs(ratio)))
  }

  static func table(_ table: TableBlock) -> String {
    guard !table.rows.isEmpty else { return "_\(MarkdownEscape.escape(table.emptyText))_\n" }
    var out =
      "| " + table.columns.map { MarkdownEscape.escape($0.label) }.joined(separator: " | ") + " |\n"
    out += "|" + table.columns.map { $0.numeric ? "---:|" : "---|" }.joined() + "\n"
    for row in table.rows {
      out += "| " + row.map(MarkdownEscape.escape).joined(separator: " | ") + " |\n"
    }
    return out
  }
}
