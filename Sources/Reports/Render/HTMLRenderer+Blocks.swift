import Foundation

extension HTMLRenderer {
  /// A table; ids, codes and dates do not wrap, values under a column's risk threshold are marked
  /// (in words as well as colour), and `csv` names the table's CSV download.
  static func table(_ table: TableBlock, csv: String? = nil, caption: String? = nil) -> String {
    guard !table.rows.isEmpty else {
      return "<p class=\"empty\">\(HTMLEscape.escape(table.emptyText))</p>\n"
    }
    let noWrap = table.columns.indices.map { table.isNoWrap(column: $0) }
    func classes(_ index: Int, risk: Bool = false) -> String {
      var names: [String] = []
      if table.columns[index].numeric { names.append("num") }
      if noWrap[index] { names.append("nw") }
      if risk { names.append("risk") }
      return names.isEmpty ? "" : " class=\"\(names.joined(separator: " "))\""
    }
    var out = "<div class=\"table-wrap\"><table>\n"
    if let caption { out += "<caption>\(HTMLEscape.escape(caption))</caption>\n" }
    out += "<thead><tr>"
    for (index, column) in table.columns.enumerated() {
      out += "<th scope=\"col\"\(classes(index))>\(HTMLEscape.escape(column.label))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for (rowIndex, row) in table.rows.enumerated() {
      out += "<tr>"
      for (index, cell) in row.enumerated() {
        let risk = table.isAtRisk(row: rowIndex, column: index)
        out += "<td\(classes(index, risk: risk))>\(HTMLEscape.escape(cell))"
        if risk { out += " <span class=\"risk-tag\">at risk</span>" }
        out += "</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table></div>\n"
    if let csv {
      let rows =
        table.rows.count == 1 ? "1 row" : "\(ValueFormat.grouped(Int64(table.rows.count))) rows"
      out +=
        "<p class=\"download\"><a href=\"\(HTMLEscape.escape(csv))\" download>"
        + "Download these \(rows) as CSV</a></p>\n"
    }
    return out
  }

  static func kpis(_ kpis: [KPI]) -> String {
    var out = "<div class=\"kpis\">\n"
    for kpi in kpis {
      out += "<div class=\"kpi\"><div class=\"kpi-label\">\(HTMLEscape.escape(kpi.label))</div>"
      out += "<div class=\"kpi-value\">\(HTMLEscape.escape(kpi.value))</div>"
      if let change = kpi.change {
        out +=
          "<div class=\"kpi-change \(change >= 0 ? "up" : "down")\">"
          + "\(HTMLEscape.escape(MarkdownRenderer.change(change))) vs previous period</div>"
      }
      out += "</div>\n"
    }
    return out + "</div>\n"
  }

  /// A chart drawn twice, for wide and narrow screens (CSS shows one), with its data as a table.
  static func figure(_ chart: Chart, wide: String? = nil) -> String {
    var out = "<figure class=\"\(chart.kind.rawValue)\">"
    if chart.kind == .sparkline {
      out += ChartSVG.svg(chart)
    } else {
      out += "<figcaption>\(HTMLEscape.escape(chart.title))</figcaption>"
      out += "<div class=\"chart-wide\">\(wide ?? ChartSVG.svg(chart, layout: .wide))</div>"
      out += "<div class=\"chart-narrow\">\(ChartSVG.svg(chart, layout: .narrow))</div>"
    }
    out +=
      "<details class=\"chart-data\"><summary>Data: \(HTMLEscape.escape(chart.title))</summary>"
    out += table(dataTable(chart))
    return out + "</details></figure>\n"
  }

  /// The numbers behind a chart, formatted like the page's tables.
  static func dataTable(_ chart: Chart) -> TableBlock {
    let labels = ChartSVG.categoryLabels(chart).full
    var columns = [
      TableBlock.Column(
        label: chart.xName.isEmpty ? "Point" : ChartSVG.seriesName(chart.xName), format: .text)
    ]
    columns += chart.series.map {
      TableBlock.Column(label: ChartSVG.seriesName($0.name), format: chart.format)
    }
    let count = max(labels.count, chart.series.map(\.values.count).max() ?? 0)
    let rows = (0..<count).map { index in
      [index < labels.count ? labels[index] : "\(index + 1)"]
        + chart.series.map { series in
          index < series.values.count
            ? chart.format.format(ChartSVG.value(series.values[index], chart.format)) : "–"
        }
    }
    return TableBlock(columns: columns, rows: rows)
  }

  /// The index's report families: one card each, with its summary and its pages.
  static func cards(_ cards: [Card]) -> String {
    var out = "<div class=\"cards\">\n"
    for card in cards {
      out += "<section class=\"card\"><h2>\(HTMLEscape.escape(card.title))</h2>"
      out += "<p class=\"summary\">\(HTMLEscape.escape(card.summary))</p>"
      out += "<ul class=\"card-links\(card.links.count > 12 ? " long" : "")\">"
      for link in card.links {
        out +=
          "<li><a href=\"\(HTMLEscape.escape(link.href)).html\">\(HTMLEscape.escape(link.title))</a></li>"
      }
      out += "</ul></section>\n"
    }
    return out + "</div>\n"
  }

  /// Ranked matches: the show, its score, the reasons in words and a bar per signal.
  static func matches(_ matches: [MatchRow]) -> String {
    guard !matches.isEmpty else {
      return "<p class=\"empty\">No matches yet; run <code>cuesheet match recalculate</code>.</p>\n"
    }
    var out = "<ol class=\"matches\">\n"
    for match in matches {
      let score = ValueFormat.number.format(.double((match.score * 100).rounded() / 100))
      out +=
        "<li><div class=\"match-head\"><span class=\"match-show\">\(HTMLEscape.escape(match.show))</span>"
      out += " <span class=\"match-score\">score \(HTMLEscape.escape(score))</span></div>"
      out +=
        "<p class=\"match-reasons\">\(HTMLEscape.escape(match.reasons.prefix(1).uppercased() + match.reasons.dropFirst()))</p>"
      out += "<div class=\"signals\">"
      for part in match.parts {
        let percent = max(0, min(100, (part.value * 100).rounded()))
        let label = ChartSVG.seriesName(part.name)
        out +=
          "<div class=\"signal\"><span class=\"signal-name\">\(HTMLEscape.escape(label))</span>"
        out +=
          "<span class=\"signal-bar\" role=\"img\" aria-label=\"\(HTMLEscape.escape(label)) \(Int(percent))%\">"
          + "<span style=\"width:\(Int(percent))%\"></span></span>"
        out += "<span class=\"signal-value\">\(Int(percent))%</span></div>"
      }
      out += "</div></li>\n"
    }
    return out + "</ol>\n"
  }
}
