import Foundation
import GRDB
import Store

/// A fresh database file in its own temporary directory, removed when the value is released.
///
/// ```swift
/// let database = try TemporaryDatabase()
/// let store = try database.openMigrated()
/// ```
public final class TemporaryDatabase: @unchecked Sendable {
  public let directory: URL
  public let path: String

  /// Creates the directory (`cuesheet-PREFIX-UUID` under the temporary directory) holding
  /// `FILE`; nothing is opened yet.
  public init(prefix: String = "test", file: String = "test.db") throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent(file).path
  }

  deinit { try? FileManager.default.removeItem(at: directory) }

  /// Opens (creating) the file without migrating it.
  public func openEmpty() throws -> CuesheetStore {
    try CuesheetStore.openUnchecked(path: path, create: true)
  }

  /// Opens the file migrated to the newest schema.
  public func openMigrated() throws -> CuesheetStore {
    let store = try openEmpty()
    _ = try Migrator().migrate(store, backupDirectory: backups)
    return store
  }

  /// Where migration backups go (inside the temporary directory).
  public var backups: String { directory.appendingPathComponent("backups").path }

  /// A path for another file in the temporary directory.
  public func file(_ name: String) -> String { directory.appendingPathComponent(name).path }

  /// Every table, index and trigger name, then every table's rows, as text: equal dumps of one
  /// database before and after a command mean the command changed nothing.
  public static func dump(_ store: CuesheetStore) throws -> String {
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
