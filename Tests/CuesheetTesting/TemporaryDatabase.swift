import Foundation
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

  public init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path = directory.appendingPathComponent("test.db").path
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
}
