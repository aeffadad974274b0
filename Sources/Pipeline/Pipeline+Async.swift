import GRDB
import Store

extension Pipeline {
  /// Reads in one snapshot through GRDB's async API: the caller's task waits without holding a
  /// thread (the front ends' seam to the store).
  public static func readAsync<T: Sendable>(
    _ store: CuesheetStore, _ body: @escaping @Sendable (Database) throws -> T
  ) async throws -> T {
    try await store.writer.read(body)
  }

  /// ``write(_:_:)`` through GRDB's async API: one `BEGIN IMMEDIATE` transaction, change and event
  /// together, without blocking the caller's thread.
  public static func writeAsync<T: Sendable>(
    _ store: CuesheetStore, _ body: @escaping @Sendable (Database) throws -> T
  ) async throws -> T {
    try await store.writer.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.immediate) {
        result = try body(db)
        return .commit
      }
      return result!
    }
  }
}
