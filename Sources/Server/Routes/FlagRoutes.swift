import Application
import Foundation
import Hummingbird
import Rules

/// `GET /api/v1/flags/{name}?context=JSON`: value, variant and reason, as `cuesheet flags eval`;
/// without a context, the server's run context (``FlagRunContext``), as on the command line.
///
/// The hot path of the API: the context is read straight into the engine's values, the flag
/// evaluated by index, and the result written as JSON text directly (``FlagResultJSON/text(_:)``,
/// the same text as the shared encoder writes). The process environment is read only when the
/// request has no context.
struct FlagRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    let rules = server.rules
    let overrides = server.configuration.flagOverrides
    group.get("v1/flags/{name}") { request, context in
      let name = try context.parameters.require("name")
      let result = try EvaluateFlag().result(
        .init(
          rules: try Self.book(rules), rulesSource: "the loaded rule files", flag: name,
          context: try request.query.get("context") ?? FlagRunContext.defaults().json(),
          overrides: overrides))
      return JSONResponse.make(text: FlagResultJSON.text(result))
    }
  }

  /// The rules in force, or a 503 when none ever loaded.
  static func book(_ rules: RuleWatcher) throws -> RuleBook {
    guard let book = rules.book else {
      throw APIError(
        .serviceUnavailable, "rules_unavailable",
        "No rule files have loaded from \(rules.paths.joined(separator: ", "))"
          + (rules.loadError.map { ": \($0)" } ?? "; check --rules."))
    }
    return book
  }
}
