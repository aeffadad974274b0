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
/// The table itself refuses `UPDATE` and `DELETE` (triggers), so the log stays append-only. Since
/// nothing can ever drop an event, a payload is bounded: one larger than ``maxPayloadBytes`` is
/// stored with its strings clipped (``BoundedText``) and, if still too large, as a small summary.
public enum EventLog {
  /// The largest payload stored as given, in bytes of JSON.
  public static let maxPayloadBytes = 16 * 1024

  /// Records one event and returns its id. `payload` is any `Encodable` that encodes to a JSON object.
  @discardableResult
  public static func record(
    _ db: Database, type: String, subject: String, payload: some Encodable = [String: String](),
    at date: Date = Date()
  ) throws -> Int64 {
    let json = try boundedPayload(encodePayload(payload))
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

  /// `json` itself when it has at most ``maxPayloadBytes`` bytes; else the same object with its
  /// strings clipped to 200 characters and its arrays to 20 items; else a summary,
  /// `{"payload_truncated": true, "payload_bytes": N}`.
  static func boundedPayload(_ json: String) throws -> String {
    let size = json.utf8.count
    guard size > maxPayloadBytes else { return json }
    if let value = try? JSONValue(parsing: json) {
      let clipped = try encodePayload(BoundedText.clip(value, maxItems: 20))
      if clipped.utf8.count <= maxPayloadBytes { return clipped }
    }
    let summary: [String: JSONValue] = [
      "payload_truncated": .bool(true), "payload_bytes": .int(Int64(size)),
    ]
    return try encodePayload(summary)
  }

  /// Encodes a payload as compact JSON with sorted keys, so equal payloads are equal text.
  public static func encodePayload(_ payload: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let data = try encoder.encode(payload)
    return String(decoding: data, as: UTF8.self)
  }
}
