import Foundation
import Hummingbird
import Ingest

/// The HTML pages: `/` (links), `/login`, `/logout`, `/upload` and `/dashboards/…`.
///
/// Every page but the login form needs the `cuesheet_token` cookie, which the login form sets
/// (HttpOnly, SameSite=Strict) after checking the token. No JavaScript.
struct Pages {
  let server: CuesheetServer

  func add(to router: Router<BasicRequestContext>) {
    let verifier = server.verifier
    router.get("/login") { request, _ in
      HTMLResponse.make(
        PageHTML.login(next: Self.safeNext(request.uri.queryParameters.get("next")), failed: false))
    }
    router.post("/login") { request, _ in
      let form = try await Self.form(request)
      let next = Self.safeNext(form["next"])
      guard let token = form["token"]?.trimmingCharacters(in: .whitespaces),
        verifier.verify(token) != nil
      else {
        return HTMLResponse.make(PageHTML.login(next: next, failed: true), status: .unauthorized)
      }
      return HTMLResponse.redirect(
        to: next,
        headers: [
          .setCookie:
            "\(CookieAuthMiddleware<BasicRequestContext>.cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
        ])
    }
    router.post("/logout") { _, _ in
      HTMLResponse.redirect(
        to: "/login",
        headers: [
          .setCookie:
            "\(CookieAuthMiddleware<BasicRequestContext>.cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"
        ])
    }
    let pages = router.group().add(middleware: CookieAuthMiddleware(verifier: verifier))
    pages.get("/") { _, _ in HTMLResponse.make(PageHTML.home()) }
    pages.get("/upload") { _, _ in HTMLResponse.make(PageHTML.uploadForm()) }
    let uploads = UploadRoutes(server: server)
    pages.post("/upload") { request, _ in
      do {
        let (result, _) = try await uploads.upload(request)
        return HTMLResponse.make(PageHTML.uploadResult(result))
      } catch {
        let apiError = APIError.from(error)
        return HTMLResponse.make(PageHTML.uploadFailure(apiError), status: apiError.status)
      }
    }
    // "/dashboards" redirects to "/dashboards/" (the index's relative links need the slash); the
    // files below it come from the file middleware, after the cookie check.
    let files = DashboardFiles(root: server.configuration.dashboardsDirectory)
    let dashboards = router.group("dashboards")
      .add(middleware: CookieAuthMiddleware(verifier: verifier))
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

  /// A redirect target that stays on this site (a path, never `//host`).
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else {
      return "/"
    }
    return next
  }

  /// An `application/x-www-form-urlencoded` body (at most 64 KB).
  static func form(_ request: Request) async throws -> [String: String] {
    let buffer = try await request.body.collect(upTo: 1 << 16)
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
