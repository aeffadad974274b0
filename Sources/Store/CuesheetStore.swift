import Foundation
import GRDB

/// The Cuesheet database: one SQLite file opened through GRDB in WAL mode.
///
/// WAL lets readers (reports, the server) read while one writer (an import) writes; a busy timeout
/// makes a second writer wait instead of failing at once; foreign keys are enforced.
///
/// ```swift
/// let store = try CuesheetStore.open(path: "cuesheet.db")       // must exist and be migrated
/// try store.writer.write { db in try EventLog.record(db, type: "io.scheduled", subject: "io:IO-1") }
/// ```
public final class CuesheetStore: Sendable {
  /// Where the database lives.
  public let path: String
  /// The connection pool: one writer, several concurrent readers.
  public let writer: DatabasePool

  /// How long a writer waits for another writer before giving up with `SQLITE_BUSY`.
  public static let busyTimeout: TimeInterval = 10

  private init(path: String, writer: DatabasePool) {
    self.path = path
    self.writer = writer
  }

  /// The path to use: the explicit `--db` value, else `$CUESHEET_DB`, else `./cuesheet.db`.
  public static func resolvePath(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String {
    if let explicit, !explicit.isEmpty { return explicit }
    if let fromEnvironment = environment["CUESHEET_DB"], !fromEnvironment.isEmpty {
      return fromEnvironment
    }
    return "cuesheet.db"
  }

  /// Opens the database at `path`, creating the file when `create` is true.
  ///
  /// Does not check the schema version; use ``open(path:)`` for commands that need the newest schema.
  public static func openUnchecked(path: String, create: Bool) throws -> CuesheetStore {
    let exists = FileManager.default.fileExists(atPath: path)
    if !exists && !create { throw StoreError.databaseMissing(path: path) }
    if !exists {
      let directory = (path as NSString).deletingLastPathComponent
      if !directory.isEmpty {
        try? FileManager.default.createDirectory(
          atPath: directory, withIntermediateDirectories: true)
      }
    }
    do {
      let pool = try DatabasePool(path: path, configuration: configuration(readOnly: false))
      // Touch the file so that a non-database file fails here, with a clear message.
      _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
      return CuesheetStore(path: path, writer: pool)
    } catch let error as DatabaseError {
      throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
    }
  }

  /// Opens an existing database whose schema is at the newest version this build knows.
  public static func open(path: String) throws -> CuesheetStore {
    let store = try openUnchecked(path: path, create: false)
    let status = try store.writer.read { db in try Migrator().status(db) }
    if status.currentVersion < status.latestVersion {
      throw StoreError.notMigrated(
        path: path, version: status.currentVersion, latest: status.latestVersion)
    }
    if status.currentVersion > status.latestVersion {
      throw StoreError.newerThanKnown(
        path: path, version: status.currentVersion, latest: status.latestVersion)
    }
    return store
  }

  /// A separate read-only connection for untrusted SQL (report templates): `PRAGMA query_only` is on,
  /// so no statement can change data.
  public func openReadOnlyReader() throws -> DatabaseQueue {
    var config = Self.configuration(readOnly: true)
    config.prepareDatabase { db in try db.execute(sql: "PRAGMA query_only = ON") }
    return try DatabaseQueue(path: path, configuration: config)
  }

  static func configuration(readOnly: Bool) -> Configuration {
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.readonly = readOnly
    config.busyMode = .timeout(busyTimeout)
    config.label = "cuesheet"
    if !readOnly { config.prepareDatabase { db in try limitWAL(db) } }
    return config
  }
}
