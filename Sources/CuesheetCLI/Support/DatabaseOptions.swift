import ArgumentParser
import Store

/// `--db PATH`, shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "The database file (default: $CUESHEET_DB, else ./cuesheet.db).",
      valueName: "PATH"))
  var db: String?

  /// The resolved path: `--db`, else `$CUESHEET_DB`, else `./cuesheet.db`.
  var path: String { CuesheetStore.resolvePath(explicit: db) }

  /// Opens the database, which must exist and be fully migrated.
  func open() throws -> CuesheetStore { try CuesheetStore.open(path: path) }
}
