import CuesheetTesting
import Foundation
import GRDB
import Testing

@testable import Store

/// Pack 5 replaced the definition of `metrics_daily_resolved`; these tests prove the new one keeps
/// exactly the rows the pack-3 definition kept, and that SQLite answers it without sorting.
@Suite("metrics_daily_resolved (pack 5 against pack 3)")
struct ResolvedMetricsViewTests {
  static let samples = PackageRoot.appending("samples")

  /// The `CREATE VIEW` of a pack's `up`, renamed so both definitions can live side by side.
  static func viewSQL(_ pack: MigrationPack, as name: String) throws -> String {
    let up = pack.up
    let start = try #require(up.range(of: "CREATE VIEW metrics_daily_resolved"))
    return String(up[start.lowerBound...]).replacingOccurrences(
      of: "CREATE VIEW metrics_daily_resolved", with: "CREATE VIEW \(name)")
  }

  /// An in-memory database with `metrics_daily` as pack 1 creates it (without the foreign key, so
  /// rows need no episodes) and both view definitions, `resolved_v3` and `resolved_v5`.
  static func scratch() throws -> DatabaseQueue {
    let queue = try DatabaseQueue()
    try queue.write { db in
      try db.execute(
        sql: """
          CREATE TABLE metrics_daily (
            day TEXT NOT NULL, episode_id TEXT NOT NULL, source TEXT NOT NULL,
            downloads INTEGER NOT NULL, listeners INTEGER NOT NULL, impressions INTEGER NOT NULL,
            import_id INTEGER) STRICT;
          CREATE UNIQUE INDEX ux_metrics_daily_day_ep_source
            ON metrics_daily(day, episode_id, source);
          CREATE INDEX ix_metrics_daily_episode_day ON metrics_daily(episode_id, day);
          """)
      try db.execute(sql: try viewSQL(.resolvedMetrics, as: "resolved_v3"))
      try db.execute(sql: try viewSQL(.resolvedMetricsIndexed, as: "resolved_v5"))
    }
    return queue
  }

  /// Every row of a view, sorted, as text.
  static func rows(_ db: Database, _ view: String) throws -> [String] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT day, episode_id, source, downloads, listeners, impressions FROM \(view)
        ORDER BY day, episode_id, source
        """
    ).map { "\($0)" }
  }

  static func expectSameRows(
    _ queue: DatabaseQueue, minimumRows: Int, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    try queue.read { db in
      let old = try rows(db, "resolved_v3")
      let new = try rows(db, "resolved_v5")
      #expect(old.count >= minimumRows, sourceLocation: sourceLocation)
      #expect(old.count == new.count, sourceLocation: sourceLocation)
      for (index, (a, b)) in zip(old, new).enumerated() where a != b {
        Issue.record(
          "row \(index): pack 3 keeps \(a), pack 5 keeps \(b)", sourceLocation: sourceLocation)
        break
      }
    }
  }

  @Test("the samples resolve to the same rows under both definitions")
  func samplesAgree() throws {
    let queue = try Self.scratch()
    let text = try String(
      contentsOf: Self.samples.appendingPathComponent("metrics_daily.csv"), encoding: .utf8)
    var lines = text.split(separator: "\n").map(String.init)
    let header = lines.removeFirst()
    #expect(header == "day,episode_id,source,downloads,listeners,impressions")
    try queue.write { db in
      let insert = try db.makeStatement(
        sql: "INSERT INTO metrics_daily VALUES (?, ?, ?, ?, ?, ?, NULL)")
      for line in lines {
        let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        try #require(fields.count == 6, "unexpected sample line \(line)")
        try insert.execute(arguments: [
          fields[0], fields[1], fields[2], Int(fields[3]), Int(fields[4]), Int(fields[5]),
        ])
      }
    }
    try Self.expectSameRows(queue, minimumRows: 1000)
  }

  /// Sources chosen to exercise every branch: the four named ones, others that sort before and
  /// after them, names that differ only in case or by a prefix (binary collation), and an empty
  /// string's neighbour `0`.
  static let sources = [
    "megaphone", "spotify", "apple", "csv", "Apple", "acast", "zeno", "csv2", "CSV", "0",
    "spotify ",
  ]

  @Test("every combination of up to three sources, and ties among other sources, agree")
  func everyCombinationAgrees() throws {
    let queue = try Self.scratch()
    // Every subset of up to three sources gets its own (day, episode); the subset's members are the
    // rows of that day and episode, with values that tell them apart.
    var subsets: [[String]] = [[]]
    for source in Self.sources {
      subsets += subsets.filter { $0.count < 3 }.map { $0 + [source] }
    }
    subsets.removeAll { $0.isEmpty }
    // And every named source with every pair of other sources (ties at the last rank).
    let others = Self.sources.filter { !["megaphone", "spotify", "apple", "csv"].contains($0) }
    for named in ["megaphone", "spotify", "apple", "csv"] {
      for a in others { for b in others where a < b { subsets.append([named, a, b]) } }
    }
    try queue.write { db in
      let insert = try db.makeStatement(
        sql: "INSERT INTO metrics_daily VALUES (?, ?, ?, ?, ?, ?, NULL)")
      for (number, subset) in subsets.enumerated() {
        let day = String(format: "2026-%02d-%02d", number / 28 % 12 + 1, number % 28 + 1)
        let episode = "ep-\(number / 336)"
        for (position, source) in subset.enumerated() {
          try insert.execute(arguments: [
            day, episode, source, 100 * number + position, 10 * position, position,
          ])
        }
      }
    }
    try queue.read { db in
      let distinct = try Int.fetchOne(
        db, sql: "SELECT count(*) FROM (SELECT DISTINCT day, episode_id FROM metrics_daily)")
      #expect(distinct == subsets.count, "each subset has its own day and episode")
    }
    try Self.expectSameRows(queue, minimumRows: subsets.count)
  }

  @Test("the new definition is answered from the unique index, without a temporary B-tree")
  func planUsesTheIndex() throws {
    let queue = try Self.scratch()
    try queue.read { db in
      func plan(_ view: String) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT sum(downloads) FROM \(view)")
          .map { $0["detail"] as String }.joined(separator: "\n")
      }
      let old = try plan("resolved_v3")
      let new = try plan("resolved_v5")
      #expect(old.contains("TEMP B-TREE"), "the pack-3 plan sorts per row:\n\(old)")
      #expect(!new.contains("TEMP B-TREE"), "\(new)")
      #expect(new.contains("ux_metrics_daily_day_ep_source"), "\(new)")
    }
  }

  @Test("a migrated database's view is the pack-5 definition, and rollback restores pack 3's")
  func migrateAndRollBack() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    func viewSQL() throws -> String {
      try store.writer.read { db in
        try String.fetchOne(
          db, sql: "SELECT sql FROM sqlite_master WHERE name = 'metrics_daily_resolved'") ?? ""
      }
    }
    #expect(try viewSQL().contains("NOT EXISTS"))
    _ = try Migrator().rollback(store, to: 4, backupDirectory: temp.backups)
    #expect(try viewSQL().contains("ORDER BY CASE"))
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(try viewSQL().contains("NOT EXISTS"))
  }
}
