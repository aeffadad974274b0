import GRDB

/// The result of `cuesheet db verify`.
public struct VerificationReport: Sendable, Equatable {
  /// Schema objects this build expects and the database lacks, such as
  /// `index ux_metrics_daily_day_ep_source on metrics_daily(day, episode_id, source)`.
  public var missing: [String] = []
  /// Objects that exist but differ from what is expected (columns of an index, a column's type).
  public var different: [String] = []
  /// Lines from `PRAGMA integrity_check` other than `ok`.
  public var integrityProblems: [String] = []
  /// Rows from `PRAGMA foreign_key_check`, as `table row N → parent`.
  public var foreignKeyViolations: [String] = []
  /// Applied packs whose SQL changed since they were applied.
  public var driftedPacks: [Int] = []
  /// Version in the database and the newest this build knows.
  public var currentVersion = 0
  public var latestVersion = 0

  /// True when nothing is missing, different or broken.
  public var isHealthy: Bool {
    missing.isEmpty && different.isEmpty && integrityProblems.isEmpty
      && foreignKeyViolations.isEmpty && driftedPacks.isEmpty
  }
}

/// Checks a database against the schema this build's migration packs produce.
///
/// The expected schema is not a second hand-written list: it is read back from a scratch in-memory
/// database with every pack applied, so it can never disagree with the migrations.
public struct SchemaVerifier: Sendable {
  let migrator: Migrator

  public init(migrator: Migrator = Migrator()) { self.migrator = migrator }

  /// Compares `db` with the newest schema and runs SQLite's integrity and foreign-key checks.
  public func verify(_ db: Database) throws -> VerificationReport {
    let expected = try expectedSchema()
    let actual = try SchemaSnapshot.read(db)
    let status = try migrator.status(db)
    var report = VerificationReport()
    report.currentVersion = status.currentVersion
    report.latestVersion = status.latestVersion
    report.driftedPacks = status.drifted

    for (table, columns) in expected.tables.sorted(by: { $0.key < $1.key }) {
      guard let actualColumns = actual.tables[table] else {
        report.missing.append("table \(table)")
        continue
      }
      for column in columns {
        guard let match = actualColumns.first(where: { $0.name == column.name }) else {
          report.missing.append("column \(table).\(column.name)")
          continue
        }
        if match.type != column.type {
          report.different.append(
            "column \(table).\(column.name) is \(match.type), expected \(column.type)")
        }
      }
    }
    for (name, index) in expected.indexes.sorted(by: { $0.key < $1.key }) {
      guard let actualIndex = actual.indexes[name] else {
        report.missing.append(
          "\(index.unique ? "unique index" : "index") \(name) on \(index.table)(\(index.columns.joined(separator: ", ")))"
        )
        continue
      }
      if actualIndex != index {
        report.different.append(
          "index \(name) is on \(actualIndex.table)(\(actualIndex.columns.joined(separator: ", "))), expected \(index.table)(\(index.columns.joined(separator: ", ")))\(index.unique ? " unique" : "")"
        )
      }
    }
    for trigger in expected.triggers.sorted() where !actual.triggers.contains(trigger) {
      report.missing.append("trigger \(trigger)")
    }
    for view in expected.views.sorted() where !actual.views.contains(view) {
      report.missing.append("view \(view)")
    }

    report.integrityProblems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter {
      $0 != "ok"
    }
    report.foreignKeyViolations = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
      let table: String = row[0]
      let rowid: Int64? = row[1]
      let parent: String = row[2]
      return "\(table) row \(rowid.map(String.init) ?? "?") refers to a missing \(parent) row"
    }
    return report
  }

  /// `CREATE` statements for expected indexes, views and triggers that `db` lacks, in a safe order.
  ///
  /// Only these are repaired by `migrate`: they hold no data and are defined entirely by the packs.
  /// A missing table or column is reported by ``verify(_:)`` and never guessed at.
  public func repairStatements(_ db: Database) throws -> [(name: String, sql: String)] {
    let status = try migrator.status(db)
    guard status.currentVersion == migrator.latestVersion else { return [] }
    let expected = try expectedSchema()
    let actual = try SchemaSnapshot.read(db)
    var statements: [(String, String)] = []
    for (name, index) in expected.indexes.sorted(by: { $0.key < $1.key })
    where actual.indexes[name] == nil && actual.tables[index.table] != nil {
      if let sql = expected.sql[name] { statements.append((name, sql)) }
    }
    for name in expected.views.sorted() where !actual.views.contains(name) {
      if let sql = expected.sql[name] { statements.append((name, sql)) }
    }
    for name in expected.triggers.sorted() where !actual.triggers.contains(name) {
      if let sql = expected.sql[name] { statements.append((name, sql)) }
    }
    return statements
  }

  private func expectedSchema() throws -> SchemaSnapshot {
    let scratch = try DatabaseQueue()
    return try scratch.write { db in
      for pack in migrator.packs { try db.execute(sql: pack.up) }
      return try SchemaSnapshot.read(db)
    }
  }
}

/// Tables, columns, indexes and triggers of a database, as read from `sqlite_master`.
struct SchemaSnapshot {
  struct Column: Equatable { let name: String; let type: String }
  struct Index: Equatable { let table: String; let columns: [String]; let unique: Bool }

  var tables: [String: [Column]] = [:]
  var indexes: [String: Index] = [:]
  var triggers: Set<String> = []
  var views: Set<String> = []
  /// The `CREATE` statement of each named object, as `sqlite_master` keeps it.
  var sql: [String: String] = [:]

  static func read(_ db: Database) throws -> SchemaSnapshot {
    var snapshot = SchemaSnapshot()
    let objects = try Row.fetchAll(
      db,
      sql: """
        SELECT type, name, tbl_name, sql FROM sqlite_master
        WHERE name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'
        """)
    for object in objects {
      let type: String = object[0]
      let name: String = object[1]
      let table: String = object[2]
      snapshot.sql[name] = object[3]
      switch type {
      case "table":
        snapshot.tables[name] = try Row.fetchAll(
          db, sql: "PRAGMA table_info(\(name.quotedIdentifier))"
        )
        .map { Column(name: $0["name"], type: ($0["type"] as String).uppercased()) }
      case "index":
        let columns = try Row.fetchAll(db, sql: "PRAGMA index_info(\(name.quotedIdentifier))")
          .map { $0["name"] as String? ?? "<expr>" }
        let unique =
          try Row.fetchAll(db, sql: "PRAGMA index_list(\(table.quotedIdentifier))")
          .first { ($0["name"] as String) == name }
          .map { ($0["unique"] as Int) == 1 } ?? false
        snapshot.indexes[name] = Index(table: table, columns: columns, unique: unique)
      case "trigger":
        snapshot.triggers.insert(name)
      case "view":
        snapshot.views.insert(name)
      default:
        break
      }
    }
    return snapshot
  }
}

extension String {
  /// The string as an SQL identifier in double quotes.
  var quotedIdentifier: String { "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}
