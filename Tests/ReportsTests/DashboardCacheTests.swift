import Foundation
import Reports
import Testing

/// The server's dashboard pages are rendered once per data change, and one failing page never
/// fails another (issue #16, issue #23 item 4).
@Suite struct DashboardCacheTests {
  @Test func pagesAreRenderedOncePerDataChange() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(["s": PageIsolationTests.perShow])
    let cache = try DashboardCache(
      store: fixture.store, templatesDirectory: dir, clock: { ReportFixture.builtAt })
    let first = try cache.entry("s")
    #expect(try cache.entry("s").generation == first.generation, "no change, no render")
    let page = try #require(try cache.page("s", named: "show-tech"))
    #expect(page.document.title == "Tech Daily")
    try fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE shows SET name = 'Tech Weekly' WHERE show_id = 'show-tech'")
    }
    #expect(try cache.entry("s").generation > first.generation, "a data change renders again")
    #expect(try cache.page("s", named: "show-tech")?.document.title == "Tech Weekly")
  }

  @Test func oneFailingPageDoesNotFailAnother() throws {
    let fixture = try ReportFixture()
    try fixture.store.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at) VALUES
            ('byte/sized', 'Broken', 'c', 1, 't', 't'), ('byte-sized', 'Byte Sized', 'c', 1, 't', 't')
          """)
    }
    let dir = try fixture.templates(["s": PageIsolationTests.perShow])
    let cache = try DashboardCache(
      store: fixture.store, templatesDirectory: dir, clock: { ReportFixture.builtAt })
    #expect(try cache.page("s", named: "byte-sized")?.document.title == "Byte Sized")
    #expect(try cache.page("s", named: "show-run")?.document.title == "Running Late")
    #expect(throws: ReportError.self) { try cache.page("s", named: "byte/sized") }
    #expect(try cache.page("s", named: "no-such-show") == nil)
  }
}
