import Foundation
import GRDB

/// A persistent marker of each table's data, read in one go: two reads that give the same marker
/// for a table saw the same rows in it (migration pack 9, ``MigrationPack/dataVersions``).
///
/// Every table's marker is its counter in `data_versions`, bumped by a trigger on every insert,
/// update and delete; `metrics_daily`'s adds `max(rowid)`, since inserts there have no trigger (a
/// new row always takes a higher rowid). The schema version is part of every marker set: a
/// migration that redefines a view changes what a query reads without changing a table.
///
/// ```swift
/// let before = try store.writer.read { db in try DataVersions.read(db) }
/// // … an import …
/// let after = try store.writer.read { db in try DataVersions.read(db) }
/// before.marker(of: ["metrics_daily"]) != after.marker(of: ["metrics_daily"])  // true
/// ```
public struct DataVersions: Sendable, Equatable {
  /// Each tracked table's marker.
  public var tables: [String: String]
  /// `PRAGMA schema_version`: changes with every change of the schema.
  public var schema: Int64

  public init(tables: [String: String], schema: Int64) {
    self.tables = tables
    self.schema = schema
  }

  /// The tables whose reads a marker covers without a counter of their own: the schema (covered
  /// by ``schema``).
  static let schemaTables: Set<String> = ["sqlite_master", "sqlite_schema", "sqlite_temp_master"]

  /// Reads every marker; a database without pack 9 gives no table markers (every lookup fails).
  public static func read(_ db: Database) throws -> DataVersions {
    let schema = try Int64.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
    guard try db.tableExists("data_versions") else {
      return DataVersions(tables: [:], schema: schema)
    }
    var tables: [String: String] = [:]
    for row in try Row.fetchAll(db, sql: "SELECT table_name, version FROM data_versions") {
      let name: String = row[0]
      let version: Int64 = row[1]
      tables[name] = String(version)
    }
    if let version = tables["metrics_daily"] {
      let top = try Int64.fetchOne(db, sql: "SELECT max(rowid) FROM metrics_daily") ?? 0
      tables["metrics_daily"] = "\(version).\(top)"
    }
    return DataVersions(tables: tables, schema: schema)
  }

  /// One text marking the data of `tables` (names as SQLite reports reads, any case), or `nil`
  /// when one of them has no marker (a table added without triggers, a temporary table).
  public func marker(of tables: some Sequence<String>) -> String? {
    var parts = ["schema=\(schema)"]
    for table in Set(tables.map { $0.lowercased() }).sorted() {
      if Self.schemaTables.contains(table) { continue }
      guard let version = self.tables[table] else { return nil }
      parts.append("\(table)=\(version)")
    }
    return parts.joined(separator: ";")
  }
}
