import HTTPTypes
import Hummingbird

/// Adds the headers that keep every response out of frames and out of content sniffing.
///
/// All responses get `X-Frame-Options: DENY`, `X-Content-Type-Options: nosniff`,
/// `Referrer-Policy: same-origin` and, unless the route set a stricter one,
/// `Content-Security-Policy: frame-ancestors 'none'`. The server's own pages (`/`, `/login`,
/// `/upload`) set ``pagePolicy``, which also forbids scripts.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The policy of the server's own pages: no script, nothing from elsewhere, not framed.
  static var pagePolicy: String {
    "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
  }
  /// The policy of everything else (dashboards, IO documents, JSON): not framed.
  static var defaultPolicy: String { SecurityHeaderFields.defaultPolicy.value }

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    var response = try await next(request, context)
    Self.apply(to: &response.headers)
    return response
  }

  static func apply(to headers: inout HTTPFields) {
    if headers[.contentSecurityPolicy] == nil { headers.append(SecurityHeaderFields.defaultPolicy) }
    // Every response gets these: made once (a field checks its value when it is made).
    for field in SecurityHeaderFields.always {
      if headers[field.name] == nil {
        headers.append(field)
      } else {
        headers[fields: field.name] = [field]
      }
    }
  }

}

/// The fields ``SecurityHeadersMiddleware`` adds, made once (a field checks its value when it is
/// made; a generic type cannot hold them as stored statics).
private enum SecurityHeaderFields {
  static let defaultPolicy = HTTPField(
    name: .contentSecurityPolicy, value: "frame-ancestors 'none'; base-uri 'none'")
  static let always = [
    HTTPField(name: .xFrameOptions, value: "DENY"),
    HTTPField(name: .xContentTypeOptions, value: "nosniff"),
    HTTPField(name: .referrerPolicy, value: "same-origin"),
  ]
}
