import Expressions
import Foundation
import GRDB
import Rules
import Store

/// One side of the matchmaking input: its id and its record value for the rule set.
public struct MatchSubject: Sendable {
  public let id: String
  public let value: Value

  public init(id: String, value: Value) {
    self.id = id
    self.value = value
  }

  /// An equal subject that shares no reference-counted storage with this one (records, lists and
  /// strings are copied), for a worker thread to use alone.
  func copy() -> MatchSubject {
    MatchSubject(id: Self.copy(id), value: Self.copy(value))
  }

  static func copy(_ value: Value) -> Value {
    switch value {
    case .string(let text): .string(copy(text))
    case .list(let items): .list(items.map(copy))
    case .record(let record):
      .record(RecordValue(type: record.type, fields: record.fields.map(copy)))
    default: value
    }
  }

  static func copy(_ text: String) -> String {
    String(decoding: Array(text.utf8), as: UTF8.self)
  }
}

/// Builds the `advertiser` and `show` records from the store, once per run.
///
/// Derived show metrics cover the 30 days ending at `asOf` (default: the latest day with any
/// metrics, so a stale database still scores on its newest data), one source per episode and day
/// (`metrics_daily_resolved`).
public enum MatchInputLoader {
  /// The default as-of day: the latest `metrics_daily` day, or today (UTC) when there is none.
  public static func defaultAsOf(_ db: Database) throws -> Day {
    if let text = try String.fetchOne(db, sql: "SELECT max(day) FROM metrics_daily"),
      let day = Day(parsing: text)
    {
      return day
    }
    return Day(Date())
  }

  /// Every advertiser (or those in `ids`), sorted by id.
  public static func advertisers(_ db: Database, ids: [String]? = nil) throws -> [MatchSubject] {
    var sql = """
      SELECT advertiser_id, name, category, target_categories, excluded_categories, allows_explicit,
             max_cpm_cents, min_downloads
      FROM advertisers
      """
    var arguments: StatementArguments = []
    if let ids {
      sql += " WHERE advertiser_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
      arguments = StatementArguments(ids)
    }
    sql += " ORDER BY advertiser_id"
    return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
      let id: String = row[0]
      let fields: [Value] = [
        .string(id), .string(row[1]), .string(row[2]), try list(row[3]), try list(row[4]),
        .bool(row[5] as Int64 == 1), .double(Double(row[6] as Int64) / 100), .int(row[7]),
      ]
      return MatchSubject(
        id: id, value: .record(RecordValue(type: MatchInputs.advertiser, fields: fields)))
    }
  }

  /// Every show (or those in `ids`) with its derived metrics as of `asOf`, sorted by id.
  public static func shows(_ db: Database, asOf: Day, ids: [String]? = nil) throws -> [MatchSubject]
  {
    let from = asOf.adding(days: -29)
    var filter = ""
    var arguments: StatementArguments = [from.description, asOf.description]
    if let ids {
      filter = "WHERE s.show_id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
      arguments += StatementArguments(ids)
    }
    let sql = """
      WITH recent AS (
        SELECT e.show_id, m.episode_id, m.downloads, m.listeners, m.impressions
        FROM metrics_daily_resolved m JOIN episodes e ON e.episode_id = m.episode_id
        WHERE m.day BETWEEN ? AND ?
      ), per_show AS (
        SELECT show_id, sum(downloads) AS downloads, sum(listeners) AS listeners,
               sum(impressions) AS impressions,
               count(DISTINCT CASE WHEN downloads > 0 THEN episode_id END) AS episodes_heard
        FROM recent GROUP BY show_id
      ), episode_counts AS (
        SELECT show_id, count(*) AS episodes FROM episodes GROUP BY show_id
      ), active_ios AS (
        SELECT show_id, count(*) AS ios FROM io_bookings
        WHERE status IN ('scheduled', 'live') GROUP BY show_id
      )
      SELECT s.show_id, s.name, s.creator, s.categories, s.explicit, s.language, s.country,
             s.cpm_cents, s.description,
             coalesce(p.downloads, 0), coalesce(p.listeners, 0), coalesce(p.impressions, 0),
             coalesce(p.episodes_heard, 0), coalesce(c.episodes, 0), coalesce(a.ios, 0)
      FROM shows s
      LEFT JOIN per_show p ON p.show_id = s.show_id
      LEFT JOIN episode_counts c ON c.show_id = s.show_id
      LEFT JOIN active_ios a ON a.show_id = s.show_id
      \(filter)
      ORDER BY s.show_id
      """
    return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
      let id: String = row[0]
      let downloads: Int64 = row[9]
      let heard: Int64 = row[12]
      let fields: [Value] = [
        .string(id), .string(row[1]), .string(row[2]), try list(row[3]),
        .bool(row[4] as Int64 == 1),
        .string(row[5]), .string(row[6]), .double(Double(row[7] as Int64) / 100), .string(row[8]),
        .int(downloads), .int(row[10]), .int(row[11]),
        .double(heard > 0 ? Double(downloads) / Double(heard) : 0), .int(row[13]), .int(row[14]),
      ]
      return MatchSubject(
        id: id, value: .record(RecordValue(type: MatchInputs.show, fields: fields)))
    }
  }

  /// A JSON array of strings from the store as a list value.
  static func list(_ json: String) throws -> Value {
    let items = try JSONDecoder().decode([String].self, from: Data(json.utf8))
    return .list(items.map(Value.string))
  }
}
