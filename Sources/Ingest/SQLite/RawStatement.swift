import GRDB

#if canImport(GRDBSQLite)
  import GRDBSQLite
#else
  import SQLite3
#endif

/// A prepared statement driven through SQLite's C API, for the import hot path.
///
/// GRDB prepares and owns the statement; this type only binds raw bytes and integers without
/// building `StatementArguments`, steps and resets it. Text is bound without copying
/// (`SQLITE_STATIC`), so the bytes must stay alive until ``step()`` returns.
struct RawStatement {
  private let statement: Statement
  private let handle: OpaquePointer
  private let connection: OpaquePointer

  init(_ db: Database, sql: String) throws {
    statement = try db.makeStatement(sql: sql)
    handle = statement.sqliteStatement
    connection = db.sqliteConnection!
  }

  /// Binds UTF-8 bytes as text to the 1-based parameter `index`.
  @inline(__always)
  func bindText(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    guard let base = bytes.baseAddress, bytes.count > 0 else {
      sqlite3_bind_text(handle, index, "", 0, Self.transient)
      return
    }
    base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
      _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), nil)
    }
  }

  private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

  /// Binds an integer to the 1-based parameter `index`.
  @inline(__always)
  func bindInt(_ index: Int32, _ value: Int64) {
    sqlite3_bind_int64(handle, index, value)
  }

  /// Runs the statement to its first row; `true` when a row is available.
  @discardableResult
  func step() throws -> Bool {
    let code = sqlite3_step(handle)
    if code == SQLITE_ROW { return true }
    if code == SQLITE_DONE { return false }
    let message = String(cString: sqlite3_errmsg(connection))
    sqlite3_reset(handle)
    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
  }

  /// Resets the statement for its next run.
  @inline(__always)
  func reset() { sqlite3_reset(handle) }

  /// Integer column `index` (0-based) of the current row.
  @inline(__always)
  func int(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

  /// Rows changed by the last statement on this connection.
  var changes: Int32 { sqlite3_changes(connection) }
}
