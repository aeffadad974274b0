import Foundation
import Testing

@testable import Reports

/// The CSV download beside each table: the importer's quoting, plain values, no formulas.
@Suite struct TableCSVTests {
  static let table = TableBlock(
    columns: [
      .init(label: "IO", format: .text), .init(label: "Budget", format: .currency),
      .init(label: "Pacing", format: .percent, riskBelow: 0.9),
      .init(label: "Goal", format: .number),
      .init(label: "From", format: .date),
    ],
    rows: [
      ["IO-1005", "$1,234.56", "49.2%", "250,000", "5 Nov 2026"],
      ["=HYPERLINK(\"http://x\")", "-$5.00", "–", "1.5", "6 Nov 2026"],
      ["Comma, \"quoted\"\nline", "$0.00", "100.0%", "-3", "@home"],
    ], id: "table-1",
    values: [
      [.string("IO-1005"), .int(123_456), .double(0.4923), .int(250_000), .string("2026-11-05")],
      [
        .string("=HYPERLINK(\"http://x\")"), .int(-500), .null, .double(1.5), .string("2026-11-06"),
      ],
      [.string("Comma, \"quoted\"\nline"), .int(0), .double(1), .int(-3), .string("@home")],
    ])

  @Test func writesPlainValuesWithTheImportersQuoting() {
    let lines = TableCSV.csv(Self.table).components(separatedBy: "\r\n")
    #expect(lines[0] == "IO,Budget (USD),Pacing (%),Goal,From")
    #expect(lines[1] == "IO-1005,1234.56,49.23,250000,2026-11-05")
    #expect(lines[2] == "\"'=HYPERLINK(\"\"http://x\"\")\",-5.00,,1.5,2026-11-06")
    // A line break inside a quoted field stays in the field.
    #expect(lines[3] == "\"Comma, \"\"quoted\"\"\nline\",0.00,100,-3,\"'@home\"")
    #expect(lines.count == 5 && lines[4].isEmpty)
  }

  @Test(
    "text that a spreadsheet would run is prefixed and quoted",
    arguments: ["=1+1", "+1", "-2", "@SUM(A1)", "\tx", "\rx"])
  func formulasAreDefused(text: String) {
    let field = TableCSV.field(text, guarded: true)
    #expect(field.hasPrefix("\"'"), "\(field)")
  }

  @Test func fileNamesSitBesideThePage() {
    #expect(TableCSV.fileName(Self.table, baseName: "the-ledger") == "the-ledger.table-1.csv")
    #expect(TableCSV.fileName(TableBlock(columns: [], rows: []), baseName: "x") == nil)
    #expect(
      TableCSV.fileName(TableBlock(columns: [], rows: [], id: "table-2"), baseName: "x") == nil)
  }

  @Test func atRiskCellsAreMarkedInTheHTML() {
    let html = HTMLRenderer.table(Self.table, csv: "p.table-1.csv")
    #expect(
      html.contains("<td class=\"num nw risk\">49.2% <span class=\"risk-tag\">at risk</span>"))
    #expect(html.contains("href=\"p.table-1.csv\" download>Download these 3 rows as CSV"))
    #expect(Self.table.isAtRisk(row: 0, column: 2))
    #expect(!Self.table.isAtRisk(row: 2, column: 2))
    #expect(!Self.table.isAtRisk(row: 1, column: 2))
  }
}
