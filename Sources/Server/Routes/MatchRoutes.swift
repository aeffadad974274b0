import Foundation
import Hummingbird
import Matchmaking
import Presentation
import Rules
import Store

/// `POST /api/match/recalculate`: ``MatchRecalculation/run``, as `cuesheet match recalculate`,
/// gated by the `ENABLE_MATCHMAKING` flag (409 with the flag's reason when it is off).
struct MatchRoutes {
  let server: CuesheetServer

  /// The optional JSON body.
  struct Body: Decodable {
    let context: JSONValue?
    let rule_set: String?
    let advertisers: [String]?
    let dry_run: Bool?
    let as_of: String?
  }

  func add(to group: RouterGroup<BasicRequestContext>) {
    let rules = server.rules
    let store = server.store
    let overrides = server.configuration.flagOverrides
    group.post("match/recalculate") { request, _ -> Response in
      let body = try await IORoutes.optionalBody(Body.self, request)
      let book = try FlagRoutes.book(rules)
      let contextJSON =
        try body?.context.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        ?? BoundedBody.jsonQuery(request, "context") ?? "{}"
      let context: FlagContext
      do {
        context = try book.flags.context(json: contextJSON)
      } catch {
        throw APIError.badRequest("context: \(error)")
      }
      var options = RecalculationOptions()
      if let name = body?.rule_set { options.ruleSet = name }
      options.advertiserIDs = body?.advertisers
      options.dryRun = body?.dry_run ?? false
      if let text = body?.as_of {
        guard let day = Day(parsing: text) else {
          throw APIError.badRequest("as_of '\(text)' is not a day; use YYYY-MM-DD.")
        }
        options.asOf = day
      }
      let outcome = try await MatchRecalculation.run(
        store: store, rules: book, gateContext: context, overrides: overrides, options: options)
      guard outcome.ran else {
        let gate = outcome.gate
        throw APIError(
          .conflict, "flag_off",
          "Matchmaking is turned off: \(MatchRecalculation.gateFlag) is \(gate.variant) (reason \(gate.reason.rawValue))"
            + (gate.message.map { ": \($0)" } ?? "") + "; nothing changed.",
          details: [
            .object([
              "flag": .string(MatchRecalculation.gateFlag), "variant": .string(gate.variant),
              "reason": .string(gate.reason.rawValue),
            ])
          ])
      }
      return try JSONResponse.make(RecalculationJSON(outcome))
    }
  }
}
