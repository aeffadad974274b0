import Foundation
import GRDB

/// A pack recorded as applied in `schema_migrations`.
public struct AppliedPack: Sendable, Equatable, Codable {
  public let version: Int
  public let name: String
  public let checksum: String
  public let appliedAt: String
}

/// Where a database stands against this build's migration packs.
public struct MigrationStatus: Sendable, Equatable {
  /// Packs recorded in the database, oldest first.
  public let applied: [AppliedPack]
  /// Versions of packs known to this build and not yet applied, oldest first.
  public let pending: [Int]
  /// Applied packs whose SQL has changed in this build since they were applied (should be empty).
  public let drifted: [Int]
  /// The newest applied version, 0 for a fresh database.
  public var currentVersion: Int { applied.last?.version ?? 0 }
  /// The newest version this build knows.
  public let latestVersion: Int
}

/// What a `migrate` or `rollback` did.
public struct MigrationOutcome: Sendable, Equatable {
  /// Version before and after.
  public let fromVersion: Int
  public let toVersion: Int
  /// Packs applied (migrate) or reverted (rollback), in the order they ran.
  public let packs: [Int]
  /// The backup written before any change, or `nil` when nothing changed or the database was empty.
  public let backupPath: String?
  /// Indexes and triggers that were missing and were recreated from the packs' SQL.
  public var repaired: [String] = []
  /// True when the database was already where it was asked to be.
  public var changedNothing: Bool { packs.isEmpty && repaired.isEmpty }
}

/// Applies and reverts ``MigrationPack``s, all pending packs in one transaction, after a backup.
///
/// The bookkeeping table `schema_migrations` records each applied pack with its checksum; it is
/// created on first use and survives rollbacks.
public struct Migrator: Sendable {
  public let packs: [MigrationPack]

  public init(packs: [MigrationPack] = MigrationPack.all) {
    precondition(
      packs.enumerated().allSatisfy { $0.element.version == $0.offset + 1 },
      "migration packs must be numbered 1, 2, 3… without gaps")
    self.packs = packs
  }

  public var latestVersion: Int { packs.last?.version ?? 0 }

  // MARK: - Status

  /// Reads the applied packs and compares them with this build's.
  public func status(_ db: Database) throws -> MigrationStatus {
    let applied: [AppliedPack]
    if try db.tableExists("schema_migrations") {
      applied = try Row.fetchAll(
        db,
        sql: "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version"
      ).map {
        AppliedPack(version: $0[0], name: $0[1], checksum: $0[2], appliedAt: $0[3])
      }
    } else {
      applied = []
    }
    let appliedVersions = Set(applied.map(\.version))
    let pending = packs.map(\.version).filter { !appliedVersions.contains($0) }
    let drifted = applied.compactMap { record -> Int? in
      guard record.version <= packs.count else { return nil }
      return packs[record.version - 1].checksum == record.checksum ? nil : record.version
    }
    return MigrationStatus(
      applied: applied, pending: pending, drifted: drifted, latestVersion: latestVersion)
  }

  // MARK: - Migrate and roll back

