/// The stylesheet of an IO document, for screen and print (WeasyPrint):
///
/// - one font family everywhere, page margin boxes included (they do not inherit the body's);
/// - the paper size from the terms file (`A4` or `Letter`), page numbers and the IO number,
///   revision and short content hash in the running footer;
/// - line items and totals ruled, money right-aligned in tabular figures, Net in bold; cells of
///   the line items never wrap (dates, placements, amounts stay whole) except show names, volumes
///   and URLs; the terms (the section headed "Terms") in two columns of smaller type;
/// - rows never split across pages, table headers repeated on every page, headings kept with what
///   follows, signature blocks kept whole;
/// - signature blocks side by side, a ruled and labelled line each for signature (tall enough to
///   sign), name, title and date;
/// - a DRAFT watermark on drafts.
enum IOPrintStylesheet {
  static let font = "\"Liberation Sans\", \"Helvetica Neue\", Helvetica, Arial, sans-serif"

  static func css(for document: IODocument) -> String {
    let footer = cssString(
      "\(document.number) · "
        + (document.revision.map { "Revision \($0)" }
          ?? (document.isDraft ? "DRAFT" : "Not issued"))
        + (document.contentSHA256.map { " · \($0.prefix(12))" } ?? ""))
    let size = (document.terms.pageSize ?? .a4).rawValue
    var css = """
      *{box-sizing:border-box}
      html{font-family:\(font);color:#111;background:#fff}
      body{margin:0 auto;max-width:52rem;padding:1rem;font-size:9pt;line-height:1.32}
      @page{size:\(size);margin:12mm 14mm 14mm 14mm;\
      @bottom-left{content:\(footer);font-family:\(font);font-size:7.5pt;color:#444}\
      @bottom-right{content:"Page " counter(page) " of " counter(pages);font-family:\(font);\
      font-size:7.5pt;color:#444}}
      .io-head h1{font-size:16pt;margin:0 0 .15rem;letter-spacing:-.01em}
      h2{font-size:10pt;margin:.6rem 0 .25rem;padding-bottom:.1rem;border-bottom:1.5px solid #111;\
      break-after:avoid;page-break-after:avoid}
      p,ul{margin:.25rem 0}ul{padding-left:1rem}li{margin:.1rem 0}
      .prose p:first-child{margin-top:0}
      .io-sec-terms ul{columns:2;column-gap:7mm;font-size:7.5pt;line-height:1.25;padding-left:.8rem}
      .io-sec-terms li{break-inside:avoid;page-break-inside:avoid}
      table{border-collapse:collapse;width:100%;margin:.3rem 0 .4rem;font-size:8.2pt}
      thead{display:table-header-group}
      tr{break-inside:avoid;page-break-inside:avoid}
      th{font-weight:bold;text-align:left;border-top:1.5px solid #111;border-bottom:1px solid #111;\
      padding:.2rem .35rem;vertical-align:bottom}
      td{padding:.18rem .35rem;border-bottom:.5px solid #999;vertical-align:top}
      table.io-totals td{padding:.1rem .35rem}
      .num,td.c-total,th.c-total,td.c-rate,th.c-rate,td.c-amount,th.c-amount{text-align:right;\
      font-variant-numeric:tabular-nums;white-space:nowrap}
      table.io-lines td,table.io-lines th{white-space:nowrap}
      table.io-lines td.c-show,table.io-lines td.c-volume,table.io-lines td.c-vanity_url{white-space:normal}
      table.io-totals,table.io-key_dates{width:auto;min-width:45%;margin-left:auto}
      table.io-totals{float:right;margin:.3rem 0 .4rem 6mm}
      table.io-totals+section,table.io-totals+table{clear:none}
      h2,.io-signatures,table.io-lines{clear:both}
      table.io-key_dates{float:left;margin:.3rem 6mm .4rem 0;min-width:40%}
      table.io-key_dates~section{clear:both}
      table.io-totals tr.io-net td{font-weight:bold;border-top:1.5px solid #111;border-bottom:2.5px double #111}
      .io-kpis{display:flex;flex-wrap:wrap;margin:.45rem 0 .7rem;border:1px solid #111}
      .io-kpi{flex:1 1 auto;padding:.4rem .6rem;border-left:1px solid #bbb}
      .io-kpi:first-child{border-left:none}
      .io-kpi-label{font-size:7pt;text-transform:uppercase;letter-spacing:.04em;color:#444}
      .io-kpi-value{font-size:11.5pt;font-weight:bold;white-space:nowrap;font-variant-numeric:tabular-nums}
      .io-signatures{display:flex;flex-wrap:wrap;gap:6mm;margin-top:.2rem;break-inside:avoid;\
      page-break-inside:avoid}
      .io-sec-signatures{break-inside:avoid;page-break-inside:avoid}
      .io-signatures{break-before:avoid;page-break-before:avoid}
      .io-signature{flex:1 1 50mm;min-width:50mm;break-inside:avoid;page-break-inside:avoid}
      .io-party{margin:0;min-height:2.3em}
      .io-role{font-size:7pt;text-transform:uppercase;letter-spacing:.04em;color:#444}
      .io-sign-line .io-sign-space{height:6.5mm;border-bottom:1px solid #111}
      .io-sign-line.io-sign-tall .io-sign-space{height:11mm}
      .io-sign-label{font-size:6.5pt;color:#444}
      @media print{body{max-width:none;padding:0}}
      """
    if document.isDraft {
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
