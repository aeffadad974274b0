import Application
import ArgumentParser
import Rules

/// `--env`, `--account`, `--context` and `--ignore-overrides`: the flag context of every command
/// that evaluates flags (`io export`, `io list`, `match recalculate`, `flags eval`,
/// `flags explain`), resolved by ``FlagRunContext`` with the same defaults everywhere.
struct FlagContextOptions: ParsableArguments {
  @Option(help: "The environment for the flags (default: $CUESHEET_ENV, else development).")
  var env: String?
  @Option(help: "The account id for the flags (default: $CUESHEET_ACCOUNT, else network).")
  var account: String?
  @Option(help: "A whole flag context as JSON (overrides --env and --account).")
  var context: String?
  @Flag(help: "Ignore CUESHEET_FLAG_* overrides from the environment and ./.env.")
  var ignoreOverrides = false

  /// `--context`, else the run's context from `--env` / `--account` and their defaults.
  var runContext: FlagRunContext { FlagRunContext(context: context, env: env, account: account) }

  var overrides: FlagOverrides { ignoreOverrides ? .none : FlagOverrides.load() }
}
