import CuesheetTesting
import Foundation
import Reports
import Testing

/// Each default dashboard, built on the fixture network at a fixed time, matches its golden files.
@Suite(.timeLimit(.minutes(20))) struct GoldenTests {
  @Test(arguments: ["creator", "advertiser", "ops"])
  func defaultDashboardMatchesGolden(report: String) throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    _ = try builder.build(names: [report], into: out, options: ReportFixture.options())
    let files = try ReportFixture.tree(out).filter { $0.key.hasPrefix(report + "/") }
    #expect(!files.isEmpty)
    let markdown = files.filter { !$0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }
      .map { "=== \($0.key) ===\n\($0.value)" }.joined(separator: "\n")
    let html = files.filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }
      .map { "=== \($0.key) ===\n\($0.value)" }.joined(separator: "\n")
    try goldenFiles.assertMatches(markdown, named: "\(report).md.golden")
    try goldenFiles.assertMatches(html, named: "\(report).html.golden")
  }

  @Test func indexLinksEveryPage() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    let summary = try builder.build(names: [], into: out, options: ReportFixture.options())
    #expect(summary.pages == 3 + 2 + 1)
    let files = try ReportFixture.tree(out)
    let index = try #require(files["index.md"])
    let html = try #require(files["index.html"])
    for page in files.keys where page.hasSuffix(".md") && page != "index.md" {
      #expect(index.contains("](\(page))"), "index.md does not link \(page)")
      let htmlPage = page.dropLast(3) + ".html"
      #expect(html.contains("href=\"\(htmlPage)\""), "index.html does not link \(htmlPage)")
    }
    try goldenFiles.assertMatches(index, named: "index.md.golden")
  }

  @Test func everyPageStatesWhenAndFromWhichData() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    _ = try builder.build(names: [], into: out, options: ReportFixture.options())
    for (name, text) in try ReportFixture.tree(out)
    where name.hasSuffix(".md") || name.hasSuffix(".html") {
      #expect(text.contains("Built 25 Nov 2026 06:00 UTC"), "\(name) lacks its build time")
      #expect(
        text.contains("latest import") && text.contains("metrics 1 Oct 2026"),
        "\(name) lacks its data")
    }
  }
}
