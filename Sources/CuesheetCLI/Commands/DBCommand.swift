import ArgumentParser
import Foundation
import Store

/// `cuesheet db …`: migrate, roll back, inspect and verify the schema.
struct DBCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db",
    abstract: "Create, migrate, roll back and verify the database.",
    subcommands: [Migrate.self, Rollback.self, Status.self, Verify.self]
  )

  struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Bring the database to the newest schema version (creates the file if needed).",
      discussion:
        "Idempotent: a second run changes nothing and says so. Backs up first (VACUUM INTO).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Stop at this version instead of the newest.") var to: Int?
    @Option(help: "Where to write the backup (default: backups/ beside the database).")
    var backupDir: String?
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let store = try CuesheetStore.openUnchecked(path: database.path, create: true)
        let outcome = try Migrator().migrate(store, to: to, backupDirectory: backupDir)
        try report(outcome, verb: "applied", path: database.path, json: json)
      }
    }
  }

  struct Rollback: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Revert the newest migration pack, or every pack above --to VERSION.",
      discussion: "Safe to run twice: at the target version it changes nothing. Backs up first.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Revert down to this version (0 removes every table).") var to: Int?
    @Option(help: "Where to write the backup (default: backups/ beside the database).")
    var backupDir: String?
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let store = try CuesheetStore.openUnchecked(path: database.path, create: false)
        let outcome = try Migrator().rollback(store, to: to, backupDirectory: backupDir)
        try report(outcome, verb: "reverted", path: database.path, json: json)
      }
    }
  }

  struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List applied and pending migration packs.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print the status as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let store = try CuesheetStore.openUnchecked(path: database.path, create: false)
        let migrator = Migrator()
        let status = try await migrator.status(of: store)
        let rows = migrator.packs.map { pack in
          let applied = status.applied.first { $0.version == pack.version }
          return PackRow(
            version: pack.version, name: pack.name, state: applied == nil ? "pending" : "applied",
            appliedAt: applied?.appliedAt, drifted: status.drifted.contains(pack.version))
        }
        if json {
          try Output.json(
            StatusJSON(
              database: database.path, currentVersion: status.currentVersion,
              latestVersion: status.latestVersion, packs: rows))
          return
        }
        print("database: \(database.path)")
        print("version:  \(status.currentVersion) of \(status.latestVersion)")
        for row in rows {
          let when = row.appliedAt.map { " (\($0))" } ?? ""
          let drift = row.drifted ? "  ! changed since it was applied" : ""
          print("  \(row.version)  \(row.name)  \(row.state)\(when)\(drift)")
        }
      }
    }
  }

  struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check every table, column, index and trigger, integrity and foreign keys.",
      discussion: "Exits 1 and lists what is wrong when anything is missing or broken.")

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Print the report as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let store = try CuesheetStore.openUnchecked(path: database.path, create: false)
        let report = try await SchemaVerifier().verify(store)
        if json {
          try Output.json(
            VerifyJSON(
              database: database.path, healthy: report.isHealthy, missing: report.missing,
              different: report.different, integrityProblems: report.integrityProblems,
              foreignKeyViolations: report.foreignKeyViolations,
              driftedPacks: report.driftedPacks, currentVersion: report.currentVersion,
              latestVersion: report.latestVersion))
        } else {
          print(Self.render(report, path: database.path))
        }
        if !report.isHealthy { throw ExitStatus.checkFailed }
      }
    }

    static func render(_ report: VerificationReport, path: String) -> String {
      var lines = [
        "database: \(path) (schema version \(report.currentVersion) of \(report.latestVersion))"
      ]
      func section(_ title: String, _ items: [String]) {
        guard !items.isEmpty else { return }
        lines.append("\(title):")
        lines += items.map { "  - \($0)" }
      }
      section("missing", report.missing)
      section("different", report.different)
      section("integrity_check", report.integrityProblems)
      section("foreign_key_check", report.foreignKeyViolations)
      section("changed since applied", report.driftedPacks.map { "pack \($0)" })
      if report.isHealthy {
        lines.append(
          "ok: every table, column, index and trigger is present; integrity and foreign keys check out"
        )
      } else if !report.missing.isEmpty {
        lines.append(
          "fix: run `cuesheet db migrate --db \(path)` (it applies pending packs and recreates missing indexes and triggers)"
        )
      }
      return lines.joined(separator: "\n")
    }
  }

  // MARK: - Output shapes

  struct PackRow: Encodable {
    let version: Int
    let name: String
    let state: String
    let appliedAt: String?
    let drifted: Bool
  }

  struct StatusJSON: Encodable {
    let database: String
    let currentVersion: Int
    let latestVersion: Int
    let packs: [PackRow]
  }

  struct VerifyJSON: Encodable {
    let database: String
    let healthy: Bool
    let missing: [String]
    let different: [String]
    let integrityProblems: [String]
    let foreignKeyViolations: [String]
    let driftedPacks: [Int]
    let currentVersion: Int
    let latestVersion: Int
  }

  struct OutcomeJSON: Encodable {
    let database: String
    let fromVersion: Int
    let toVersion: Int
    let packs: [Int]
    let backup: String?
    let repaired: [String]
    let changed: Bool
  }
}

/// Prints what a migrate or rollback did.
private func report(_ outcome: MigrationOutcome, verb: String, path: String, json: Bool) throws {
  if json {
    try Output.json(
      DBCommand.OutcomeJSON(
        database: path, fromVersion: outcome.fromVersion, toVersion: outcome.toVersion,
        packs: outcome.packs, backup: outcome.backupPath, repaired: outcome.repaired,
        changed: !outcome.changedNothing))
    return
  }
  if outcome.changedNothing {
    print("\(path): already at schema version \(outcome.toVersion); nothing to do.")
    return
  }
  if let backup = outcome.backupPath {
    print("backup: \(backup)")
  }
  if !outcome.packs.isEmpty {
    let names = outcome.packs.map { version in
      "\(version) \(MigrationPack.all[version - 1].name)"
    }
    print("\(verb): \(names.joined(separator: ", "))")
  }
  if !outcome.repaired.isEmpty {
    print("repaired: recreated \(outcome.repaired.joined(separator: ", "))")
  }
  print("\(path): schema version \(outcome.fromVersion) → \(outcome.toVersion)")
}
