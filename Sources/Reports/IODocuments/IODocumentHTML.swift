import Foundation

/// The HTML of an IO document: one self-contained page styled for print by ``IOPrintStylesheet``.
///
/// Tables are classed by what they hold (`{% table lines … %}` → `io-lines`), not by position;
/// the `signatures` table becomes one signature block per signatory with a labelled, ruled line
/// for each of its other columns (signature, name, title, date). The Net row of `totals` is bold.
enum IODocumentHTML {
  static func render(_ page: Document, io: IODocument, style: IOTemplateStyle, canonical: String)
    -> String
  {
    var body = ""
    for block in page.blocks {
      switch block {
      case .markdown(let text):
        body += sections(Markdown.html(from: text))
      case .table(let table) where table.source == "signatures":
        body += signatures(table)
      case .table(let table):
        body += self.table(table)
      case .kpis(let kpis):
        body += "<div class=\"io-kpis\">\n"
        for kpi in kpis {
          body +=
            "<div class=\"io-kpi\"><div class=\"io-kpi-label\">\(HTMLEscape.escape(kpi.label))</div>"
            + "<div class=\"io-kpi-value\">\(HTMLEscape.escape(kpi.value))</div></div>\n"
        }
        body += "</div>\n"
      case .chart(let chart):
        body += "<figure>\(ChartSVG.svg(chart))</figure>\n"
      case .links, .cards, .matches:
        break
      }
    }
    let css = IOPrintStylesheet.css(for: io)
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
      <title>\(HTMLEscape.escape(page.title))</title>
      <style>\(css)</style>
      </head>
      <body class="io io-\(style.rawValue)\(io.isDraft ? " io-draft" : "")">
      <header class="io-head"><h1>\(HTMLEscape.escape(page.title))</h1></header>
      <main>
      \(body)</main>
      \(IOCanonical.comment(canonical))
      </body>
      </html>

      """
  }

  /// A prose block, cut into one `<section class="prose io-sec-<heading>">` per `<h2>`, so the
  /// stylesheet can style a section by its heading (`## Terms` → `io-sec-terms`).
  static func sections(_ html: String) -> String {
    var chunks: [Substring] = []
    var start = html.startIndex
    var searchFrom = html.startIndex
    while let range = html.range(of: "<h2>", range: searchFrom..<html.endIndex) {
      if range.lowerBound > start { chunks.append(html[start..<range.lowerBound]) }
      start = range.lowerBound
      searchFrom = range.upperBound
    }
    chunks.append(html[start...])
    var out = ""
    for chunk in chunks where !chunk.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      var classes = "prose"
      if chunk.hasPrefix("<h2>"), let close = chunk.range(of: "</h2>") {
        let name = slug(
          String(chunk[chunk.index(chunk.startIndex, offsetBy: 4)..<close.lowerBound]))
        if !name.isEmpty { classes += " io-sec-\(name)" }
      }
      out += "<section class=\"\(classes)\">\n\(chunk)</section>\n"
    }
    return out
  }

  /// `Line items` → `line-items`.
  static func slug(_ heading: String) -> String {
    var out = ""
    for character in heading.lowercased() {
      if character.isASCII && (character.isLetter || character.isNumber) {
        out.append(character)
      } else if !out.isEmpty && out.last != "-" {
        out.append("-")
      }
    }
    while out.hasSuffix("-") { out.removeLast() }
    return out
  }

  static func table(_ table: TableBlock) -> String {
    guard !table.rows.isEmpty else {
      return "<p class=\"empty\">\(HTMLEscape.escape(table.emptyText))</p>\n"
    }
    let source = table.source.map { " io-\(HTMLEscape.escape($0))" } ?? ""
    var out = "<table class=\"io-table\(source)\">\n<thead><tr>"
    for column in table.columns {
      out += "<th\(classes(column))>\(HTMLEscape.escape(column.label))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for (number, row) in table.rows.enumerated() {
      let isNet = table.source == "totals" && number == table.rows.count - 1
      out += isNet ? "<tr class=\"io-net\">" : "<tr>"
      for (index, cell) in row.enumerated() {
        out += "<td\(classes(table.columns[index]))>\(HTMLEscape.escape(cell))</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody>\n</table>\n"
  }

  /// ` class="num c-total"`: right-aligned when numeric, and named after its key (for the CSS).
  static func classes(_ column: TableBlock.Column) -> String {
    var names: [String] = []
    if column.numeric { names.append("num") }
    if let key = column.key, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
      names.append("c-\(key)")
    }
    return names.isEmpty ? "" : " class=\"\(names.joined(separator: " "))\""
  }

  /// One block per row: the party (`Role: Name`), then a ruled line per other column, labelled.
  static func signatures(_ table: TableBlock) -> String {
    var out = "<div class=\"io-signatures\">\n"
    for row in table.rows {
      let party = row.first ?? ""
      let (role, name): (String, String) = {
        guard let colon = party.range(of: ": ") else { return (party, "") }
        return (String(party[..<colon.lowerBound]), String(party[colon.upperBound...]))
      }()
      out += "<div class=\"io-signature\">\n<p class=\"io-party\"><span class=\"io-role\">"
      out += HTMLEscape.escape(role) + "</span>"
      if !name.isEmpty { out += "<br><strong>\(HTMLEscape.escape(name))</strong>" }
      out += "</p>\n"
      for (index, column) in table.columns.enumerated().dropFirst() {
        let value = index < row.count ? row[index] : ""
        let tall = index == 1 ? " io-sign-tall" : ""
        out +=
          "<div class=\"io-sign-line\(tall)\"><div class=\"io-sign-space\">\(HTMLEscape.escape(value))</div>"
          + "<div class=\"io-sign-label\">\(HTMLEscape.escape(column.label))</div></div>\n"
      }
      out += "</div>\n"
    }
    return out + "</div>\n"
  }
}
