import Expressions
import Foundation
import Hummingbird
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
          json: request.uri.queryParameters.get("context") ?? "{}")
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

/// A flag result, with the same keys as `cuesheet flags eval --json`.
struct FlagResultJSON: Encodable {
  let flag: String
  let value: JSONValue
  let variant: String
  let reason: String
  let ruleIndex: Int?
  let ruleLine: Int?
  let message: String?

  init(_ result: FlagResult) {
    flag = result.flag
    value = ValueJSON.json(result.value)
    variant = result.variant
    reason = result.reason.rawValue
    ruleIndex = result.ruleIndex
    ruleLine = result.ruleLine
    message = result.message
  }
}
