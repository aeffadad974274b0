import Foundation
import GRDB
import Store

/// The rows of one named query: its columns (known even when there are no rows) and its rows.
struct QueryResult: Sendable {
  var columns: [String]
  var rows: [TemplateRecord]
}

/// Runs template SQL on a read-only connection (`PRAGMA query_only`), with a row limit and a time
/// limit, binding page parameters as named SQL parameters (`:show_id`), never pasting them into SQL.
final class QueryRunner: @unchecked Sendable {
  let queue: DatabaseQueue
  let rowLimit: Int
  let timeLimit: Duration

  init(store: CuesheetStore, rowLimit: Int, timeLimit: Duration) throws {
    queue = try store.openReadOnlyReader()
    self.rowLimit = rowLimit
    self.timeLimit = timeLimit
  }

  /// Runs `sql` with `parameters`; errors are returned as one sentence for the caller to locate.
  func run(_ sql: String, parameters: TemplateRecord) throws(QueryFailure) -> QueryResult {
    let timer = DispatchWorkItem { [queue] in queue.interrupt() }
    let deadline =
      DispatchTime.now()
      + .nanoseconds(
        Int(
          timeLimit.components.seconds * 1_000_000_000
            + timeLimit.components.attoseconds / 1_000_000_000))
    DispatchQueue.global().asyncAfter(deadline: deadline, execute: timer)
    defer { timer.cancel() }
    do {
      return try queue.read { db in
        let statement = try db.makeStatement(sql: sql)
        var named: [String: DatabaseValue] = [:]
        for (key, value) in zip(parameters.keys, parameters.values) {
          named[key] = value.databaseValue
        }
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(named))
        var rows: [TemplateRecord] = []
        while let row = try cursor.next() {
          if rows.count == rowLimit {
            throw QueryFailure(
              message:
                "it returned more than \(rowLimit) rows (the row limit); add a LIMIT or aggregate")
          }
          rows.append(
            TemplateRecord(keys: columns, values: row.databaseValues.map(TemplateValue.init)))
        }
        return QueryResult(columns: columns, rows: rows)
      }
    } catch let failure as QueryFailure {
      throw failure
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_INTERRUPT:
        throw QueryFailure(
          message: "it ran longer than the time limit of \(timeLimit); simplify it or add an index")
      case .SQLITE_READONLY:
        throw QueryFailure(
          message:
            "report SQL is read-only and cannot change data (\(error.message ?? "read-only"))")
      default:
        var message = error.message ?? "SQLite error \(error.resultCode)"
        if message.hasPrefix("missing statement argument: ") {
          let name = message.dropFirst("missing statement argument: ".count)
          message =
            "it uses the parameter :\(name), which is not a page parameter (known: "
            + (parameters.keys.isEmpty ? "none" : parameters.keys.joined(separator: ", ")) + ")"
        }
        throw QueryFailure(message: message)
      }
    } catch {
      throw QueryFailure(message: "\(error)")
    }
  }
}

/// Why a query failed, as one sentence without location.
struct QueryFailure: Error {
  var message: String
}
