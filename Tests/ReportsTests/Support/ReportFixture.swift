import CuesheetTesting
import Foundation
import GRDB
import Reports
import Store

/// The golden files of the report and IO document tests.
let goldenFiles = GoldenFiles("Tests/ReportsTests/Fixtures/Golden")

/// A fresh, migrated database loaded with `Fixtures/network.sql`, in its own temporary directory.
final class ReportFixture {
  static let testsDirectory = PackageRoot.appending("Tests/ReportsTests")
  /// The repository's default templates (`reports/`).
  static let defaultTemplates = PackageRoot.path("reports")
  /// The fixed build time used by every test, so output is stable.
  static let builtAt = Date(timeIntervalSince1970: 1_795_586_400)  // 2026-11-25T06:00:00Z

  let database: TemporaryDatabase
  let store: CuesheetStore
  var directory: URL { database.directory }

  init(loadNetwork: Bool = true) throws {
    database = try TemporaryDatabase(prefix: "reports", file: "cuesheet.db")
    store = try database.openMigrated()
    if loadNetwork {
      let sql = try String(
        contentsOf: Self.testsDirectory.appendingPathComponent("Fixtures/network.sql"),
        encoding: .utf8)
      try store.writer.write { db in try db.execute(sql: sql) }
    }
  }

  /// A path inside the fixture's directory.
  func path(_ name: String) -> String { database.file(name) }

  /// Build options with the fixed build time.
  static func options(formats: [OutputFormat] = [.md, .html]) -> BuildOptions {
    var options = BuildOptions()
    options.builtAt = builtAt
    options.formats = formats
    return options
  }

  /// Writes templates (`name` → text) into a fresh templates directory and returns its path.
  func templates(_ files: [String: String]) throws -> String {
    let dir = directory.appendingPathComponent("templates-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    for (name, text) in files {
      try text.write(
        to: dir.appendingPathComponent("\(name).md"), atomically: true, encoding: .utf8)
    }
    return dir.path
  }

  /// Every file under `directory` (relative path → contents), hidden files included.
  static func tree(_ directory: String) throws -> [String: String] {
    var files: [String: String] = [:]
    let root = URL(fileURLWithPath: directory)
    guard
      let enumerator = FileManager.default.enumerator(
        at: root, includingPropertiesForKeys: [.isRegularFileKey])
    else {
      return files
    }
    for case let url as URL in enumerator
    where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
      let relative = String(
        url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
      files[relative] = try String(contentsOf: url, encoding: .utf8)
    }
    return files
  }

  /// Every table's rows as text, to compare a database before and after.
  func dump() throws -> String { try TemporaryDatabase.dump(store) }
}
