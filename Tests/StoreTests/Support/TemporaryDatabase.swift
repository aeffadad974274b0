import Foundation
import GRDB
import Store

/// A fresh database file in its own temporary directory, removed when the value is released.
final class TemporaryDatabase {
  let directory: URL
  let path: String

  init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent("test.db").path
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// Opens (creating) the file without migrating it.
  func openEmpty() throws -> CuesheetStore {
    try CuesheetStore.openUnchecked(path: path, create: true)
  }

  /// Opens the file migrated to the newest schema.
  func openMigrated() throws -> CuesheetStore {
    let store = try openEmpty()
    _ = try Migrator().migrate(store, backupDirectory: backups)
    return store
  }

  var backups: String { directory.appendingPathComponent("backups").path }

  /// Every table's rows, as text: compares a database before and after a command.
  static func dump(_ store: CuesheetStore) throws -> String {
    try store.writer.read { db in
      let tables = try String.fetchAll(
        db,
        sql:
          "SELECT name FROM sqlite_master WHERE type IN ('table', 'index', 'trigger') ORDER BY name"
      )
      var text = tables.joined(separator: ",") + "\n"
      for table in try String.fetchAll(
        db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      {
        for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
          text += "\(table): \(row)\n"
        }
      }
      return text
    }
  }
}
