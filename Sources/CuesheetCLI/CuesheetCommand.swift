import ArgumentParser

/// The `cuesheet` command: parses arguments, calls a module, maps errors to exit codes.
public struct CuesheetCommand: AsyncParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "cuesheet",
    abstract: "Rules and reporting engine for a podcast advertising network.",
    discussion: """
      The database is --db PATH, else $CUESHEET_DB, else ./cuesheet.db.
      Exit codes: 0 success; 1 a check or test failed; 2 usage error;
      65 bad input data or rule file; 74 I/O error.
      """,
    version: "0.1.0",
    subcommands: [
      DBCommand.self,
      ImportCommand.self,
      DealsCommand.self,
      IOCommand.self,
      MatchCommand.self,
      AvailsCommand.self,
      RulesCommand.self,
      LSPCommand.self,
      FlagsCommand.self,
      EvalCommand.self,
      EventsCommand.self,
      ReportsCommand.self,
      DemoCommand.self,
      ServeCommand.self,
      TokensCommand.self,
    ]
  )

  public init() {}
}