  /// Brings the database up to `target` (default: the newest version).
  ///
  /// At the newest version, indexes and triggers that have gone missing are recreated from the packs'
  /// SQL (they hold no data); a missing table or column is left for `verify` to report.
  /// A no-op when already there and nothing is missing. Otherwise writes a backup with `VACUUM INTO` into `backupDirectory`
  /// (unless the database holds no tables yet), then applies every pending pack up to `target` in a
  /// single transaction: either all of them land or none does.
  public func migrate(
    _ store: CuesheetStore, to target: Int? = nil, backupDirectory: String? = nil,
    now: Date = Date()
  ) throws -> MigrationOutcome {
    let target = target ?? latestVersion
    guard (0...latestVersion).contains(target) else {
      throw StoreError.unknownVersion(target, latest: latestVersion)
    }
    let before = try store.writer.read { db in try status(db) }
    if before.currentVersion > latestVersion {
      throw StoreError.newerThanKnown(
        path: store.path, version: before.currentVersion, latest: latestVersion)
    }
    if target < before.currentVersion {
      throw StoreError.wrongDirection(
        "The database is at version \(before.currentVersion), above \(target); a migration only goes up, so roll back to \(target) instead."
      )
    }
    let toApply = packs.filter { $0.version > before.currentVersion && $0.version <= target }
    let verifier = SchemaVerifier(migrator: self)
    let missingObjects = try store.writer.read { db in try verifier.repairStatements(db) }
    let needsRepair = toApply.isEmpty && target == latestVersion && !missingObjects.isEmpty
    if toApply.isEmpty && !needsRepair {
      return MigrationOutcome(
        fromVersion: before.currentVersion, toVersion: before.currentVersion, packs: [],
        backupPath: nil)
    }
    let backup = try backupIfNotEmpty(
      store, directory: backupDirectory, version: before.currentVersion, now: now)
    var repaired: [String] = []
    try store.writer.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        try createBookkeeping(db)
        let current = try status(db).currentVersion
        guard current == before.currentVersion else {
          throw StoreError.wrongDirection(
            "Another process migrated the database while this one was starting; run the command again."
          )
        }
        for pack in toApply {
          try db.execute(sql: pack.up)
          try db.execute(
            sql:
              "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
            arguments: [pack.version, pack.name, pack.checksum, Timestamp.string(now)])
        }
        if target == latestVersion {
          for statement in try verifier.repairStatements(db) {
            try db.execute(sql: statement.sql)
            repaired.append(statement.name)
          }
        }
        return .commit
      }
    }
    var outcome = MigrationOutcome(
      fromVersion: before.currentVersion, toVersion: target, packs: toApply.map(\.version),
      backupPath: backup)
    outcome.repaired = repaired
    return outcome
  }

  /// Reverts packs down to `target` (default: one version below the current one).
  ///
  /// A no-op at version 0 or when already at `target`. Writes a backup first; reverts every pack in
  /// one transaction, newest first.
  public func rollback(
    _ store: CuesheetStore, to target: Int? = nil, backupDirectory: String? = nil,
    now: Date = Date()
  ) throws -> MigrationOutcome {
    let before = try store.writer.read { db in try status(db) }
    if before.currentVersion > latestVersion {
      throw StoreError.newerThanKnown(
        path: store.path, version: before.currentVersion, latest: latestVersion)
    }
    let target = target ?? max(0, before.currentVersion - 1)
    guard (0...latestVersion).contains(target) else {
      throw StoreError.unknownVersion(target, latest: latestVersion)
    }
    if target > before.currentVersion {
      throw StoreError.wrongDirection(
        "The database is at version \(before.currentVersion), below \(target); a rollback only goes down, so migrate to \(target) instead."
      )
    }
    let toRevert = packs.filter { $0.version > target && $0.version <= before.currentVersion }
      .reversed()
    if toRevert.isEmpty {
      return MigrationOutcome(
        fromVersion: before.currentVersion, toVersion: before.currentVersion, packs: [],
        backupPath: nil)
    }
    let backup = try backupIfNotEmpty(
      store, directory: backupDirectory, version: before.currentVersion, now: now)
    try store.writer.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        for pack in toRevert {
          try db.execute(sql: pack.down)
          try db.execute(
            sql: "DELETE FROM schema_migrations WHERE version = ?", arguments: [pack.version])
        }
        return .commit
      }
    }
    return MigrationOutcome(
      fromVersion: before.currentVersion, toVersion: target, packs: toRevert.map(\.version),
      backupPath: backup)
  }

  // MARK: - Helpers

  private func createBookkeeping(_ db: Database) throws {
    try db.execute(
      sql: """
        CREATE TABLE IF NOT EXISTS schema_migrations (
          version    INTEGER PRIMARY KEY,
          name       TEXT NOT NULL,
          checksum   TEXT NOT NULL,
          applied_at TEXT NOT NULL
        ) STRICT
        """)
  }

  /// Writes `VACUUM INTO <directory>/<name>-v<version>-<stamp>.db` unless the database is empty.
  private func backupIfNotEmpty(
    _ store: CuesheetStore, directory: String?, version: Int, now: Date
  ) throws -> String? {
    let tableCount = try store.writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT count(*) FROM sqlite_master
          WHERE type = 'table' AND name NOT IN ('schema_migrations', 'sqlite_sequence')
          """) ?? 0
    }
    if tableCount == 0 { return nil }
    let url = URL(fileURLWithPath: store.path)
    let folder = directory ?? url.deletingLastPathComponent().appendingPathComponent("backups").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let stamp = Timestamp.string(now).replacingOccurrences(of: ":", with: "").replacingOccurrences(
      of: "-", with: "")
    let base = url.deletingPathExtension().lastPathComponent
    var destination = "\(folder)/\(base)-v\(version)-\(stamp).db"
    var counter = 1
    while FileManager.default.fileExists(atPath: destination) {
      counter += 1
      destination = "\(folder)/\(base)-v\(version)-\(stamp)-\(counter).db"
    }
    try store.writer.writeWithoutTransaction { db in
      try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
    }
    return destination
  }
}
