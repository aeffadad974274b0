import Foundation
import Hummingbird

/// Requires `Authorization: Bearer TOKEN` with an active token on every request it wraps.
struct BearerAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let verifier: TokenVerifier

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard let header = request.headers[.authorization], header.hasPrefix("Bearer "),
      verifier.verify(String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)) != nil
    else { throw APIError.unauthorized }
    return try await next(request, context)
  }
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
