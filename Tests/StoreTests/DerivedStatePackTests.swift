import CuesheetTesting
import Foundation
import GRDB
import Store
import Testing

/// Migration pack 10: `derived_state`, fingerprints of derived tables' inputs.
@Suite("migration pack 10: derived state")
struct DerivedStatePackTests {
  @Test("the table is strict, keyed by name, and writing it changes no data_versions marker")
  func table() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let before = try store.writer.read { db in try DataVersions.read(db) }
    try store.writer.write { db in
      try db.execute(
        sql: "INSERT INTO derived_state (name, fingerprint) VALUES ('sell_through', 'x')")
    }
    #expect(try store.writer.read { db in try DataVersions.read(db) } == before)
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(
          sql: "INSERT INTO derived_state (name, fingerprint) VALUES ('sell_through', 'y')")
      }
    }
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(sql: "INSERT INTO derived_state (name, fingerprint) VALUES ('a', X'00')")
      }
    }
  }

  @Test("rolling back to 9 drops the table and keeps the data; up again starts empty")
  func rollback() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in
      try db.execute(
        sql: "INSERT INTO derived_state (name, fingerprint) VALUES ('sell_through', 'x')")
    }
    _ = try Migrator().rollback(store, to: 9, backupDirectory: temp.backups)
    #expect(try store.writer.read { db in try db.tableExists("derived_state") } == false)
    #expect(try store.writer.read { db in try db.tableExists("data_versions") })
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    let rows = try store.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM derived_state")
    }
    #expect(rows == 0)
  }
}
