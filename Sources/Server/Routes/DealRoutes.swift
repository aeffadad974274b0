import Application
import Foundation
import Hummingbird
import Pipeline

/// `GET /api/v1/deals`, `PATCH /api/v1/deals/{id}`: ``DealService``, as `cuesheet deals`.
struct DealRoutes {
  let server: CuesheetServer

  struct Patch: Decodable {
    let stage: String
    let reason: String?
  }

  func add(to group: RouterGroup<BasicRequestContext>) {
    let service = ManageDeals(store: server.store)
    group.get("v1/deals") { request, _ in
      let query = request.query
      let stage = try query.get("stage").map { name in
        guard let stage = DealStage(rawValue: name) else { throw Self.unknownStage(name) }
        return stage
      }
      let advertiser = query.get("advertiser")
      let deals = try await service.list(.init(stage: stage, advertiserID: advertiser))
      return try JSONResponse.make(deals.map(DealJSON.init))
    }
    group.patch("v1/deals/{id}") { request, context in
      let id = try context.parameters.require("id")
      let patch = try await JSONResponse.decode(Patch.self, from: request)
      guard let stage = DealStage(rawValue: patch.stage) else {
        throw Self.unknownStage(patch.stage)
      }
      let reason = patch.reason
      let (change, deal) = try await service.move(campaignID: id, to: stage, reason: reason)
      struct Moved: Encodable {
        let campaign_id, from, to: String
        let reason: String?
        let deal: DealJSON?
      }
      return try JSONResponse.make(
        Moved(
          campaign_id: change.campaignID, from: change.from.rawValue, to: change.to.rawValue,
          reason: reason, deal: DealJSON(deal)))
    }
  }

  static func unknownStage(_ name: String) -> APIError {
    .badRequest(
      "Unknown stage '\(name)'; use one of \(DealStage.allCases.map(\.rawValue).joined(separator: ", "))."
    )
  }
}
