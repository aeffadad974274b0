import Foundation
import Reports
import Testing

@Suite struct EscapingTests {
  @Test func hostileShowNameIsTextInMarkdownAndHTML() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    _ = try builder.build(names: ["creator"], into: out, options: ReportFixture.options())
    let files = try ReportFixture.tree(out)
    let html = try #require(files["creator/show-xss.html"])
    let markdown = try #require(files["creator/show-xss.md"])
    #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<img"))
    #expect(markdown.contains("\\<script\\>alert(1)\\</script\\>"))
    for (name, text) in files where name.hasSuffix(".html") || name.hasSuffix(".svg") {
      #expect(!text.lowercased().contains("<script"), "\(name) contains a script tag")
    }
  }

  struct Case: Sendable, CustomStringConvertible {
    let value: String
    let forbidden: String
    var description: String { value }
  }

  @Test(arguments: [
    Case(value: "<script>alert(1)</script>", forbidden: "<script"),
    Case(value: "[click](javascript:alert(1))", forbidden: "href=\"javascript"),
    Case(value: "<img src=x onerror=alert(1)>", forbidden: "<img"),
    Case(value: "**not bold**", forbidden: "<strong>"),
    Case(value: "`code`", forbidden: "<code>"),
    Case(value: "&lt;already&gt;", forbidden: "&lt;already"),
  ])
  func interpolatedValuesNeverBecomeMarkup(_ testCase: Case) throws {
    let fixture = try ReportFixture(loadNetwork: false)
    let template = try TemplateParser().parse(
      """
      ---
      title: Test
      pages: SELECT '\(testCase.value.replacingOccurrences(of: "'", with: "''"))' AS value
      ---
      Value: {{ value }}

      ```sql data
      SELECT :value AS value
      ```
      {% table data value="Value" %}
      """, name: "page", file: "page.md")
    let pages = try ReportBuilder(
      store: fixture.store, templatesDirectory: fixture.path("templates")
    ).renderPages(template)
    let page = try #require(pages.first)
    let html = HTMLRenderer().render(page.document)
    #expect(!html.contains(testCase.forbidden))
    let markdown = MarkdownRenderer().render(page.document, baseName: "page").markdown
    #expect(Markdown.html(from: markdown).contains(testCase.forbidden) == false)
  }

  @Test func libcmarkDropsRawHTML() {
    let html = Markdown.html(from: "Hello <script>alert(1)</script> **world**")
    #expect(!html.contains("<script"))
    #expect(html.contains("<strong>world</strong>"))
  }
}
