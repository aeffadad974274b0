import Foundation
import Hummingbird
import Store

/// Answers 405 `method_not_allowed` (with `Allow`) when a path is served but not with the
/// request's method, such as `TRACE /healthz`; an unknown path stays 404.
///
/// The routes are filled in by ``CuesheetServer/router()`` once every route is registered.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
  /// The served routes: path components (`{id}` and `**` as in Hummingbird) and their methods.
  final class Routes: @unchecked Sendable {
    private(set) var entries: [(components: [String], methods: Set<String>)] = []

    func load(_ routes: [(components: [String], method: String)]) {
      var merged: [[String]: Set<String>] = [:]
      for route in routes { merged[route.components, default: []].insert(route.method) }
      entries = merged.map { ($0.key, $0.value) }
    }

    /// The methods served at `path`, or an empty set when no route matches it.
    func methods(at path: String) -> Set<String> {
      let segments = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
      var found: Set<String> = []
      for entry in entries where Self.matches(entry.components, segments) {
        found.formUnion(entry.methods)
      }
      return found
    }

    static func matches(_ pattern: [String], _ segments: [String]) -> Bool {
      for (index, element) in pattern.enumerated() {
        if element == "**" { return index < segments.count }
        guard index < segments.count else { return false }
        if element == "*" || (element.hasPrefix("{") && element.hasSuffix("}")) { continue }
        if element != segments[index] { return false }
      }
      return pattern.count == segments.count
    }
  }

  let routes: Routes

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    do {
      return try await next(request, context)
    } catch let error as HTTPError where error.status == .notFound {
      var methods = routes.methods(at: request.uri.path)
      guard !methods.isEmpty, !methods.contains(request.method.rawValue) else { throw error }
      if methods.contains("GET") { methods.insert("HEAD") }
      let allow = methods.sorted().joined(separator: ", ")
      var response = try APIError(
        .methodNotAllowed, "method_not_allowed",
        "\(BoundedText.clip(request.method.rawValue, limit: 20)) is not served at this path; use \(allow)."
      ).response(from: request, context: context)
      response.headers[.allow] = allow
      return response
    }
  }
}
