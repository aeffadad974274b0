import CuesheetTesting
import Foundation
import GRDB
import Testing

@testable import Store

@Suite("Migrator")
struct MigratorTests {
  @Test("a fresh database migrates to the newest version and verifies")
  func migrateFresh() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    let outcome = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(outcome.fromVersion == 0)
    #expect(outcome.toVersion == Migrator().latestVersion)
    #expect(outcome.packs == MigrationPack.all.map(\.version))
    #expect(outcome.backupPath == nil, "an empty database needs no backup")
    let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
    #expect(report.isHealthy, "\(report)")
  }

  @Test("a second migrate is a no-op and changes nothing")
  func migrateTwice() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let before = try TemporaryDatabase.dump(store)
    let outcome = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(outcome.changedNothing)
    #expect(outcome.backupPath == nil)
    #expect(try TemporaryDatabase.dump(store) == before)
  }

  /// The whole schema as SQLite keeps it: every table, index, trigger and view with its SQL.
  static func schema(_ store: CuesheetStore) throws -> [String] {
    try store.writer.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name"
      ).map {
        "\($0["type"] as String? ?? "") \($0["name"] as String? ?? ""): \($0["sql"] as String? ?? "")"
      }
    }
  }

  @Test(
    "up, down, up again round-trips the schema: sqlite_master's SQL, views included, and the data")
  func roundTrip() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let migrated = try TemporaryDatabase.dump(store)
    let migratedSchema = try Self.schema(store)
    #expect(migratedSchema.contains { $0.hasPrefix("view ") }, "the schema has views to compare")

    let down = try Migrator().rollback(store, to: 0, backupDirectory: temp.backups)
    #expect(down.toVersion == 0)
    #expect(down.packs == MigrationPack.all.map(\.version).reversed())
    let tables = try store.writer.read { db in
      try String.fetchAll(
        db,
        sql:
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT IN ('schema_migrations', 'sqlite_sequence')"
      )
    }
    #expect(tables.isEmpty)

    let up = try Migrator().migrate(store, backupDirectory: temp.backups)
    #expect(up.toVersion == Migrator().latestVersion)
    let again = try TemporaryDatabase.dump(store)
    // The schema and data round-trip; only the time each pack was applied differs (when the second
    // migration runs in a later second).
    func withoutTimes(_ dump: String) -> String {
      dump.replacingOccurrences(
        of: #"applied_at:"[^"]*""#, with: "applied_at:…", options: .regularExpression)
    }
    #expect(withoutTimes(again) == withoutTimes(migrated))
    #expect(try Self.schema(store) == migratedSchema)
  }

  @Test("rollback is safe to run twice")
  func rollbackTwice() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    _ = try Migrator().rollback(store, to: 0, backupDirectory: temp.backups)
    let second = try Migrator().rollback(store, to: 0, backupDirectory: temp.backups)
    #expect(second.changedNothing)
    let third = try Migrator().rollback(store, backupDirectory: temp.backups)
    #expect(third.changedNothing, "at version 0 there is nothing left to revert")
  }

  @Test("migrate and rollback write a VACUUM INTO backup of a non-empty database first")
  func backupBeforeChange() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in
      try EventLog.record(db, type: "test.marker", subject: "test:1")
    }
    let outcome = try Migrator().rollback(store, backupDirectory: temp.backups)
    let backup = try #require(outcome.backupPath)
    let copy = try DatabaseQueue(path: backup)
    let markers = try copy.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE type = 'test.marker'")
    }
    #expect(markers == 1)
  }

  @Test("a pack that fails leaves the database exactly as it was")
  func failedPackChangesNothing() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    let broken =
      MigrationPack.all + [
        MigrationPack(
          version: MigrationPack.all.count + 1, name: "broken",
          up: "CREATE TABLE fine (x INTEGER) STRICT; CREATE TABLE shows (x INTEGER);",
          down: "DROP TABLE fine;")
      ]
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    let before = try TemporaryDatabase.dump(store)
    #expect(throws: DatabaseError.self) {
      _ = try Migrator(packs: broken).migrate(store, backupDirectory: temp.backups)
    }
    #expect(try TemporaryDatabase.dump(store) == before)
  }

  @Test("--to out of range and the wrong direction are refused", arguments: [-1, 99])
  func unknownTarget(version: Int) throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    #expect(throws: StoreError.unknownVersion(version, latest: Migrator().latestVersion)) {
      _ = try Migrator().migrate(store, to: version, backupDirectory: temp.backups)
    }
  }

  @Test("rollback above the current version is refused with a hint")
  func rollbackUpward() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    #expect(throws: StoreError.self) {
      _ = try Migrator().rollback(store, to: 1, backupDirectory: temp.backups)
    }
  }

  @Test("status lists applied and pending packs, and notices a changed pack")
  func status() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openEmpty()
    let fresh = try store.writer.read { db in try Migrator().status(db) }
    #expect(fresh.currentVersion == 0)
    #expect(fresh.pending == MigrationPack.all.map(\.version))
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    let done = try store.writer.read { db in try Migrator().status(db) }
    #expect(done.pending.isEmpty)
    #expect(done.drifted.isEmpty)

    try store.writer.write { db in
      try db.execute(sql: "UPDATE schema_migrations SET checksum = 'changed' WHERE version = 1")
    }
    let drifted = try store.writer.read { db in try Migrator().status(db) }
    #expect(drifted.drifted == [1])
  }

  @Test("opening a database that is not migrated names the fix")
  func openNotMigrated() throws {
    let temp = try TemporaryDatabase()
    _ = try temp.openEmpty()
    #expect(
      throws: StoreError.notMigrated(path: temp.path, version: 0, latest: Migrator().latestVersion)
    ) {
      _ = try CuesheetStore.open(path: temp.path)
    }
  }

  @Test("opening a missing database does not create it")
  func openMissing() throws {
    let temp = try TemporaryDatabase()
    #expect(throws: StoreError.databaseMissing(path: temp.path)) {
      _ = try CuesheetStore.open(path: temp.path)
    }
    #expect(!FileManager.default.fileExists(atPath: temp.path))
  }

  @Test("a file that is not SQLite gives a clear error")
  func openGarbage() throws {
    let temp = try TemporaryDatabase()
    try Data("this is not a database, just text".utf8).write(to: URL(fileURLWithPath: temp.path))
    #expect(throws: StoreError.self) {
      _ = try CuesheetStore.openUnchecked(path: temp.path, create: false)
    }
  }

  @Test("WAL mode, foreign keys and a busy timeout are on")
  func connectionSettings() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let (mode, foreignKeys, timeout) = try store.writer.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
        try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
      )
    }
    #expect(mode == "wal")
    #expect(foreignKeys == 1)
    #expect((timeout ?? 0) >= 1000)
  }

  @Test(
    "the database path is --db, else $CUESHEET_DB, else ./cuesheet.db",
    arguments: [
      ("a.db" as String?, ["CUESHEET_DB": "b.db"], "a.db"),
      (nil, ["CUESHEET_DB": "b.db"], "b.db"),
      (nil, [:], "cuesheet.db"),
      ("", ["CUESHEET_DB": ""], "cuesheet.db"),
    ])
  func resolvePath(explicit: String?, environment: [String: String], expected: String) {
    #expect(CuesheetStore.resolvePath(explicit: explicit, environment: environment) == expected)
  }
}
