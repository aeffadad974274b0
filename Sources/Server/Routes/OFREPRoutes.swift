import Application
import Foundation
import Hummingbird
import Rules

/// OpenFeature Remote Evaluation Protocol (OFREP 0.3.0): `POST /ofrep/v1/evaluate/flags/{key}` and
/// `POST /ofrep/v1/evaluate/flags`, for any OpenFeature SDK with an OFREP provider.
///
/// The use case (``EvaluateOpenFeature``) maps the context and the reasons; this adapter reads the
/// body, picks the status from the failure's category (404 for `FLAG_NOT_FOUND`, 400 for the
/// others), and answers the bulk route's `If-None-Match` with 304. Any token may evaluate
/// (`flags:read` or `all`), sent as `Authorization: Bearer` or, as OFREP also allows, `X-API-Key`.
struct OFREPRoutes {
  let server: CuesheetServer

  /// The largest request body read, in bytes: a context is a few hundred.
  static let bodyLimit = 64 * 1024

  func add(to router: Router<BasicRequestContext>) {
    let rules = server.rules
    let overrides = server.configuration.flagOverrides
    let group = router.group("ofrep/v1/evaluate").add(
      middleware: BearerAuthMiddleware(
        verifier: server.verifier, permits: { _, _ in true }, acceptsAPIKey: true))
    group.post("flags/{key}") { request, context in
      let key = try context.parameters.require("key")
      guard let book = rules.book else { return try Self.unavailable(rules) }
      let body = try await Self.body(request)
      let result = EvaluateOpenFeature().evaluate(
        flag: key, .init(rules: book, overrides: overrides, body: body))
      return Self.json(
        OFREPJSON.resolution(result),
        status: result.error.map { APIError.status(for: $0.category) } ?? .ok)
    }
    group.post("flags") { request, _ in
      guard let book = rules.book else { return try Self.unavailable(rules) }
      let body = try await Self.body(request)
      let answer = EvaluateOpenFeature().evaluateAll(
        .init(rules: book, overrides: overrides, body: body),
        ifNoneMatch: request.headers[.ifNoneMatch])
      switch answer {
      case .evaluated(let results, let etag):
        return Self.json(OFREPJSON.bulk(results), status: .ok, etag: etag)
      case .notModified(let etag):
        return Response(status: .notModified, headers: [.eTag: etag])
      case .failed(let error):
        return Self.json(
          OFREPJSON.failure(error), status: APIError.status(for: error.category))
      }
    }
  }

  /// The request body, at most ``bodyLimit`` bytes (else 413).
  static func body(_ request: Request) async throws -> Data {
    let buffer = try await BoundedBody.collect(request, limit: bodyLimit)
    return Data(buffer.readableBytesView)
  }

  static func json(_ text: String, status: HTTPResponse.Status, etag: String? = nil) -> Response {
    var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
    if let etag { headers[.eTag] = etag }
    return Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// OFREP's `generalErrorResponse` (500) when no rule file has ever loaded.
  static func unavailable(_ rules: RuleWatcher) throws -> Response {
    json(
      OFREPJSON.general(
        "No rule files have loaded from \(rules.paths.joined(separator: ", "))"
          + (rules.loadError.map { ": \($0.prefix(500))" } ?? "; check --rules.")),
      status: .internalServerError)
  }
}
