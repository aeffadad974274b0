import CuesheetTesting
import Foundation
import GRDB
import Reports
import Store
import Testing

/// Issue #16: a rebuild keeps a page without running its queries when its inputs (template, page
/// row, `:today`, the markers of the tables its queries read) did not change, and rebuilds it after
/// every kind of write that reaches it.
@Suite(.timeLimit(.minutes(20))) struct InputFingerprintTests {
  struct Write: Sendable, CustomStringConvertible {
    var description: String
    /// The report whose output the write changes.
    var report: String
    var sql: String
  }

  static let writes: [Write] = [
    Write(
      description: "an import of a new source's row (an insert: no trigger, a higher rowid)",
      report: "ops",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-11-20', 'ep-run-1', 'apple', 1, 1, 1)
        """),
    Write(
      description: "a re-import with a changed value (an upsert)", report: "creator",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-11-20', 'ep-run-1', 'megaphone', 9999, 10, 10)
        ON CONFLICT (day, episode_id, source) DO UPDATE SET downloads = excluded.downloads,
          listeners = excluded.listeners, impressions = excluded.impressions
        WHERE downloads <> excluded.downloads
        """),
    Write(
      description: "deleted metrics rows", report: "creator",
      sql: "DELETE FROM metrics_daily WHERE day = '2026-11-23' AND episode_id = 'ep-tech-1'"),
    Write(
      description: "a deal's stage change", report: "advertiser",
      sql: """
        UPDATE campaigns SET stage = 'closed_lost', stage_changed_at = '2026-11-24T12:00:00Z'
        WHERE campaign_id = 'camp-evil'
        """),
    Write(
      description: "an IO's status change", report: "ops",
      sql: "UPDATE io_bookings SET status = 'completed' WHERE io_id = 'IO-1001'"),
    Write(
      description: "an event", report: "ops",
      sql: """
        INSERT INTO events (type, occurred_at, subject, payload)
        VALUES ('io.delivered', '2026-11-24T23:00:00Z', 'io:IO-1002', '{"io_id":"IO-1002"}')
        """),
    Write(
      description: "new sell-through figures", report: "creator",
      sql: """
        UPDATE sell_through SET sold_undelivered = sold_undelivered + 100,
          available = available - 100
        WHERE show_id = 'show-tech' AND status = 'ok'
        """),
    Write(
      description: "a match recalculation", report: "advertiser",
      sql:
        "UPDATE matches SET score = 0.42 WHERE advertiser_id = 'adv-acme' AND show_id = 'show-run'"),
  ]

  func options(incremental: Bool = true, builtAt: Date = ReportFixture.builtAt) -> BuildOptions {
    var options = ReportFixture.options()
    options.workers = 2
    options.incremental = incremental
    options.builtAt = builtAt
    return options
  }

  @Test("a write rebuilds the pages it reaches, exactly as a full build", arguments: writes)
  func writeRebuilds(_ write: Write) throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    let first = try builder.build(names: [], into: out, options: options())
    let before = try ReportFixture.tree(out)
    try fixture.store.writer.write { db in try db.execute(sql: write.sql) }
    let rebuilt = try builder.build(names: [], into: out, options: options())
    #expect(rebuilt.built > 0 && rebuilt.built < first.pages)
    let after = try ReportFixture.tree(out)
    #expect(
      after.contains { $0.key.hasPrefix(write.report + "/") && before[$0.key] != $0.value },
      "the write shows on a \(write.report) page")
    _ = try builder.build(
      names: [], into: fixture.path("full"), options: options(incremental: false))
    let full = try ReportFixture.tree(fixture.path("full"))
    #expect(after.keys.sorted() == full.keys.sorted())
    for (name, text) in full { #expect(after[name] == text, "\(name) differs from a full build") }
  }

  @Test("a new day rebuilds every page (pages bind :today), exactly as a full build")
  func newDayRebuilds() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    _ = try builder.build(names: [], into: out, options: options())
    let tomorrow = ReportFixture.builtAt.addingTimeInterval(86_400)
    let sameDay = try builder.build(
      names: [], into: out, options: options(builtAt: ReportFixture.builtAt.addingTimeInterval(60)))
    #expect(sameDay.built == 0)
    let rebuilt = try builder.build(names: [], into: out, options: options(builtAt: tomorrow))
    #expect(rebuilt.built == rebuilt.pages && rebuilt.unchanged == 0)
    _ = try builder.build(
      names: [], into: fixture.path("full"), options: options(incremental: false, builtAt: tomorrow)
    )
    #expect(try ReportFixture.tree(out) == ReportFixture.tree(fixture.path("full")))
  }

  static let names = """
    ---
    title: Names
    ---
    ```sql shows
    SELECT show_id, name FROM shows ORDER BY show_id
    ```
    {% table shows show_id="Id" name="Name" %}
    """
  static let namesToday = """
    ---
    title: Names today
    ---
    ```sql shows
    SELECT show_id, name, date('now') IS NOT NULL AS today FROM shows ORDER BY show_id
    ```
    {% table shows show_id="Id" name="Name" %}
    """
  static let namedByQuery = """
    ---
    title: Named by a query
    pages: SELECT show_id FROM shows ORDER BY show_id
    output: "{{ first[0].name }}"
    ---
    ```sql first
    SELECT name FROM shows WHERE show_id = :show_id
    ```
    {{ first[0].name }}
    """

  /// A change the markers cannot see (its counter set back) shows which pages were kept without
  /// running their queries: those of a template whose queries read neither the clock nor random
  /// numbers and whose pages are named by their rows.
  @Test("only templates without clock reads and named by their rows skip their queries")
  func fastPathOnlyWhenSound() throws {
    let fixture = try ReportFixture()
    let dir = try fixture.templates([
      "names": Self.names, "names-today": Self.namesToday, "named": Self.namedByQuery,
    ])
    let builder = ReportBuilder(store: fixture.store, templatesDirectory: dir)
    let out = fixture.path("out")
    _ = try builder.build(names: [], into: out, options: options())
    try fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE shows SET name = 'Renamed' WHERE show_id = 'show-run'")
      try db.execute(
        sql: "UPDATE data_versions SET version = version - 1 WHERE table_name = 'shows'")
    }
    let rebuilt = try builder.build(names: [], into: out, options: options())
    let tree = try ReportFixture.tree(out)
    #expect(tree["names/index.md"]?.contains("Renamed") == false, "kept without its query")
    #expect(tree["names-today/index.md"]?.contains("Renamed") == true, "reads the clock")
    #expect(tree.keys.contains("named/Renamed.md"), "named by a query")
    #expect(rebuilt.built == 1 + 1)
  }

  /// The default dashboards read the resolved-metrics view: their pages are kept without running
  /// their queries (a change hidden from the markers shows it), and a change the markers see
  /// rebuilds them.
  @Test("the default dashboards skip their queries when no table they read changed")
  func defaultDashboardsTakeTheFastPath() throws {
    let fixture = try ReportFixture()
    let builder = ReportBuilder(
      store: fixture.store, templatesDirectory: ReportFixture.defaultTemplates)
    let out = fixture.path("out")
    let first = try builder.build(names: [], into: out, options: options())
    let before = try ReportFixture.tree(out)
    let change = """
      UPDATE metrics_daily SET downloads = downloads + 500, listeners = listeners + 1
      WHERE day = '2026-11-20' AND episode_id = 'ep-run-1'
      """
    try fixture.store.writer.write { db in
      try db.execute(sql: change)
      try db.execute(
        sql: "UPDATE data_versions SET version = version - 2 WHERE table_name = 'metrics_daily'")
    }
    let hidden = try builder.build(names: [], into: out, options: options())
    #expect(hidden.built == 0 && hidden.unchanged == first.pages)
    #expect(try ReportFixture.tree(out) == before, "kept without running a query")
    try fixture.store.writer.write { db in try db.execute(sql: change) }
    let seen = try builder.build(names: [], into: out, options: options())
    #expect(seen.built > 0)
    #expect(try ReportFixture.tree(out)["creator/show-run.md"] != before["creator/show-run.md"])
  }
}
