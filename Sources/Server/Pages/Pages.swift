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
        let result = try await uploads.upload(request)
        return HTMLResponse.make(PageHTML.uploadResult(result))
      } catch {
        let apiError = APIError.from(error)
        return HTMLResponse.make(PageHTML.uploadFailure(apiError), status: apiError.status)
      }
    }
    let files = DashboardFiles(root: server.configuration.dashboardsDirectory)
    // "/dashboards" and "/dashboards/" are one route; the index's relative links need the slash.
    pages.get("/dashboards") { request, _ in
      request.uri.path.hasSuffix("/")
        ? try files.response(for: "") : HTMLResponse.redirect(to: "/dashboards/")
    }
    pages.get("/dashboards/**") { _, context in
      try files.response(for: context.parameters.getCatchAll().joined(separator: "/"))
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
