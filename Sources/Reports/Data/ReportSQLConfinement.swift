import Foundation
import GRDB
import Store

#if canImport(GRDBSQLite)
  import GRDBSQLite
#else
  import SQLite3
#endif

/// Confines the connection that runs template SQL to reading this database.
///
/// Template SQL is written by whoever can put a file in the templates directory, so its connection
/// gets more than `PRAGMA query_only`:
/// - an **authorizer** that lets a statement read tables and call functions and refuses everything
///   else at prepare time: `ATTACH` and `DETACH` (which would open another file on the host),
///   writes, schema changes, `PRAGMA`s other than `query_only`, and `load_extension`;
/// - `SQLITE_LIMIT_ATTACHED` at 0, so `ATTACH` fails even if the authorizer were bypassed;
/// - `SQLITE_LIMIT_LENGTH` at ``valueByteLimit``: no string or blob a query makes (`randomblob`,
///   `group_concat`, `printf('%.*c', …)`) can be larger, which caps the memory one value takes;
/// - a page cache of 8 MB (`PRAGMA cache_size`), beyond which sorts spill to temporary files.
///
/// The query runner adds the row limit, the result-size limit and the time limit.
final class ReportSQLConfinement: @unchecked Sendable {
  /// The largest string or blob a template query may produce.
  let valueByteLimit: Int
  /// What the authorizer refused last, for the error message (one connection, one thread at a time).
  private var denied: String?
  /// While recording: the tables a statement being prepared reads, and the functions it calls.
  private var recorded: (tables: Set<String>, functions: Set<String>)?

  init(valueByteLimit: Int) {
    self.valueByteLimit = valueByteLimit
  }

  /// The action the authorizer refused during the last prepare, as one sentence, and forgets it.
  func takeDenial() -> String? {
    defer { denied = nil }
    return denied.map {
      "report SQL may only read this database; \($0) is not allowed in a template query"
    }
  }

  /// Runs `prepare` (which prepares a statement on the confined connection) and returns the
  /// tables the statement reads (the tables under a view, not the view) and the functions it
  /// calls, all lowercased, as the authorizer saw them.
  func recording(_ prepare: () throws -> Void) rethrows -> (
    tables: Set<String>, functions: Set<String>
  ) {
    recorded = ([], [])
    defer { recorded = nil }
    try prepare()
    return recorded ?? ([], [])
  }

  fileprivate func record(table: UnsafePointer<CChar>?) {
    guard recorded != nil, let table else { return }
    recorded?.tables.insert(String(cString: table).lowercased())
  }

  fileprivate func record(function: String) {
    guard recorded != nil else { return }
    recorded?.functions.insert(function)
  }

  /// Opens the confined read-only connection.
  func openReader(_ store: CuesheetStore) throws -> DatabaseQueue {
    let queue = try store.openReadOnlyReader()
    // GRDB prepares its own transaction statements with its authorizer on first use; do that before
    // ours replaces it (GRDB registers its authorizer once, at open, and never again).
    try queue.read { db in _ = try Int.fetchOne(db, sql: "SELECT 1") }
    try queue.inDatabase { db in
      try db.execute(sql: "PRAGMA cache_size = -8000")
      let connection = db.sqliteConnection
      sqlite3_limit(connection, SQLITE_LIMIT_ATTACHED, 0)
      sqlite3_limit(connection, SQLITE_LIMIT_LENGTH, Int32(clamping: valueByteLimit))
      let code = sqlite3_set_authorizer(
        connection, reportSQLAuthorizer, Unmanaged.passUnretained(self).toOpaque())
      guard code == SQLITE_OK else {
        throw ReportError.io(
          path: store.path, message: "cannot confine the report connection (SQLite \(code))")
      }
    }
    // The connection keeps an unretained pointer to `self`: the query runner owns both and
    // never hands the queue out.
    return queue
  }

  fileprivate func deny(_ what: String) -> Int32 {
    denied = what
    return SQLITE_DENY
  }
}

/// The authorizer callback (`sqlite3_set_authorizer`): reads and function calls pass, the rest is denied.
private func reportSQLAuthorizer(
  _ context: UnsafeMutableRawPointer?, _ action: Int32, _ first: UnsafePointer<CChar>?,
  _ second: UnsafePointer<CChar>?, _ database: UnsafePointer<CChar>?,
  _ trigger: UnsafePointer<CChar>?
) -> Int32 {
  guard let context else { return SQLITE_DENY }
  let confinement = Unmanaged<ReportSQLConfinement>.fromOpaque(context).takeUnretainedValue()
  switch action {
  case SQLITE_READ:
    confinement.record(table: first)
    return SQLITE_OK
  case SQLITE_SELECT, SQLITE_RECURSIVE:
    return SQLITE_OK
  case SQLITE_TRANSACTION, SQLITE_SAVEPOINT:
    // GRDB wraps each read in a deferred transaction; on a read-only connection it changes nothing.
    return SQLITE_OK
  case SQLITE_FUNCTION:
    let name = second.map { String(cString: $0).lowercased() } ?? ""
    if name == "load_extension" { return confinement.deny("load_extension()") }
    confinement.record(function: name)
    return SQLITE_OK
  case SQLITE_PRAGMA:
    let name = first.map { String(cString: $0).lowercased() } ?? ""
    if name == "query_only" { return SQLITE_OK }
    return confinement.deny("PRAGMA \(name)")
  case SQLITE_ATTACH:
    return confinement.deny("ATTACH")
  case SQLITE_DETACH:
    return confinement.deny("DETACH")
  case SQLITE_UPDATE
  where ["sqlite_master", "sqlite_schema", "sqlite_temp_master"].contains(
    first.map { String(cString: $0) } ?? ""):
    // A table-valued function (`json_each`) declares its columns with a CREATE TABLE that SQLite
    // parses without running; the parse asks for these. A real write to the schema still fails:
    // the connection is read-only and `PRAGMA writable_schema` is denied.
    return SQLITE_OK
  case SQLITE_INSERT, SQLITE_UPDATE, SQLITE_DELETE:
    return confinement.deny("changing data")
  default:
    return confinement.deny("changing the schema or the connection")
  }
}
