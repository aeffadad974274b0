import Application
import Avails
import Foundation
import Hummingbird
import Pipeline
import Store

/// `GET /api/v1/avails` and `GET /api/v1/avails/backtest`: the ``CheckAvails`` and
/// ``BacktestForecast`` use cases, as `cuesheet avails` and `cuesheet avails backtest`.
///
/// Query parameters: `from`, `to` (required days), `show` and `placement` (repeatable),
/// `advertiser` or `category`, `impressions`, `as_of`; the backtest takes `as_of`, `weeks`, `show`.
struct AvailsRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    let store = server.store
    group.get("v1/avails") { request, _ -> Response in
      let query = request.query
      let placements = try query.getAll("placement").map { name in
        guard let placement = Placement(rawValue: String(name)) else {
          throw APIError.badRequest("Unknown placement '\(name)'; use pre, mid or post.")
        }
        return placement
      }
      var impressions: Int64?
      if let text = query.get("impressions") {
        guard let value = Int64(text), value >= 1 else {
          throw APIError.badRequest("impressions '\(text)' must be a whole number of at least 1.")
        }
        impressions = value
      }
      let report = try await CheckAvails(store: store).run(
        .init(
          from: try Self.day(query.get("from"), "from", required: true)!,
          through: try Self.day(query.get("to"), "to", required: true)!,
          showIDs: query.getAll("show"), placements: placements,
          advertiserID: query.get("advertiser"), category: query.get("category"),
          impressions: impressions, asOf: try Self.day(query.get("as_of"), "as_of"),
          shares: try server.availsShares()))
      return try JSONResponse.make(AvailsJSON(report))
    }
    group.get("v1/avails/backtest") { request, _ -> Response in
      let query = request.query
      var weeks = 4
      if let text = query.get("weeks") {
        guard let value = Int(text) else {
          throw APIError.badRequest("weeks '\(text)' must be a whole number from 1 to 12.")
        }
        weeks = value
      }
      let result = try await BacktestForecast(store: store).run(
        .init(
          asOf: try Self.day(query.get("as_of"), "as_of", required: true)!, weeks: weeks,
          showIDs: query.getAll("show")))
      return try JSONResponse.make(BacktestJSON(result))
    }
  }

  /// A `YYYY-MM-DD` query parameter.
  static func day(_ text: String?, _ name: String, required: Bool = false) throws -> Day? {
    guard let text else {
      if required { throw APIError.badRequest("The \(name) parameter is required: YYYY-MM-DD.") }
      return nil
    }
    guard let day = Day(parsing: text) else {
      throw APIError.badRequest("\(name) '\(text)' is not a day; use YYYY-MM-DD.")
    }
    return day
  }
}
