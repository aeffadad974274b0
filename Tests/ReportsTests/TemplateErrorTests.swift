import CuesheetTesting
import Foundation
import Reports
import Testing

/// Template errors name the file, line and column. The expected position is marked in the
/// template text with 1️⃣ (removed before parsing), so no column is counted by hand.
@Suite struct TemplateErrorTests {
  struct Case: Sendable, CustomStringConvertible {
    let name: String
    let text: String
    let message: String
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "unknown tag", text: "---\ntitle: T\n---\nHello\n{% 1️⃣tabel x %}\n",
      message: "unknown tag \"tabel\""),
    Case(
      name: "bad expression", text: "---\ntitle: T\n---\nValue: {{ 1️⃣) }}\n",
      message: "bad expression"),
    Case(
      name: "unclosed for", text: "---\ntitle: T\n---\n{% 1️⃣for x in [1, 2] %}\n{{ x }}\n",
      message: "is not closed"),
    Case(
      name: "unclosed interpolation", text: "---\ntitle: T\n---\nok\n  1️⃣{{ x \n",
      message: "is not closed"),
    Case(
      name: "unknown front matter key", text: "---\ntitle: T\n1️⃣colour: red\n---\n",
      message: "unknown front matter key \"colour\""),
    Case(
      name: "unknown format",
      text: "---\ntitle: T\n---\n{% table q 1️⃣n=\"N|money\" %}\n```sql q\nSELECT 1 AS n\n```\n",
      message: "unknown format \"money\""),
    Case(
      name: "unknown column",
      text:
        "---\ntitle: T\n---\n```sql q\nSELECT 1 AS downloads\n```\n{% table 1️⃣q downloadz=\"D\" %}\n",
      message: "unknown column \"downloadz\" in SQL block \"q\"; did you mean \"downloads\"?"),
    Case(
      name: "unknown block",
      text:
        "---\ntitle: T\n---\n{% line 1️⃣trnd x=day y=n %}\n```sql trend\nSELECT 1 AS day, 2 AS n\n```\n",
      message: "no SQL block named \"trnd\""),
    Case(
      name: "bad SQL", text: "---\ntitle: T\n---\nText\n```sql q\n1️⃣SELEC 1\n```\n",
      message: "query \"q\" failed"),
    Case(
      name: "unknown name", text: "---\ntitle: T\n---\nHi {{ 1️⃣nmae }}\n",
      message: "nmae"),
    Case(
      name: "missing field",
      text:
        "---\ntitle: T\n---\n```sql q\nSELECT 1 AS n\n```\n{% for row in q %}{{ 1️⃣row.m }}{% end %}\n",
      message: "no such key"),
    Case(
      name: "bad pages SQL", text: "---\ntitle: T\npages: 1️⃣SELECT * FROM nowhere\n---\n",
      message: "no such table: nowhere"),
  ]

  @Test(arguments: cases)
  func errorNamesFileLineAndColumn(_ testCase: Case) throws {
    let marked = MarkedSource(testCase.text)
    let text = marked.text
    let position = try #require(marked.positions.first)
    let (line, column) = (position.line, position.column)
    let fixture = try ReportFixture(loadNetwork: false)
    let dir = try fixture.templates(["broken": text])
    let file = dir + "/broken.md"
    do {
      _ = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
        names: ["broken"], into: fixture.path("out"), options: ReportFixture.options())
      Issue.record("no error for \(testCase.name)")
    } catch let error as ReportError {
      #expect(
        error.description.hasPrefix("\(file):\(line):\(column): "), "got: \(error.description)")
      #expect(error.description.contains(testCase.message), "got: \(error.description)")
    }
  }

  @Test func unknownReportListsKnownOnes() throws {
    let fixture = try ReportFixture(loadNetwork: false)
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    #expect(
      throws: ReportError.unknownReport(
        name: "nope", directory: ReportFixture.defaultTemplates,
        known: ["advertiser", "creator", "io", "io-modern", "ops"])
    ) {
      try builder.build(
        names: ["nope"], into: fixture.path("out"), options: ReportFixture.options())
    }
  }
}
