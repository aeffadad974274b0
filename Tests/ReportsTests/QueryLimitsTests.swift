import Foundation
import Reports
import Testing

@Suite(.timeLimit(.minutes(20))) struct QueryLimitsTests {
  func build(
    _ sql: String, _ fixture: ReportFixture, options: BuildOptions = ReportFixture.options()
  ) throws {
    let dir = try fixture.templates([
      "q": """
      ---
      title: Q
      ---
      ```sql q
      \(sql)
      ```
      {% table q %}
      """
    ])
    _ = try ReportBuilder(store: fixture.store, templatesDirectory: dir).build(
      names: [], into: fixture.path("out"), options: options)
  }

  @Test(arguments: [
    "UPDATE shows SET name = 'pwned'",
    "DELETE FROM metrics_daily",
    "INSERT INTO events (type, occurred_at, subject) VALUES ('x.y', 'now', 's')",
    "DROP TABLE shows",
    "PRAGMA query_only = OFF; UPDATE shows SET name = 'pwned'",
  ])
  func templatesCannotModifyData(sql: String) throws {
    let fixture = try ReportFixture()
    let before = try fixture.dump()
    #expect(throws: ReportError.self) { try build(sql, fixture) }
    #expect(try fixture.dump() == before)
  }

  @Test func updateFailsWithAReadOnlyMessage() throws {
    let fixture = try ReportFixture()
    do {
      try build("UPDATE shows SET name = 'pwned'", fixture)
      Issue.record("the UPDATE ran")
    } catch let error as ReportError {
      #expect(error.description.contains("q.md:5:1: query \"q\" failed"))
      #expect(error.description.contains("read"))
    }
  }

  @Test func rowLimit() throws {
    let fixture = try ReportFixture()
    var options = ReportFixture.options()
    options.rowLimit = 10
    #expect(throws: ReportError.self) {
      try build("SELECT * FROM metrics_daily", fixture, options: options)
    }
    try build("SELECT * FROM metrics_daily LIMIT 10", fixture, options: options)
  }

  @Test func timeLimitInterruptsARunawayQuery() throws {
    let fixture = try ReportFixture()
    var options = ReportFixture.options()
    options.timeLimit = .milliseconds(200)
    do {
      try build(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n",
        fixture, options: options)
      Issue.record("the runaway query finished")
    } catch let error as ReportError {
      #expect(error.description.contains("time limit"))
    }
  }

  @Test func pageParametersAreBoundNotPasted() throws {
    let fixture = try ReportFixture()
    try fixture.store.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
          VALUES ('x''; DROP TABLE shows; --', 'Quote''s', 'c', 1, 't', 't')
          """)
    }
    let dir = try fixture.templates([
      "p": """
      ---
      title: "{{ name }}"
      pages: SELECT show_id, name FROM shows ORDER BY show_id
      ---
      ```sql me
      SELECT name FROM shows WHERE show_id = :show_id
      ```
      {% for row in me %}Found {{ row.name }}{% end %}
      """
    ])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    let summary = try builder.build(
      names: [], into: fixture.path("out"), options: ReportFixture.options())
    #expect(summary.pages == 4)
    let files = try ReportFixture.tree(fixture.path("out"))
    #expect(files.values.contains { $0.contains("Found Quote's") })
  }
}
