import Application
import Foundation
import Hummingbird
import Store

/// `GET /api/v1/events?type=&since=&subject=&limit=`: the event log, as `cuesheet events --json`.
struct EventRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    let store = server.store
    group.get("v1/events") { request, _ in
      let query = request.query
      var limit = 100
      if let text = query.get("limit") {
        guard let value = Int(text), (1...10_000).contains(value) else {
          throw APIError.badRequest("limit must be a whole number from 1 to 10000, got '\(text)'.")
        }
        limit = value
      }
      let since = try query.get("since").map {
        try QueryEvents.parseSince($0)
      }
      let events = try await QueryEvents(store: store).run(
        .init(type: query.get("type"), since: since, subject: query.get("subject"), limit: limit))
      return try JSONResponse.make(events.map(EventJSON.init))
    }
  }
}
