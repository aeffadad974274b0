import CuesheetTesting
import Foundation
import GRDB
import Store
import Testing

/// Migration pack 9: `data_versions`, a marker per table that every kind of write changes.
@Suite("migration pack 9: data versions")
struct DataVersionsTests {
  static let show = """
    INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
    VALUES ('s-1', 'One', 'Ada', 100, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at)
    VALUES ('e-1', 's-1', 'First', '2026-01-01', 60, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
    VALUES ('2026-01-02', 'e-1', 'megaphone', 10, 5, 3), ('2026-01-03', 'e-1', 'megaphone', 10, 5, 3);
    """

  struct Write: Sendable, CustomStringConvertible {
    var description: String
    var table: String
    var sql: String
  }

  static let writes: [Write] = [
    Write(
      description: "a new show", table: "shows",
      sql: """
        INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
        VALUES ('s-2', 'Two', 'Bo', 100, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')
        """),
    Write(description: "a renamed show", table: "shows", sql: "UPDATE shows SET name = 'Uno'"),
    Write(
      description: "an imported metrics row (no trigger: a higher rowid)", table: "metrics_daily",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-01-04', 'e-1', 'spotify', 1, 1, 1)
        """),
    Write(
      description: "a re-imported metrics row with a changed value", table: "metrics_daily",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-01-02', 'e-1', 'megaphone', 11, 5, 3)
        ON CONFLICT (day, episode_id, source) DO UPDATE SET downloads = excluded.downloads
        """),
    Write(
      description: "a deleted metrics row, then the same row again", table: "metrics_daily",
      sql: """
        DELETE FROM metrics_daily WHERE day = '2026-01-03';
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-01-03', 'e-1', 'megaphone', 10, 5, 3)
        """),
    Write(
      description: "the newest metrics row replaced", table: "metrics_daily",
      sql: """
        REPLACE INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-01-03', 'e-1', 'megaphone', 12, 5, 3)
        """),
    Write(
      description: "an event", table: "events",
      sql: "INSERT INTO events (type, occurred_at, subject) VALUES ('io.delivered', 'x', 'io:1')"),
    Write(
      description: "every metrics row deleted", table: "metrics_daily",
      sql: "DELETE FROM metrics_daily"),
  ]

  func versions(_ store: CuesheetStore) throws -> DataVersions {
    try store.writer.read { db in try DataVersions.read(db) }
  }

  @Test("every kind of write changes its table's marker and no other", arguments: writes)
  func writeChangesMarker(_ write: Write) throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in try db.execute(sql: Self.show) }
    let before = try versions(store)
    try store.writer.write { db in try db.execute(sql: write.sql) }
    let after = try versions(store)
    #expect(before.marker(of: [write.table]) != after.marker(of: [write.table]))
    for table in before.tables.keys where table != write.table {
      #expect(before.tables[table] == after.tables[table], "\(table) changed")
    }
    #expect(
      before.marker(of: ["advertisers", "sqlite_master"]) == after.marker(of: ["advertisers"]))
  }

  @Test("a rolled-back write leaves the markers as they were")
  func rollbackKeepsMarkers() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in try db.execute(sql: Self.show) }
    let before = try versions(store)
    struct Abort: Error {}
    #expect(throws: Abort.self) {
      try store.writer.write { db in
        try db.execute(sql: "UPDATE shows SET name = 'Changed'")
        try db.execute(sql: "DELETE FROM metrics_daily")
        throw Abort()
      }
    }
    #expect(try versions(store) == before)
  }

  @Test("a table without a marker has none; the schema's tables follow the schema version")
  func untracked() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let before = try versions(store)
    #expect(before.marker(of: ["shows", "nowhere"]) == nil)
    #expect(before.marker(of: ["SHOWS"]) == before.marker(of: ["shows"]))
    try store.writer.write { db in try db.execute(sql: "CREATE TABLE scratch (x)") }
    let after = try versions(store)
    #expect(after.marker(of: ["sqlite_master"]) != before.marker(of: ["sqlite_master"]))
    #expect(after.marker(of: ["scratch"]) == nil)
  }

  @Test("rolling back to 8 drops the table and its triggers and keeps the data; up again restarts")
  func rollback() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in try db.execute(sql: Self.show) }
    _ = try Migrator().rollback(store, to: 8, backupDirectory: temp.backups)
    let (hasTable, triggers, shows) = try store.writer.read { db in
      (
        try db.tableExists("data_versions"),
        try Int.fetchOne(
          db,
          sql:
            "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_version_%'"),
        try Int.fetchOne(db, sql: "SELECT count(*) FROM shows")
      )
    }
    #expect(!hasTable)
    #expect(triggers == 0)
    #expect(shows == 1)
    #expect(try versions(store).marker(of: ["shows"]) == nil)
    try store.writer.write { db in try db.execute(sql: "UPDATE shows SET name = 'Uno'") }
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    let again = try versions(store)
    #expect(again.tables["shows"] == "0")
    try store.writer.write { db in try db.execute(sql: "UPDATE shows SET name = 'One'") }
    #expect(try versions(store).tables["shows"] == "1")
    let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(report.isHealthy)
  }
}
