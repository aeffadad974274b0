import Store

/// An event with its payload as a JSON object rather than text: `cuesheet events --json` and
/// `GET /api/v1/events`.
public struct EventJSON: Encodable, Sendable {
  public let id: Int64
  public let type: String
  public let occurredAt: String
  public let subject: String
  public let payload: JSONValue

  public init(_ event: Event) {
    id = event.id
    type = event.type
    occurredAt = event.occurredAt
    subject = event.subject
    payload = (try? JSONValue(parsing: event.payload)) ?? .string(event.payload)
  }
}
