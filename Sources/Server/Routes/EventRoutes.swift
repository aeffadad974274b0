import Foundation
import Hummingbird
import Presentation
import Store

/// `GET /api/v1/events?type=&since=&subject=&limit=`: the event log, as `cuesheet events --json`.
struct EventRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    let store = server.store
    group.get("v1/events") { request, _ in
      let query = request.uri.queryParameters
      var limit = 100
      if let text = query.get("limit") {
        guard let value = Int(text), (1...10_000).contains(value) else {
          throw APIError.badRequest("limit must be a whole number from 1 to 10000, got '\(text)'.")
        }
        limit = value
      }
      var since: String?
      if let text = query.get("since") {
        guard let date = Timestamp.parse(text) else {
          throw APIError.badRequest(
            "since '\(text)' is not a time; use 2026-11-25, 2026-11-25T08:00:00Z, or 24h / 7d.")
        }
        since = Timestamp.string(date)
      }
      let filter = EventFilter(
        type: query.get("type").flatMap { $0.isEmpty ? nil : $0 }, since: since,
        subject: query.get("subject").flatMap { $0.isEmpty ? nil : $0 }, limit: limit)
      let events = try await blocking {
        try store.writer.read { db in try EventLog.list(db, filter: filter) }
      }
      return try JSONResponse.make(events.map(EventJSON.init))
    }
  }
}
