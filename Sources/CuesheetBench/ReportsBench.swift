import ArgumentParser
import Foundation
import GRDB
import Reports
import Store

/// `cuesheet-bench reports`: builds every default dashboard on a generated network.
///
/// The network has `--shows` shows (5 episodes each, 100 days × 2 sources of metrics per episode, so
/// 1,000 `metrics_daily` rows per show), shows ÷ 5 advertisers with 3 campaigns each, 2 IOs per show,
/// 10 matches per advertiser. With the defaults: 1,000 shows, 200 advertisers, 1 M metrics rows,
/// 1,201 pages. `--scale` repeats the build at smaller sizes to show how time grows with shows.
struct ReportsBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reports", abstract: "Build all dashboards on a generated network.")

  @Option(help: "Shows in the largest network.") var shows = 1000
  @Option(help: "Also measure these smaller show counts, comma-separated.") var scale = "250,500"
  @Option(help: "Templates directory.") var templates = "reports"
  @Option(help: "Output formats: md, html or md,html.") var format = "md,html"
  @Option(help: "Keep the generated database of the largest network here (for EXPLAIN).") var keep:
    String?

  func run() async throws {
    let sizes = scale.split(separator: ",").compactMap { Int($0) }.filter { $0 < shows } + [shows]
    for size in sizes { try measure(shows: size, keep: size == shows ? keep : nil) }
  }

  private func measure(shows: Int, keep: String?) throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("bench.db").path, create: true)
    _ = try Migrator().migrate(
      store, backupDirectory: directory.appendingPathComponent("backups").path)
    let clock = ContinuousClock()
    let generate = try clock.measure { try Self.generate(store, shows: shows) }
    let rows = try store.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics_daily") ?? 0
    }
    print("reports.generate[shows=\(shows)]: \(rows) metrics rows in \(ms(generate)) ms")

    var options = BuildOptions()
    options.formats = format.split(separator: ",").compactMap { OutputFormat(rawValue: String($0)) }
    let builder = ReportBuilder(store: store, templatesDirectory: templates)
    var summary: BuildSummary?
    let cpuBefore = Self.cpuSeconds()
    let build = try clock.measure {
      summary = try builder.build(
        names: [], into: directory.appendingPathComponent("out").path, options: options)
    }
    let cpu = Self.cpuSeconds() - cpuBefore
    guard let summary else { return }
    if let keep {
      try? FileManager.default.removeItem(atPath: keep)
      try store.writer.writeWithoutTransaction { db in
        try db.execute(sql: "VACUUM INTO ?", arguments: [keep])
      }
    }
    let perPage =
      Double(build.components.seconds) * 1000 + Double(build.components.attoseconds) / 1e15
    print(
      "reports.build[shows=\(shows)]: \(summary.pages) pages, \(summary.files) files in \(ms(build)) ms"
    )
    print("reports.build_cpu[shows=\(shows)]: \(String(format: "%.1f", cpu * 1000)) ms")
    print(
      "reports.per_page[shows=\(shows)]: \(String(format: "%.2f", perPage / Double(max(summary.pages, 1)))) ms"
    )
    print(
      "reports.per_page_cpu[shows=\(shows)]: \(String(format: "%.2f", cpu * 1000 / Double(max(summary.pages, 1)))) ms"
    )
    // A rebuild with no data change, then one after a change to one show's metrics (a re-import
    // of one episode-day, every source, with a new value): pages whose inputs did not change run
    // no queries; the others run them and only those whose results changed are rendered.
    let out = directory.appendingPathComponent("out").path
    try rebuild("rebuild_unchanged", shows: shows, builder: builder, out: out, options: options)
    try store.writer.write { db in
      try db.execute(
        sql: """
          UPDATE metrics_daily SET downloads = downloads + 1
          WHERE day = (SELECT max(day) FROM metrics_daily)
            AND episode_id = (SELECT min(episode_id) FROM metrics_daily
                              WHERE day = (SELECT max(day) FROM metrics_daily))
          """)
    }
    try rebuild("rebuild_one_change", shows: shows, builder: builder, out: out, options: options)
    guard keep != nil || shows == self.shows else { return }
    for report in summary.reports {
      let before = Self.cpuSeconds()
      let single = try clock.measure {
        _ = try builder.build(
          names: [report.name], into: directory.appendingPathComponent("one").path, options: options
        )
      }
      let used = (Self.cpuSeconds() - before) * 1000
      print(
        "reports.build_one[shows=\(shows),report=\(report.name)]: \(report.pages) pages in \(ms(single)) ms (cpu \(String(format: "%.1f", used)) ms)"
      )
    }
  }

  /// Builds into `out` again and prints wall and CPU time and how many pages were rendered.
  private func rebuild(
    _ name: String, shows: Int, builder: ReportBuilder, out: String, options: BuildOptions
  ) throws {
    var summary: BuildSummary?
    let before = Self.cpuSeconds()
    let wall = try ContinuousClock().measure {
      summary = try builder.build(names: [], into: out, options: options)
    }
    let cpu = (Self.cpuSeconds() - before) * 1000
    print(
      "reports.\(name)[shows=\(shows)]: \(ms(wall)) ms (cpu \(String(format: "%.1f", cpu)) ms), \(summary?.built ?? 0) pages rendered, \(summary?.unchanged ?? 0) unchanged"
    )
  }

  /// User + system CPU time of this process, in seconds (wall time is inflated on a shared machine).
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }

  private func ms(_ duration: Duration) -> String {
    String(
      format: "%.1f",
      Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
  }

  /// Fills a migrated database with a deterministic network of `shows` shows.
  static func generate(_ store: CuesheetStore, shows: Int) throws {
    let advertisers = max(shows / 5, 1)
    try store.writer.write { db in
      try db.execute(
        sql: """
          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :shows)
          INSERT INTO shows (show_id, name, creator, categories, cpm_cents, created_at, updated_at)
          SELECT printf('show-%04d', i), printf('Show %d', i), printf('Creator %d', i),
            json_array(CASE i % 4 WHEN 0 THEN 'technology' WHEN 1 THEN 'health' WHEN 2 THEN 'comedy' ELSE 'business' END),
            1500 + (i % 20) * 100, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;

          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 4)
          INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at)
          SELECT s.show_id || '-ep' || n.i, s.show_id, 'Episode ' || n.i, date('2026-08-17', '+' || (n.i * 20) || ' days'),
            1800, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM shows s, n;

          INSERT INTO imports (kind, file_name, sha256, status, rows_total, rows_inserted, started_at, finished_at, duration_ms)
          VALUES ('metrics-daily', 'metrics.csv', printf('%064d', 0), 'completed', 0, 0,
            '2026-11-24T05:00:00Z', '2026-11-24T05:00:10Z', 10000);

          WITH RECURSIVE d(i, day) AS (SELECT 0, '2026-08-17' UNION ALL SELECT i + 1, date(day, '+1 day') FROM d WHERE i < 99)
          INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions, import_id)
          SELECT d.day, e.episode_id, src.source,
            100 + (d.i * 7 + e.rowid * 13) % 500, 50 + (d.i * 3 + e.rowid) % 50, 80 + (d.i * 5 + e.rowid) % 400, 1
          FROM episodes e, d, (SELECT 'megaphone' AS source UNION ALL SELECT 'spotify') src;

          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :advertisers)
          INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, created_at, updated_at)
          SELECT printf('adv-%04d', i), printf('Advertiser %d', i), 'retail', 3000, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM n;

          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2)
          INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at, budget_cents, starts_on, ends_on, created_at, updated_at)
          SELECT a.advertiser_id || '-c' || n.i, a.advertiser_id, 'Campaign ' || n.i,
            CASE (a.rowid + n.i) % 6 WHEN 0 THEN 'lead' WHEN 1 THEN 'qualified' WHEN 2 THEN 'proposal'
              WHEN 3 THEN 'negotiation' WHEN 4 THEN 'closed_won' ELSE 'closed_lost' END,
            '2026-11-01T00:00:00Z', 1000000 * (1 + n.i), '2026-10-01', '2026-12-31', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
          FROM advertisers a, n;

          WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 1)
          INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, flight_start, flight_end, rate_type, rate_cents,
            impressions_goal, promo_code, vanity_url, status, status_changed_at, created_at, updated_at)
          SELECT printf('IO-%s-%d', s.show_id, n.i),
            printf('adv-%04d-c%d', 1 + (s.rowid + n.i) % :advertisers, n.i % 3), s.show_id,
            CASE n.i WHEN 0 THEN 'pre' ELSE 'mid' END, '2026-11-01', '2026-11-30', 'cpm', 2500,
            50000 + (s.rowid % 7) * 20000, printf('CODE%d%d', s.rowid, n.i), printf('example.test/%d', s.rowid),
            'live', '2026-11-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
          FROM shows s, n;

          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
          INSERT INTO matches (advertiser_id, show_id, score, rank, signals, reasons, rule_set, rule_hash, calculated_at)
          SELECT a.advertiser_id, printf('show-%04d', 1 + (a.rowid * 17 + n.i * 31) % :shows), 1.0 / n.i, n.i, '{}',
            '["category fit","audience size"]', 'matchmaking', 'h', '2026-11-24T06:00:00Z'
          FROM advertisers a, n WHERE 1 ON CONFLICT DO NOTHING;

          WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000)
          INSERT INTO events (type, occurred_at, subject, payload)
          SELECT 'io.delivered', '2026-11-24T06:00:00Z', 'io:IO-' || i, '{}' FROM n;
          """, arguments: ["shows": shows, "advertisers": advertisers])
    }
  }
}
