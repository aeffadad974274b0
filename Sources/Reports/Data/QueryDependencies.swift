import Foundation

/// What a template query's result depends on besides its parameters: the tables it reads, and
/// whether it can change without any table changing (it reads the clock or random numbers).
///
/// Found when the statement is prepared, by the confined connection's authorizer, which reports the
/// tables under a view (and sometimes the view, or a common table expression, too: left out):
///
/// ```
/// SELECT count(*) FROM metrics_daily_resolved WHERE day > date(:today, '-30 days')
/// → tables ["metrics_daily"], volatile false
/// SELECT * FROM io_bookings WHERE flight_end >= date('now')
/// → tables ["io_bookings"], volatile true
/// ```
struct QueryDependencies: Sendable, Equatable {
  /// Tables read, lowercased; common table expressions and table-valued functions of their
  /// arguments (`json_each`) are left out.
  var tables: Set<String>
  /// True when the result can change with no table changing: `random()`, `randomblob()`,
  /// `current_date` / `current_time` / `current_timestamp`, `changes()`, or a date function that
  /// reads the clock (`'now'`, or no time value: `date()`, `strftime('%Y')`).
  var volatile: Bool

  /// Functions whose result does not follow from their arguments and the database.
  static let volatileFunctions: Set<String> = [
    "random", "randomblob", "current_date", "current_time", "current_timestamp", "changes",
    "total_changes", "last_insert_rowid",
  ]
  /// Date functions: they read the clock given `'now'` or no time value.
  static let dateFunctions: Set<String> = [
    "date", "time", "datetime", "julianday", "unixepoch", "strftime", "timediff",
  ]
  /// SQLite's own tables and table-valued functions whose rows change with the database (kept
  /// as read, so they have no marker); any other name that is not a table of the schema is a
  /// common table expression (whose own reads are reported) or a function of its arguments.
  static func isDatabaseFunction(_ name: String) -> Bool {
    name.hasPrefix("pragma_") || ["dbstat", "sqlite_dbpage", "sqlite_stmt"].contains(name)
  }

  /// `tables` and `functions` as the authorizer reported them; `schemaTables` are the tables of
  /// the schema, to tell a table from a common table expression of the same query.
  init(sql: String, tables: Set<String>, functions: Set<String>, schemaTables: Set<String>) {
    self.tables = tables.filter {
      schemaTables.contains($0) || $0.hasPrefix("sqlite_") || Self.isDatabaseFunction($0)
    }
    volatile =
      !functions.isDisjoint(with: Self.volatileFunctions)
      || (!functions.isDisjoint(with: Self.dateFunctions) && Self.readsClock(sql))
  }

  /// Whether `sql` may ask a date function for the current time: it has the word `now` anywhere
  /// (in any case, even in a comment: a false alarm only costs running the query), calls a date
  /// function with no arguments, or `strftime` with a format alone.
  static func readsClock(_ sql: String) -> Bool {
    let text = sql.lowercased()
    if text.contains(#/\bnow\b/#) { return true }
    let empty = #/\b(date|time|datetime|julianday|unixepoch)\s*\(\s*\)/#
    let formatOnly = #/\bstrftime\s*\(\s*('[^']*'|:[a-z_0-9]+|\?)\s*\)/#
    return text.contains(empty) || text.contains(formatOnly)
  }
}
