/// What can go wrong opening, migrating or verifying the database.
///
/// Each case's description is one sentence a person can act on; its category (in
/// `StoreError+Category.swift`) decides the exit code and HTTP status.
public enum StoreError: Error, Equatable, CustomStringConvertible {
  /// No database file at the path, for a command that needs an existing one.
  case databaseMissing(path: String)
  /// The database's schema is older than this build's newest migration pack.
  case notMigrated(path: String, version: Int, latest: Int)
  /// The database was migrated by a newer build of Cuesheet.
  case newerThanKnown(path: String, version: Int, latest: Int)
  /// `--to` names a version that does not exist.
  case unknownVersion(Int, latest: Int)
  /// `--to` asks a migration to go down or a rollback to go up.
  case wrongDirection(String)
  /// The file is not an SQLite database, or cannot be opened.
  case cannotOpen(path: String, reason: String)

  public var description: String {
    switch self {
    case .databaseMissing(let path):
      "No database at \(path); create it with `cuesheet db migrate`, or point at an existing one."
    case .notMigrated(let path, let version, let latest):
      "The database at \(path) is at schema version \(version) but this build needs \(latest); run `cuesheet db migrate`."
    case .newerThanKnown(let path, let version, let latest):
      "The database at \(path) is at schema version \(version), newer than this build knows (\(latest)); upgrade cuesheet or roll the database back with the newer build."
    case .unknownVersion(let version, let latest):
      "There is no schema version \(version); versions run from 0 to \(latest)."
    case .wrongDirection(let message):
      message
    case .cannotOpen(let path, let reason):
      "Cannot open the database at \(path): \(reason)."
    }
  }
}
