import Foundation

/// A table as a CSV download, written beside its page (`<page>.<table id>.csv`).
///
/// The same dialect the importer reads (RFC 4180: comma separated, a field holding a comma, quote
/// or line break is quoted, quotes inside are doubled, lines end with CRLF), with a header row of
/// the column labels. Values are unformatted so spreadsheets can compute with them: counts as plain
/// integers, money in dollars with two decimals (`Budget (USD)`), ratios as percentages
/// (`Pacing (%)`), dates as ISO `2026-11-05`.
///
/// Formula-injection safe, as OWASP recommends: a text cell starting with `=`, `+`, `-`, `@`, a
/// tab or a carriage return (which Excel, LibreOffice and Google Sheets would run as a formula) is
/// prefixed with `'` and quoted, so `=HYPERLINK("http://x")` arrives as the text
/// `'=HYPERLINK("http://x")`. Numbers the renderer writes itself are never prefixed.
public enum TableCSV {
  /// The file name of `table`'s CSV beside a page, or `nil` for a table without an id or rows.
  public static func fileName(_ table: TableBlock, baseName: String) -> String? {
    table.id.isEmpty || table.rows.isEmpty ? nil : "\(baseName).\(table.id).csv"
  }

  /// Every table of `document` that has an id, as (file name, CSV text).
  public static func files(for document: Document, baseName: String) -> [(
    name: String, contents: String
  )] {
    document.blocks.compactMap { block in
      guard case .table(let table) = block, let name = fileName(table, baseName: baseName) else {
        return nil
      }
      return (name, csv(table))
    }
  }

  /// The CSV text of `table`.
  public static func csv(_ table: TableBlock) -> String {
    var out = table.columns.map { field(header($0), guarded: true) }.joined(separator: ",") + "\r\n"
    for (index, row) in table.rows.enumerated() {
      let values = index < table.values.count ? table.values[index] : []
      let cells = table.columns.indices.map { column -> String in
        if column < values.count {
          return cell(values[column], format: table.columns[column].format)
        }
        return field(column < row.count ? row[column] : "", guarded: true)
      }
      out += cells.joined(separator: ",") + "\r\n"
    }
    return out
  }

  static func header(_ column: TableBlock.Column) -> String {
    switch column.format {
    case .currency: return column.label + " (USD)"
    case .percent: return column.label + " (%)"
    default: return column.label
    }
  }

  static func cell(_ value: TemplateValue, format: ValueFormat) -> String {
    if case .null = value { return "" }
    switch format {
    case .number:
      if case .int(let int) = value { return String(int) }
      if case .double(let double) = value, double.isFinite { return plain(double, places: 6) }
    case .currency:
      if let cents = value.doubleValue, cents.isFinite {
        return String(format: "%.2f", cents / 100)
      }
    case .percent:
      if let ratio = value.doubleValue, ratio.isFinite { return plain(ratio * 100, places: 2) }
    case .text, .date:
      break
    }
    return field(value.plainText, guarded: true)
  }

  /// `1234.5`, never `1,234.50` or `1.2345e3`.
  static func plain(_ value: Double, places: Int) -> String {
    var text = String(format: "%.\(places)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  /// One field: prefixed with `'` when a spreadsheet would read it as a formula, quoted when it
  /// holds a comma, quote or line break (or was prefixed).
  static func field(_ text: String, guarded: Bool) -> String {
    var text = text
    var quote = false
    if guarded, let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) {
      text = "'" + text
      quote = true
    }
    if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
    {
      quote = true
    }
    return quote ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
