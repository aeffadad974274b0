import Expressions
import Foundation
import Hummingbird
import Presentation
import Rules
import Store

/// `GET /api/v1/flags/{name}?context=JSON`: value, variant and reason, as `cuesheet flags eval`.
struct FlagRoutes {
  let server: CuesheetServer

  func add(to group: RouterGroup<BasicRequestContext>) {
    let rules = server.rules
    let overrides = server.configuration.flagOverrides
    group.get("v1/flags/{name}") { request, context in
      let name = try context.parameters.require("name")
      let book = try Self.book(rules)
      guard book.flags.flag(named: name) != nil else {
        throw APIError.notFound("There is no flag named \(name) in the loaded rule files.")
      }
      let flagContext: FlagContext
      do {
        flagContext = try book.flags.context(
          json: BoundedBody.jsonQuery(request, "context") ?? "{}")
      } catch {
        throw APIError.badRequest("context: \(error)")
      }
      let result = book.flags.evaluate(name, in: flagContext, overrides: overrides)
      return try JSONResponse.make(FlagResultJSON(result))
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
