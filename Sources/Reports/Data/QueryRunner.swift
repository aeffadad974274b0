import Foundation
import GRDB
import Store

/// The rows of one named query: its columns (known even when there are no rows) and its rows.
struct QueryResult: Sendable {
  var columns: [String]
  var rows: [TemplateRecord]
}

/// Runs template SQL on a confined read-only connection (see ``ReportSQLConfinement``), with a row
/// limit, a result-size limit and a time limit, binding page parameters as named SQL parameters
/// (`:show_id`), never pasting them into SQL.
///
/// Statements are prepared once per runner and reused for every page (GRDB's statement cache on
/// the runner's own connection). A runner is used by one thread at a time; a parallel build gives
/// each worker its own.
final class QueryRunner: @unchecked Sendable {
  let queue: DatabaseQueue
  let rowLimit: Int
  let timeLimit: Duration
  let resultByteLimit: Int
  let confinement: ReportSQLConfinement
  /// ``dependencies(of:)`` by SQL text.
  private var dependencyCache: [String: QueryDependencies?] = [:]

  init(store: CuesheetStore, options: BuildOptions) throws {
    confinement = ReportSQLConfinement(valueByteLimit: options.valueByteLimit)
    queue = try confinement.openReader(store)
    rowLimit = options.rowLimit
    timeLimit = options.timeLimit
    resultByteLimit = options.resultByteLimit
  }

  /// Runs `sql` with `parameters`; errors are returned as one sentence for the caller to locate.
  func run(_ sql: String, parameters: TemplateRecord) throws(QueryFailure) -> QueryResult {
    let timer = DispatchWorkItem { [queue] in queue.interrupt() }
    let nanoseconds =
      timeLimit.components.seconds * 1_000_000_000 + timeLimit.components.attoseconds
      / 1_000_000_000
    let deadline = DispatchTime.now() + .nanoseconds(Int(nanoseconds))
    DispatchQueue.global().asyncAfter(deadline: deadline, execute: timer)
    defer { timer.cancel() }
    let timeLimitFailure = QueryFailure(
      message: "it ran longer than the time limit of \(timeLimit); simplify it or add an index")
    do {
      return try queue.read { db in
        let statement = try db.cachedStatement(sql: sql)
        var named: [String: DatabaseValue] = [:]
        for (key, value) in zip(parameters.keys, parameters.values) {
          named[key] = value.databaseValue
        }
        let columns = statement.columnNames
        let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(named))
        var rows: [TemplateRecord] = []
        var bytes = 0
        while let row = try cursor.next() {
          if rows.count == rowLimit {
            throw QueryFailure(
              message:
                "it returned more than \(rowLimit) rows (the row limit); add a LIMIT or aggregate")
          }
          let values = row.databaseValues
          for value in values { bytes += Self.size(of: value) }
          if bytes > resultByteLimit {
            throw QueryFailure(
              message:
                "its result is larger than \(resultByteLimit / 1_048_576) MB (the result-size limit); select fewer or shorter columns"
            )
          }
          // SQLite's interrupt stops SQLite only; the time spent turning rows into values counts too.
          if rows.count & 0xFF == 0xFF, DispatchTime.now() > deadline { throw timeLimitFailure }
          rows.append(TemplateRecord(keys: columns, values: values.map(TemplateValue.init)))
        }
        if DispatchTime.now() > deadline { throw timeLimitFailure }
        return QueryResult(columns: columns, rows: rows)
      }
    } catch let failure as QueryFailure {
      throw failure
    } catch let error as DatabaseError {
      switch error.resultCode {
      case .SQLITE_INTERRUPT:
        throw timeLimitFailure
      case .SQLITE_READONLY:
        throw QueryFailure(
          message:
            "report SQL is read-only and cannot change data (\(error.message ?? "read-only"))")
      case .SQLITE_AUTH:
        throw QueryFailure(
          message: confinement.takeDenial()
            ?? "report SQL may only read data (\(error.message ?? "not authorized"))")
      case .SQLITE_TOOBIG:
        throw QueryFailure(
          message:
            "it made a value larger than \(confinement.valueByteLimit / 1_048_576) MB (the value-size limit that caps a query's memory); aggregate less or select shorter values"
        )
      case .SQLITE_NOMEM:
        throw QueryFailure(message: "it ran out of memory; aggregate or add a LIMIT")
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

  /// The tables `sql` reads and whether it reads the clock, found by preparing it once (cached
  /// per SQL text); `nil` when it does not prepare (its run reports why).
  func dependencies(of sql: String) -> QueryDependencies? {
    if let known = dependencyCache[sql] { return known }
    let found = try? queue.inDatabase { db in
      let seen = try confinement.recording { _ = try db.makeStatement(sql: sql) }
      // The authorizer also reports a view or a common table expression that is not flattened
      // into the query, besides the tables under it (which it always reports): only tables count.
      let schema = try Row.fetchAll(db, sql: "SELECT type, lower(name) FROM sqlite_master")
      let views = Set(schema.filter { $0[0] == "view" }.map { $0[1] as String })
      let tables = Set(schema.filter { $0[0] == "table" }.map { $0[1] as String })
      return QueryDependencies(
        sql: sql, tables: seen.tables.subtracting(views), functions: seen.functions,
        schemaTables: tables)
    }
    dependencyCache[sql] = .some(found)
    return found
  }

  /// Bytes a value takes in a result: its length for text and blobs, 8 for numbers, 0 for NULL.
  static func size(of value: DatabaseValue) -> Int {
    switch value.storage {
    case .null: return 0
    case .int64, .double: return 8
    case .string(let text): return text.utf8.count
    case .blob(let data): return data.count
    }
  }
}

/// Why a query failed, as one sentence without location.
struct QueryFailure: Error {
  var message: String
}
