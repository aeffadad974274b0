import Foundation
import Reports
import Testing

/// Issue #23 item 4: output names stay unique after cleaning, and one failing page never stops
/// the other pages from being published.
@Suite struct PageIsolationTests {
  static let perShow = """
    ---
    title: "{{ name }}"
    pages: SELECT show_id, name FROM shows ORDER BY show_id
    output: "{{ show_id }}"
    ---
    ```sql me
    SELECT name, CASE WHEN name = 'Broken' THEN json('not json') ELSE 1 END AS ok
    FROM shows WHERE show_id = :show_id
    ```
    {% for row in me %}Show {{ row.name }}{% end %}
    """

  func addShow(_ fixture: ReportFixture, id: String, name: String) throws {
    try fixture.store.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
          VALUES (?, ?, 'c', 1, 't', 't')
          """, arguments: [id, name])
    }
  }

  @Test("ids that clean to the same file name both get a page, the clean one keeps its name")
  func collidingNamesGetAHashSuffix() throws {
    let fixture = try ReportFixture()
    try addShow(fixture, id: "byte-sized", name: "Byte Sized")
    try addShow(fixture, id: "byte/sized", name: "Byte Slash Sized")
    let dir = try fixture.templates(["s": Self.perShow])
    let summary = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
      names: [], into: fixture.path("out"), options: ReportFixture.options())
    #expect(summary.pages == 5)
    #expect(summary.warnings.isEmpty)
    let files = try ReportFixture.tree(fixture.path("out"))
    #expect(files["s/byte-sized.md"]?.contains("Show Byte Sized") == true)
    let slash = files.filter { $0.key.hasPrefix("s/byte-sized-") && $0.key.hasSuffix(".md") }
    #expect(slash.count == 1, "\(files.keys.sorted())")
    #expect(slash.first?.value.contains("Show Byte Slash Sized") == true)
    // The suffix depends only on the id, so the name is the same in every build.
    let again = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
      names: [], into: fixture.path("again"), options: ReportFixture.options())
    #expect(again.pages == 5)
    #expect(try ReportFixture.tree(fixture.path("again")).keys.sorted() == files.keys.sorted())
    // And the index links every page once.
    let index = try #require(files["index.md"])
    for page in files.keys where page.hasPrefix("s/") && page.hasSuffix(".md") {
      #expect(index.contains("](\(page))"), "index.md does not link \(page)")
    }
  }

  @Test("a page whose query fails does not stop the others being published")
  func oneFailingPageDoesNotStopTheOthers() throws {
    let fixture = try ReportFixture()
    try addShow(fixture, id: "show-broken", name: "Broken")
    let dir = try fixture.templates(["s": Self.perShow, "other": PublishTests.good])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    do {
      _ = try builder.build(names: [], into: fixture.path("out"), options: ReportFixture.options())
      Issue.record("the build did not report the failing page")
    } catch let error as ReportError {
      guard case .pagesFailed(let failures, let summary) = error else {
        Issue.record("unexpected error \(error)")
        return
      }
      #expect(failures.count == 1)
      #expect(failures.first?.contains("query \"me\" failed") == true)
      #expect(failures.first?.contains("show-broken") == true)
      #expect(summary.built == 3 + 1, "three good show pages and the other report")
      #expect(error.description.contains("4 other page(s) were published"))
    }
    let files = try ReportFixture.tree(fixture.path("out"))
    #expect(files["s/show-tech.md"]?.contains("Show Tech Daily") == true)
    #expect(files["s/show-run.md"] != nil)
    #expect(files["other/index.md"] != nil)
    #expect(files["s/show-broken.md"] == nil)
    #expect(files["index.md"]?.contains("show-broken") == false)
  }

  @Test("a page that fails keeps its previous version")
  func failedPageKeepsItsLastGoodVersion() throws {
    let fixture = try ReportFixture()
    try addShow(fixture, id: "show-broken", name: "Fine for now")
    let dir = try fixture.templates(["s": Self.perShow])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    let out = fixture.path("out")
    _ = try builder.build(names: [], into: out, options: ReportFixture.options())
    try fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE shows SET name = 'Broken' WHERE show_id = 'show-broken'")
      try db.execute(sql: "UPDATE shows SET name = 'Tech Weekly' WHERE show_id = 'show-tech'")
    }
    #expect(throws: ReportError.self) {
      try builder.build(names: [], into: out, options: ReportFixture.options())
    }
    let files = try ReportFixture.tree(out)
    #expect(files["s/show-broken.md"]?.contains("Show Fine for now") == true)
    #expect(files["s/show-tech.md"]?.contains("Show Tech Weekly") == true)
    #expect(files["index.md"]?.contains("s/show-broken.md") == true)
  }
}
