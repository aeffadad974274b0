import Foundation
import GRDB

/// Appends to and reads the `events` table.
///
/// Events are recorded inside the caller's transaction, so an event exists exactly when the change it
/// describes was committed:
///
/// ```swift
/// try store.writer.write { db in
///   try db.execute(sql: "UPDATE io_bookings SET status = 'scheduled' WHERE io_id = ?", arguments: [id])
///   try EventLog.record(db, type: "io.scheduled", subject: "io:\(id)", payload: ["io_id": id])
/// }
/// ```
/// The table itself refuses `UPDATE` and `DELETE` (triggers), so the log stays append-only.
public enum EventLog {
  /// Records one event and returns its id. `payload` is any `Encodable` that encodes to a JSON object.
  @discardableResult
  public static func record(
    _ db: Database, type: String, subject: String, payload: some Encodable = [String: String](),
    at date: Date = Date()
  ) throws -> Int64 {
    let json = try encodePayload(payload)
    try db.execute(
      sql: "INSERT INTO events (type, occurred_at, subject, payload) VALUES (?, ?, ?, ?)",
      arguments: [type, Timestamp.string(date), subject, json])
    return db.lastInsertedRowID
  }

  /// Lists events matching `filter`, oldest first (when limited, the newest `limit` of them).
  public static func list(_ db: Database, filter: EventFilter = EventFilter()) throws -> [Event] {
    var clauses: [String] = []
    var arguments: StatementArguments = []
    if let type = filter.type {
      if type.hasSuffix("*") {
        clauses.append("type GLOB ?")
        arguments += [String(type.dropLast()).replacingOccurrences(of: "[", with: "[[]") + "*"]
      } else {
        clauses.append("type = ?")
        arguments += [type]
      }
    }
    if let since = filter.since {
      clauses.append("occurred_at >= ?")
      arguments += [since]
    }
    if let subject = filter.subject {
      clauses.append("subject = ?")
      arguments += [subject]
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    var sql =
      "SELECT id, type, occurred_at, subject, payload FROM events \(whereSQL) ORDER BY id DESC"
    if let limit = filter.limit {
      sql += " LIMIT ?"
      arguments += [limit]
    }
    let rows = try Row.fetchAll(db, sql: sql, arguments: arguments)
    return rows.reversed().map {
      Event(id: $0[0], type: $0[1], occurredAt: $0[2], subject: $0[3], payload: $0[4])
    }
  }

  /// Encodes a payload as compact JSON with sorted keys, so equal payloads are equal text.
  public static func encodePayload(_ payload: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(payload)
    return String(decoding: data, as: UTF8.self)
  }
}
