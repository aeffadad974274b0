import GRDB

/// SQLite's own errors, recognised by result code (never by message text), so that front ends
/// can describe and classify them without importing GRDB.
public enum SQLiteFailure {
  /// `SQLITE_BUSY` or `SQLITE_LOCKED` (another connection holds the lock past the busy timeout).
  public static func isBusy(_ error: any Error) -> Bool {
    guard let error = error as? DatabaseError else { return false }
    return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }

  /// One sentence for an SQLite error, or `nil` when `error` is not one.
  public static func describe(_ error: any Error) -> String? {
    guard let error = error as? DatabaseError else { return nil }
    if isBusy(error) {
      return "The database is busy (another process is writing); retry shortly."
    }
    return "SQLite error \(error.resultCode): \(error.message ?? "unknown")"
  }
}
