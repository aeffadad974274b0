import Foundation
import Reports
import Store
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

  @Test func aWriteToATableThePagesDoNotReadKeepsThem() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(["s": PageIsolationTests.perShow])
    let cache = try DashboardCache(
      store: fixture.store, templatesDirectory: dir, clock: { ReportFixture.builtAt })
    let first = try cache.entry("s")
    try fixture.store.writer.write { db in
      try db.execute(
        sql: "INSERT INTO events (type, occurred_at, subject) VALUES ('io.delivered', 't', 'io:x')")
      try db.execute(sql: "UPDATE io_bookings SET status = 'completed'")
    }
    #expect(try cache.entry("s").generation == first.generation, "events and IOs are not read")
    try fixture.store.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
          VALUES ('show-new', 'New', 'c', 1, 't', 't')
          """)
    }
    let second = try cache.entry("s")
    #expect(second.generation > first.generation, "the pages query reads shows")
    #expect(second.pages.count == first.pages.count + 1)
  }

  @Test func derivedValuesAreMadeOncePerRender() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates(["s": PageIsolationTests.perShow])
    let cache = try DashboardCache(
      store: fixture.store, templatesDirectory: dir, clock: { ReportFixture.builtAt })
    func versions() throws -> DataVersions {
      try fixture.store.writer.read { db in try DataVersions.read(db) }
    }
    var made = 0
    func title(_ id: String) throws -> String? {
      try cache.derived("s", named: id, versions: versions()) { page in
        made += 1
        return page.document.title
      }
    }
    #expect(try title("show-tech") == "Tech Daily")
    #expect(try title("show-tech") == "Tech Daily")
    #expect(made == 1)
    #expect(try title("no-such-show") == nil)
    #expect(made == 1)
    try fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE shows SET name = 'Tech Weekly' WHERE show_id = 'show-tech'")
    }
    #expect(try title("show-tech") == "Tech Weekly")
    #expect(made == 2)
  }
}
