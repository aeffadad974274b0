import Application
import Foundation
import Hummingbird
import Pipeline
import Store

/// `/api/v1/io…`: ``IOService``, as `cuesheet io`.
struct IORoutes {
  let server: CuesheetServer

  /// The body of `POST /api/v1/io`, with the same choices as `cuesheet io create`.
  struct Create: Decodable {
    let campaign_id: String
    let show_id: String
    let placement: String
    let flight_start: String
    let flight_end: String
    let cpm: String?
    let impressions: Int64?
    let flat: String?
    let spots: Int64?
    let promo_code: String?
    let vanity_url: String?
    let ad_format: String?
    let io_id: String?
    /// Refuse (422, nothing written) when the goal exceeds the show's avails.
    let strict: Bool?
  }

  struct ScheduleBody: Decodable {
    let allow_conflict: Bool?
    let strict: Bool?
  }
  struct CancelBody: Decodable { let reason: String? }
  /// `{"force": true}` starts or delivers an IO outside its flight dates.
  struct ForceBody: Decodable { let force: Bool? }

  func add(to group: RouterGroup<BasicRequestContext>) {
    let service = ManageIOs(store: server.store)
    group.get("v1/io") { request, _ in
      let query = request.query
      let status = try query.get("status").map { name in
        guard let status = IOStatus(rawValue: name) else {
          throw APIError.badRequest(
            "Unknown status '\(name)'; use one of \(IOStatus.allCases.map(\.rawValue).joined(separator: ", "))."
          )
        }
        return status
      }
      let filter = IOService.Filter(
        status: status, showID: query.get("show"), campaignID: query.get("campaign"))
      var asOf = Day(Date())
      if let text = query.get("as_of") {
        guard let day = Day(parsing: text) else {
          throw APIError.badRequest("as_of '\(text)' is not a day; use YYYY-MM-DD.")
        }
        asOf = day
      }
      let listing = try await ListIOs(store: server.store).run(
        .init(
          filter: filter, rules: server.rules.book,
          noRulesReason: "no rule files loaded from \(server.rules.paths.joined(separator: ", "))",
          context: FlagRunContext(context: query.get("context"), env: nil, account: nil),
          overrides: server.configuration.flagOverrides, asOf: asOf))
      return try JSONResponse.make(listing.rows.map(IOJSON.init))
    }
    group.get("v1/io/{id}") { _, context in
      let id = try context.parameters.require("id")
      let (io, delivery) = try await service.show(id)
      return try JSONResponse.make(IOJSON(io, delivery: delivery))
    }
    group.post("v1/io") { request, _ in
      let body = try await JSONResponse.decode(Create.self, from: request)
      let newIO = try Self.newIO(body)
      let (id, warnings) = try await service.create(
        newIO, strict: body.strict ?? false, shares: try server.availsShares())
      let (io, _) = try await service.show(id)
      return try JSONResponse.make(CreatedIOJSON(io, warnings: warnings), status: .created)
    }
    group.post("v1/io/{id}/schedule") { request, context in
      let id = try context.parameters.require("id")
      let body =
        try await Self.optionalBody(ScheduleBody.self, request)
        ?? ScheduleBody(allow_conflict: nil, strict: nil)
      let (outcome, warnings) = try await service.schedule(
        id, allowConflict: body.allow_conflict ?? false, strict: body.strict ?? false,
        shares: try server.availsShares())
      return try await Self.answer(
        service, id, overridden: outcome.overridden.map(\.summary), warnings: warnings)
    }
    group.post("v1/io/{id}/start") { request, context in
      let id = try context.parameters.require("id")
      let force = try await Self.optionalBody(ForceBody.self, request)?.force ?? false
      try await service.start(id, force: force)
      return try await Self.answer(service, id)
    }
    group.post("v1/io/{id}/deliver") { request, context in
      let id = try context.parameters.require("id")
      let force = try await Self.optionalBody(ForceBody.self, request)?.force ?? false
      try await service.deliver(id, force: force)
      return try await Self.answer(service, id)
    }
    group.post("v1/io/{id}/cancel") { request, context in
      let id = try context.parameters.require("id")
      let body = try await Self.optionalBody(CancelBody.self, request)
      guard let reason = body?.reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
        throw APIError.badRequest("Cancelling an IO needs a reason; send {\"reason\": \"…\"}.")
      }
      try await service.cancel(id, reason: reason)
      return try await Self.answer(service, id)
    }
    group.get("v1/io/{id}/document") { request, context in
      let id = try context.parameters.require("id")
      let format = request.query.get("format") ?? "html"
      guard let kind = IODocumentResponse.Format(rawValue: format) else {
        throw APIError.badRequest("Unknown format '\(format)'; use pdf, html or md.")
      }
      let allowDraft = try request.query.boolean("allow_draft")
      let strict = try request.query.boolean("strict")
      let flags = try IODocumentResponse.flags(
        server.rules, contextJSON: request.query.get("context"),
        overrides: server.configuration.flagOverrides)
      return try await IODocumentResponse.make(
        ioID: id, format: kind, allowDraft: allowDraft, strict: strict, flags: flags,
        store: server.store,
        reportsDirectory: server.configuration.reportsDirectory, pdfGate: server.pdfGate,
        context: context)
    }
  }

  /// The IO after an action, with its delivery so far.
  static func answer(
    _ service: ManageIOs, _ id: String, overridden: [String] = [], warnings: [AvailsWarning] = []
  ) async throws -> Response {
    let (io, delivery) = try await service.show(id)
    return try JSONResponse.make(
      IOActionJSON(
        io: IOJSON(io, delivery: delivery), overriddenConflicts: overridden,
        warnings: warnings.map(AvailsWarningJSON.init)))
  }

  /// A JSON body that may be absent (no bytes at all).
  static func optionalBody<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T? {
    let buffer = try await BoundedBody.collect(request)
    if buffer.readableBytes == 0 { return nil }
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let error as DecodingError {
      throw APIError.badRequest("The JSON body is not valid: \(JSONResponse.describe(error))")
    }
  }

  static func newIO(_ body: Create) throws -> NewIO {
    guard let placement = Placement(rawValue: body.placement) else {
      throw APIError.badRequest("Unknown placement '\(body.placement)'; use pre, mid or post.")
    }
    let format = body.ad_format ?? "host-read"
    guard let adFormat = AdFormat(argument: format) else {
      throw APIError.badRequest("Unknown ad_format '\(format)'; use host-read or produced.")
    }
    return NewIO(
      campaignID: body.campaign_id, showID: body.show_id, placement: placement,
      flight: try Flight(parsing: "\(body.flight_start)..\(body.flight_end)"),
      rate: try IORate.parse(
        cpm: body.cpm, impressions: body.impressions, flat: body.flat, spots: body.spots),
      adFormat: adFormat, promoCode: body.promo_code,
      vanityURL: try body.vanity_url.map(VanityURL.validate),
      ioID: body.io_id)
  }
}
