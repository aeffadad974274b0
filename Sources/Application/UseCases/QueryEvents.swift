import Foundation
import Store

/// The event log, filtered, newest last: `cuesheet events` and `GET /api/v1/events`.
public struct QueryEvents: Sendable {
  public struct Request: Sendable, Equatable {
    /// An exact type (`io.scheduled`) or a prefix ending in `*` (`io.*`).
    public var type: String?
    /// Only events at or after this time.
    public var since: Date?
    /// Only events about this subject (`io:IO-1001`).
    public var subject: String?
    /// Only the newest N.
    public var limit: Int?

    public init(type: String? = nil, since: Date? = nil, subject: String? = nil, limit: Int? = nil)
    {
      self.type = type
      self.since = since
      self.subject = subject
      self.limit = limit
    }
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func run(_ request: Request) async throws -> [Event] {
    if let limit = request.limit, limit < 1 {
      throw ApplicationError.invalidValue(
        field: "limit", message: "must be at least 1, got \(limit).")
    }
    let filter = EventFilter(
      type: request.type.flatMap { $0.isEmpty ? nil : $0 },
      since: request.since.map(Timestamp.string),
      subject: request.subject.flatMap { $0.isEmpty ? nil : $0 }, limit: request.limit)
    return try await store.writer.read { db in try EventLog.list(db, filter: filter) }
  }

  /// Parses a `since` value (`2026-11-25`, `2026-11-25T08:00:00Z`, or `90m` / `24h` / `7d` back
  /// from now), or throws with what is accepted.
  public static func parseSince(_ text: String, field: String = "since") throws -> Date {
    guard let date = Timestamp.parse(text) else {
      throw ApplicationError.invalidValue(
        field: field,
        message: "'\(text)' is not a time; use 2026-11-25, 2026-11-25T08:00:00Z, or 24h / 7d.")
    }
    return date
  }
}
