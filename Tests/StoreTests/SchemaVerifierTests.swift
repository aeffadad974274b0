import CuesheetTesting
import GRDB
import Testing

@testable import Store

@Suite("SchemaVerifier")
struct SchemaVerifierTests {
  @Test("verify fails on a dropped index and passes after migrate recreates it")
  func droppedIndex() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in
      try db.execute(sql: "DROP INDEX ux_metrics_daily_day_ep_source")
    }
    let broken = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(!broken.isHealthy)
    #expect(
      broken.missing == [
        "unique index ux_metrics_daily_day_ep_source on metrics_daily(day, episode_id, source)"
      ])

    let outcome = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(outcome.repaired == ["ux_metrics_daily_day_ep_source"])
    #expect(outcome.backupPath != nil)
    let fixed = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(fixed.isHealthy, "\(fixed)")
  }

  @Test("a database that was never migrated lists every required table")
  func emptyDatabase() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(!report.isHealthy)
    for table in [
      "shows", "episodes", "metrics_daily", "advertisers", "campaigns", "io_bookings", "matches",
      "events", "imports",
    ] {
      #expect(report.missing.contains("table \(table)"), "expected table \(table) to be missing")
    }
  }

  @Test("a missing column is reported and not repaired")
  func missingColumn() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in
      try db.execute(sql: "ALTER TABLE shows DROP COLUMN description")
    }
    let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(report.missing == ["column shows.description"])
    let outcome = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(outcome.changedNothing)
  }

  @Test("foreign key violations are reported")
  func foreignKeyViolation() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.execute(
        sql: """
          INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at)
          VALUES ('ep-1', 'no-such-show', 'Pilot', '2026-01-01', 60, 'x', 'x')
          """)
      try db.execute(sql: "PRAGMA foreign_keys = ON")
    }
    let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(report.foreignKeyViolations.count == 1)
    #expect(report.foreignKeyViolations.first?.contains("shows") == true)
  }

  @Test(
    "CHECK constraints keep values in their domain",
    arguments: [
      "INSERT INTO shows (show_id, name, creator, cpm_cents, explicit, created_at, updated_at) VALUES ('s', 'S', 'c', -1, 0, 'x', 'x')",
      "INSERT INTO shows (show_id, name, creator, cpm_cents, explicit, created_at, updated_at) VALUES ('s', 'S', 'c', 100, 2, 'x', 'x')",
      "INSERT INTO shows (show_id, name, creator, cpm_cents, explicit, created_at, updated_at) VALUES ('s', 'S', 'c', 12.5, 0, 'x', 'x')",
      "INSERT INTO shows (show_id, name, creator, cpm_cents, categories, created_at, updated_at) VALUES ('s', 'S', 'c', 100, 'tech', 'x', 'x')",
      "INSERT INTO events (type, occurred_at, subject, payload) VALUES ('NotDotted', 'x', 's', '{}')",
      "INSERT INTO events (type, occurred_at, subject, payload) VALUES ('a.b', 'x', 's', '[1]')",
    ])
  func checkConstraints(sql: String) throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in try db.execute(sql: sql) }
    }
  }
}
