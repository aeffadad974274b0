/// CSS added to an IO document's HTML: print rules for the PDF (page size and margins, page numbers,
/// the IO number in the page header, rows never split, table headers repeated on every page), money
/// columns right-aligned (the first two tables of `reports/io.md`: line items and totals), signature
/// lines (its last table), and a DRAFT watermark on drafts.
enum IOPrintStylesheet {
  /// The stylesheet for a document numbered `number` at `version`.
  static func css(number: String, version: Int, draft: Bool) -> String {
    let header = cssString(
      "Insertion order \(number) · version \(version)\(draft ? " · DRAFT" : "")")
    var css = """
      @page{size:A4;margin:18mm 15mm 20mm 15mm;\
      @top-right{content:\(header);font-size:8pt;color:#555}\
      @bottom-center{content:"Page " counter(page) " of " counter(pages);font-size:8pt;color:#555}}
      tr{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}
      h2{break-after:avoid;page-break-after:avoid}
      main>.table-wrap td:last-child,main>.table-wrap th:last-child{white-space:nowrap}
      main>.table-wrap:nth-of-type(-n+2) td:last-child,main>.table-wrap:nth-of-type(-n+2) th:last-child{\
      text-align:right;font-variant-numeric:tabular-nums}
      main>.table-wrap:last-of-type td{height:3.2em;border-bottom:1px solid currentColor}
      main>.table-wrap:last-of-type td:first-child{border-bottom:1px solid var(--line);width:35%}
      @media print{body{font-size:9.5pt}.table-wrap{overflow:visible}table{font-size:8.5pt}\
      footer{font-size:7pt}}
      """
    if draft {
      css += """

        body::before{content:"DRAFT";position:fixed;top:38%;left:0;right:0;text-align:center;\
        font-size:110pt;font-weight:800;color:rgba(185,28,28,.13);transform:rotate(-30deg);z-index:-1;\
        pointer-events:none}
        """
    }
    return css
  }

  /// A CSS string literal: quotes and backslashes escaped, control characters dropped.
  static func cssString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\": out += "\\\(scalar)"
      case _ where scalar.value < 0x20 || scalar == "<" || scalar == ">":
        out += "\\\(String(scalar.value, radix: 16)) "
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }
}
