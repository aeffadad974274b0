import Expressions

/// The variables rule-file expressions are checked against, for tools that type expressions
/// outside a load (the language server's hover and completion).
public enum RuleEnvironments {
  /// Flag conditions: `env` (string), `account` and `user` (maps, `dyn`), `now` (timestamp).
  public static var flags: Environment { FlagEnvironment().environment }

  /// Matchmaking expressions: the `advertiser` and `show` records (each `let` is declared on top
  /// of this, in file order; `keep` also sees `score`).
  public static var matchmaking: Environment {
    var environment = Environment()
    _ = environment.declareVariable("advertiser", .record(MatchInputs.advertiser))
    _ = environment.declareVariable("show", .record(MatchInputs.show))
    return environment
  }
}
