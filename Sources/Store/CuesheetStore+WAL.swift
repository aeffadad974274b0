import Foundation
import GRDB

/// Keeping the write-ahead log small.
///
/// In WAL mode SQLite appends every change to `cuesheet.db-wal` and copies it into the database
/// at checkpoints, but never shrinks the file on its own: one large import left a 652 MB WAL.
/// The writer connection sets `journal_size_limit`, so the file is cut back to
/// ``walSizeLimitBytes`` whenever a checkpoint resets the log, and ``checkpointWAL()`` copies
/// everything into the database and truncates the log to zero bytes (the server runs it after
/// each upload and every few minutes).
extension CuesheetStore {
  /// The size the WAL is cut back to after a checkpoint (64 MiB).
  public static let walSizeLimitBytes = 64 * 1024 * 1024

  /// The outcome of a checkpoint: whether a reader kept it from finishing, and the WAL's size.
  public struct Checkpoint: Sendable, Equatable {
    /// True when a reader or writer blocked the checkpoint (it is retried next time).
    public let busy: Bool
    /// The WAL's size in bytes afterwards (0 when truncated).
    public let walBytes: Int
  }

  /// Copies the WAL into the database and truncates it (`PRAGMA wal_checkpoint(TRUNCATE)`).
  @discardableResult
  public func checkpointWAL() throws -> Checkpoint {
    let busy = try writer.writeWithoutTransaction { db in try Self.truncateWAL(db) }
    return Checkpoint(busy: busy, walBytes: walBytes)
  }

  /// ``checkpointWAL()`` through GRDB's async write, for callers on Swift's cooperative threads
  /// (the server), which must not block one of them.
  @discardableResult
  public func checkpointWAL() async throws -> Checkpoint {
    let busy = try await writer.writeWithoutTransaction { db in try Self.truncateWAL(db) }
    return Checkpoint(busy: busy, walBytes: walBytes)
  }

  /// Runs the checkpoint; true when a reader or writer kept it from finishing.
  private static func truncateWAL(_ db: Database) throws -> Bool {
    try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)").map { ($0[0] as Int) != 0 }
      ?? false
  }

  /// The WAL file's size in bytes (0 when it is absent).
  private var walBytes: Int {
    let attributes = try? FileManager.default.attributesOfItem(atPath: path + "-wal")
    return (attributes?[.size] as? NSNumber)?.intValue ?? 0
  }

  /// Sets the WAL size limit on a writing connection.
  static func limitWAL(_ db: Database) throws {
    try db.execute(sql: "PRAGMA journal_size_limit = \(walSizeLimitBytes)")
  }
}
