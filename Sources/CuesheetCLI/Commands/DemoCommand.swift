import ArgumentParser
import Foundation
import Ingest
import Reports
import Store

/// `cuesheet demo`: the main job, end to end, on the embedded default data.
///
/// Each capability adds its step here, so the demo always shows everything that works.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Build a fresh database under DIR and run every capability end to end on it.")

  @Option(help: "Where to put the demo database and outputs.") var out = "demo"
  @Option(help: "The sample CSVs to import (relative to the current directory).") var samples =
    "samples"

  func run() async throws {
    try await ExitStatus.run {
      let fileManager = FileManager.default
      try fileManager.createDirectory(atPath: out, withIntermediateDirectories: true)
      let dbPath = (out as NSString).appendingPathComponent("cuesheet.db")
      for suffix in ["", "-wal", "-shm"] where fileManager.fileExists(atPath: dbPath + suffix) {
        try fileManager.removeItem(atPath: dbPath + suffix)
      }
      var summary: [String] = []

      let store = try CuesheetStore.openUnchecked(path: dbPath, create: true)
      let outcome = try Migrator().migrate(store)
      summary.append("migrated \(dbPath) to schema version \(outcome.toVersion)")

      let report = try store.writer.read { db in try SchemaVerifier().verify(db) }
      guard report.isHealthy else {
        throw CLIError(
          message: "the fresh demo database failed verification: "
            + (report.missing + report.different).joined(separator: "; "),
          code: ExitStatus.checkFailed)
      }
      summary.append("verified: every table, column and index present; integrity ok")

      let imported = try Importer(store: store).importDirectory(samples)
      summary.append(
        "imported \(samples)/: "
          + imported.map { "\($0.inserted) \($0.kind.table)" }.joined(separator: ", ")
          + " (\(imported.reduce(0) { $0 + $1.durationMS }) ms, one transaction)")
      // Dashboards: every listed template in reports/, built into <out>/dashboards.
      let templates = ProcessInfo.processInfo.environment["CUESHEET_REPORTS"] ?? "reports"
      if FileManager.default.fileExists(atPath: templates) {
        let dashboards = (out as NSString).appendingPathComponent("dashboards")
        let built = try ReportBuilder(store: store, templatesDirectory: templates).build(
          names: [], into: dashboards, options: BuildOptions())
        summary.append(
          "built \(built.reports.count) dashboard(s), \(built.pages) page(s) into \(dashboards)/ "
            + "(open \(dashboards)/index.html)")
      } else {
        summary.append("dashboards skipped: no templates directory \(templates)/ (run from the repository root)")
      }

      print("Cuesheet demo")
      for line in summary { print("  - \(line)") }
      print("outputs: \(out)/")
    }
  }
}
