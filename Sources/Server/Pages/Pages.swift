import Foundation
import Hummingbird
import Ingest
import Store

/// The HTML pages: `/` (links), `/login`, `/logout`, `/upload` and `/dashboards/…`.
///
/// Every page but the login form needs the `cuesheet_session` cookie, which the login form sets
/// (HttpOnly, SameSite=Strict) after checking the token: a server-side session (``SessionStore``),
/// never the token itself, ended by `POST /logout`. The login form only takes posts from this
/// server's own pages (``LoginGuard``). No JavaScript; the pages' policy forbids scripts.
struct Pages {
  let server: CuesheetServer

  func add(to router: Router<BasicRequestContext>) {
    let verifier = server.verifier
    let sessions = server.sessions
    let cookie = CookieAuthMiddleware<BasicRequestContext>.cookieName
    let secure = server.configuration.secureCookies ? "; Secure" : ""
    router.get("/login") { request, _ in
      Self.page(
        PageHTML.login(
          next: LoginGuard.safeNext(request.query.get("next")), failed: false))
    }
    router.post("/login") { request, _ in
      guard LoginGuard.isSameOrigin(request) else {
        return Self.page(
          PageHTML.message(
            title: "Sign-in refused",
            text: "The sign-in form was posted from another site; open /login on this server."),
          status: .forbidden)
      }
      let form = try await Self.form(request)
      let next = LoginGuard.safeNext(form["next"])
      guard let token = form["token"]?.trimmingCharacters(in: .whitespaces),
        let (name, scope) = verifier.authenticate(token)
      else {
        return Self.page(PageHTML.login(next: next, failed: true), status: .unauthorized)
      }
      // A flags:read token only evaluates flags: it opens no page session.
      guard scope == .all else {
        return Self.page(
          PageHTML.message(
            title: "Sign-in refused",
            text:
              "This token has scope \(scope.rawValue): it can only evaluate flags. Sign in with a token of scope all."
          ),
          status: .forbidden)
      }
      let session = sessions.open(tokenName: name)
      return HTMLResponse.redirect(
        to: next,
        headers: [
          .setCookie:
            "\(cookie)=\(session); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(Int(sessions.lifetime))\(secure)"
        ])
    }
    router.post("/logout") { request, _ in
      if let session = request.cookies[cookie]?.value { sessions.close(session) }
      return HTMLResponse.redirect(
        to: "/login",
        headers: [
          .setCookie: "\(cookie)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0\(secure)"
        ])
    }
    let pages = router.group().add(
      middleware: CookieAuthMiddleware(verifier: verifier, sessions: sessions))
    pages.get("/") { _, _ in Self.page(PageHTML.home()) }
    pages.get("/upload") { _, _ in Self.page(PageHTML.uploadForm()) }
    let uploads = UploadRoutes(server: server)
    pages.post("/upload") { request, context in
      do {
        let (result, _) = try await uploads.upload(request, context: context)
        return Self.page(PageHTML.uploadResult(result))
      } catch {
        let apiError = APIError.from(error)
        return Self.page(PageHTML.uploadFailure(apiError), status: apiError.status)
      }
    }
    // "/dashboards" redirects to "/dashboards/" (the index's relative links need the slash); the
    // files below it come from the file middleware, after the cookie check.
    let files = DashboardFiles(root: server.configuration.dashboardsDirectory)
    let dashboards = router.group("dashboards")
      .add(middleware: CookieAuthMiddleware(verifier: verifier, sessions: sessions))
      .add(middleware: files.middleware(BasicRequestContext.self))
    dashboards.get { request, _ -> Response in
      // "/dashboards/" falls through to the file middleware (the index); "/dashboards" redirects.
      guard request.uri.path.hasSuffix("/") else {
        return HTMLResponse.redirect(to: "/dashboards/")
      }
      throw DashboardFileMiddleware<BasicRequestContext>.notFound(request.uri.path)
    }
    dashboards.get("**") { request, _ -> Response in
      throw DashboardFileMiddleware<BasicRequestContext>.notFound(request.uri.path)
    }
  }

  /// One of the server's own pages, with the strict content policy (no script).
  static func page(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    var response = HTMLResponse.make(html, status: status)
    response.headers[.contentSecurityPolicy] =
      SecurityHeadersMiddleware<BasicRequestContext>
      .pagePolicy
    return response
  }

  /// An `application/x-www-form-urlencoded` body (at most 64 KB).
  static func form(_ request: Request) async throws -> [String: String] {
    let buffer = try await BoundedBody.collect(request)
    var fields: [String: String] = [:]
    for pair in String(buffer: buffer).split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map {
        String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
      }
      if let key = parts.first { fields[key] = parts.count > 1 ? parts[1] : "" }
    }
    return fields
  }
}
