import Foundation
import HTTPTypes
import Hummingbird
import Store

/// Requires `Authorization: Bearer TOKEN` with an active token on every request it wraps, whose
/// scope permits the request (401 without a valid token, 403 when its scope does not reach).
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let verifier: TokenVerifier
  /// Whether a token of this scope may make this request.
  var permits: @Sendable (TokenStore.Scope, Request) -> Bool = Self.apiScopes
  /// Also take the token from `X-API-Key` (OFREP's other way to send it).
  var acceptsAPIKey = false

  /// The `/api` routes: scope `all` everywhere; `flags:read` only for `GET /api/v1/flags/{name}`.
  static func apiScopes(_ scope: TokenStore.Scope, _ request: Request) -> Bool {
    switch scope {
    case .all: true
    case .flagsRead: request.method == .get && request.uri.path.hasPrefix("/api/v1/flags/")
    }
  }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var presented: String?
    if let header = request.headers[.authorization], header.hasPrefix("Bearer ") {
      presented = Self.trimmed(header.dropFirst(7))
    } else if acceptsAPIKey, let key = request.headers[.xAPIKey] {
      presented = Self.trimmed(Substring(key))
    }
    guard let presented, let token = verifier.authenticate(presented) else {
      throw APIError.unauthorized
    }
    guard permits(token.scope, request) else { throw APIError.forbidden(scope: token.scope) }
    return try await next(request, context)
  }
}

extension BearerAuthMiddleware {
  /// A header value without the blanks around it, as `trimmingCharacters(in: .whitespaces)`
  /// gives it (spaces, tabs and the other Unicode space separators), without Foundation when
  /// the value ends in ASCII (every real token): this runs on every API request.
  static func trimmed(_ value: Substring) -> String {
    let utf8 = value.utf8
    var start = utf8.startIndex
    var end = utf8.endIndex
    func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
    while start < end, isBlank(utf8[start]) { start = utf8.index(after: start) }
    while start < end, isBlank(utf8[utf8.index(before: end)]) { end = utf8.index(before: end) }
    guard start < end else { return "" }
    if utf8[start] >= 0x80 || utf8[utf8.index(before: end)] >= 0x80 {
      return value.trimmingCharacters(in: .whitespaces)
    }
    return String(value[start..<end])
  }
}

extension HTTPField.Name {
  /// `X-API-Key`: OFREP's alternative to a bearer token.
  static let xAPIKey = Self("X-API-Key")!
}

/// Requires the `cuesheet_session` cookie (set by the login form) on the HTML pages it wraps: a
/// live session whose token is still active. Without it, a GET redirects to `/login` and a POST
/// gets 401.
struct CookieAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let verifier: TokenVerifier
  let sessions: SessionStore

  static var cookieName: String { "cuesheet_session" }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard let session = request.cookies[Self.cookieName]?.value,
      let name = sessions.tokenName(for: session), verifier.isActive(name: name)
    else {
      // A form post cannot be carried across a redirect: it is refused, with a link to sign in.
      if request.method != .get && request.method != .head {
        var response = HTMLResponse.make(
          PageHTML.message(
            title: "Sign in first",
            text: "Your session has ended or was never opened; sign in at /login."),
          status: .unauthorized)
        response.headers[.contentSecurityPolicy] = SecurityHeadersMiddleware<Context>.pagePolicy
        return response
      }
      let target = request.uri.path
      return HTMLResponse.redirect(
        to: "/login?next="
          + (target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
    }
    return try await next(request, context)
  }
}

/// Turns every thrown error into the one JSON error shape (and logs nothing secret).
struct ErrorShapeMiddleware<Context: RequestContext>: RouterMiddleware {
  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch {
      return try APIError.from(error).response(from: request, context: context)
    }
  }
}
