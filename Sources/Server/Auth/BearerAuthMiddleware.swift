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

/// Requires the `cuesheet_token` cookie (set by the login form) on the HTML pages it wraps;
/// without it, redirects to `/login`.
struct CookieAuthMiddleware<Context: RequestContext>: RouterMiddleware {
  let verifier: TokenVerifier

  static var cookieName: String { "cuesheet_token" }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    guard let token = request.cookies[Self.cookieName]?.value, verifier.verify(token) != nil else {
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
