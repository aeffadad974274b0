import Foundation
import Hummingbird
import Rules

/// `POST /api/match/recalculate`, gated by the `ENABLE_MATCHMAKING` flag.
///
/// The matchmaking engine is not merged yet: with the flag on, the route answers 501; with it off,
/// 409 with the flag's reason.
struct MatchRoutes {
  let server: CuesheetServer

  static let flag = "ENABLE_MATCHMAKING"

  func add(to group: RouterGroup<BasicRequestContext>) {
    let rules = server.rules
    let overrides = server.configuration.flagOverrides
    group.post("match/recalculate") { request, _ -> Response in
      let book = try FlagRoutes.book(rules)
      let context = try book.flags.context(json: request.uri.queryParameters.get("context") ?? "{}")
      let result = book.flags.evaluate(Self.flag, in: context, overrides: overrides)
      guard result.isOn else {
        throw APIError(
          .conflict, "flag_off",
          "Matchmaking is turned off: \(Self.flag) is \(result.variant) (reason \(result.reason.rawValue))"
            + (result.message.map { ": \($0)" } ?? "") + ".",
          details: [.object(["flag": .string(Self.flag), "variant": .string(result.variant), "reason": .string(result.reason.rawValue)])])
      }
      throw APIError(
        .notImplemented, "not_implemented",
        "The matchmaking engine is not part of this build yet; run `cuesheet match recalculate` when it is.")
    }
  }
}
