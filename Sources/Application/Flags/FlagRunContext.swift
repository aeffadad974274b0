import Foundation
import Rules
import Store

/// The context every Cuesheet command and route evaluates flags for: one rule, one place (#14).
///
/// A whole JSON context (`--context`, the API's `context`) is used as given. Otherwise the context
/// is the run's: `{"env": ENV, "account": {"id": ACCOUNT}}`, where ENV is `--env`, else
/// `$CUESHEET_ENV`, else `development`, and ACCOUNT is `--account`, else `$CUESHEET_ACCOUNT`, else
/// `network`. `io export`, `io list`, `match recalculate`, `flags eval`, `flags explain`, `demo`
/// and the server (`GET /api/v1/io`, `/api/v1/io/{id}/document`, `/api/v1/flags/{name}`,
/// `POST /api/match/recalculate`) all resolve their context here.
///
/// ```swift
/// try FlagRunContext.run(env: "staging").json(environment: [:])
/// // {"account":{"id":"network"},"env":"staging"}
/// ```
public enum FlagRunContext: Sendable, Equatable {
  /// A whole context as JSON.
  case json(String)
  /// The run's context from an environment and an account id; `nil` takes `CUESHEET_ENV` /
  /// `CUESHEET_ACCOUNT`, else ``defaultEnv`` / ``defaultAccount``.
  case defaults(env: String? = nil, account: String? = nil)

  public static let defaultEnv = "development"
  public static let defaultAccount = "network"
  public static let envVariable = "CUESHEET_ENV"
  public static let accountVariable = "CUESHEET_ACCOUNT"

  /// `--context` when given, else the run's context from `--env` and `--account`.
  public init(context: String?, env: String?, account: String?) {
    self = context.map { .json($0) } ?? .defaults(env: env, account: account)
  }

  /// The context as a JSON object, with the defaults filled in from `environment`.
  public func json(environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> String
  {
    switch self {
    case .json(let text): return text
    case .defaults(let env, let account):
      let object: JSONValue = .object([
        "env": .string(env ?? environment[Self.envVariable] ?? Self.defaultEnv),
        "account": .object([
          "id": .string(account ?? environment[Self.accountVariable] ?? Self.defaultAccount)
        ]),
      ])
      return try EventLog.encodePayload(object)
    }
  }

  /// The context bound to `rules`' variables; a context that does not bind is
  /// ``ApplicationError/invalidContext(_:)``.
  public func bind(
    in rules: RuleBook, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> FlagContext {
    try FlagContexts.bind(json(environment: environment), in: rules)
  }
}
