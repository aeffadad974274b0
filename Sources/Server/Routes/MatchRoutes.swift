import Application
import Foundation
import Hummingbird
import Matchmaking
import Rules
import Store

/// `POST /api/match/recalculate`: the ``RecalculateMatches`` use case, as
/// `cuesheet match recalculate`, gated by the `ENABLE_MATCHMAKING` flag (409 with the flag's reason
/// when it is off). Without a context the gate sees the run's defaults, as on the command line.
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
      let contextJSON =
        try body?.context.map { try EventLog.encodePayload($0) }
        ?? request.query.get("context")
      var asOf: Day?
      if let text = body?.as_of {
        guard let day = Day(parsing: text) else {
          throw APIError.badRequest("as_of '\(text)' is not a day; use YYYY-MM-DD.")
        }
        asOf = day
      }
      let outcome = try await RecalculateMatches(store: store).run(
        .init(
          rules: try FlagRoutes.book(rules), rulesSource: rules.paths.joined(separator: ", "),
          context: contextJSON.map { .json($0) } ?? .defaults(), overrides: overrides,
          ruleSet: body?.rule_set ?? "default", advertiserIDs: body?.advertisers, asOf: asOf,
          dryRun: body?.dry_run ?? false))
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
