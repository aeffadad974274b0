/// One entry of the append-only event log.
public struct Event: Sendable, Equatable, Codable {
  /// Increasing with every event; the log's order.
  public let id: Int64
  /// A dotted type such as `deal.stage_changed` (catalogue: `docs/events.md`).
  public let type: String
  /// When it happened, ISO 8601 UTC.
  public let occurredAt: String
  /// What it is about, as `kind:id` (`io:IO-1001`, `campaign:C-7`, `import:12`).
  public let subject: String
  /// The payload, a JSON object as text.
  public let payload: String

  public init(id: Int64, type: String, occurredAt: String, subject: String, payload: String) {
    self.id = id
    self.type = type
    self.occurredAt = occurredAt
    self.subject = subject
    self.payload = payload
  }
}

/// Which events to list.
public struct EventFilter: Sendable, Equatable {
  /// An exact type (`io.scheduled`) or a prefix ending in `*` (`io.*`).
  public var type: String?
  /// Only events at or after this instant (ISO 8601 UTC text).
  public var since: String?
  /// Only events about this subject (`io:IO-1001`).
  public var subject: String?
  /// At most this many: the newest ones, still listed oldest first.
  public var limit: Int?

  public init(type: String? = nil, since: String? = nil, subject: String? = nil, limit: Int? = nil)
  {
    self.type = type
    self.since = since
    self.subject = subject
    self.limit = limit
  }
}
