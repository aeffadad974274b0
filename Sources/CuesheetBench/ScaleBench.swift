import ArgumentParser
import Foundation
import GRDB
import Ingest
import Matchmaking
import Pipeline
import Reports
import Store

/// `cuesheet-bench scale`: how the data paths' cost grows with the number of metric rows.
///
/// At each size (default 1M and 4M rows; `--rows 1000000,4000000,16000000` for the full curve) it
/// measures, each in its own fresh database:
/// - `import`: a first import of a generated `metrics_daily` CSV of that many rows, and a re-import
///   of the same file (every row unchanged);
/// - `build` / `rebuild`: every default dashboard (md + html) on the `reports` network of that many
///   rows (rows ÷ 1,000 shows), then a rebuild with no data change;
/// - `io_show_p95`: the delivery of 200 IOs (`io show`), the 95th percentile;
/// - `match_load`: loading matchmaking's inputs (every show's derived metrics and every advertiser).
///
/// Each figure is wall time with the process's CPU time beside it (the machine may be shared), and
/// between sizes the growth exponent k of time ∝ rows^k (1 is linear).
struct ScaleBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scale", abstract: "Measure import, dashboards, io show and match loads by size.")

  @Option(help: "Metric row counts, comma-separated.") var rows = "1000000,4000000"
  @Option(help: "Templates directory.") var templates = "reports"
  @Option(
    help: """
      The longest one dashboard query may run, in seconds (as `reports build --time-limit`; \
      raise it to measure sizes where the default 10 s stops the ops page).
      """)
  var timeLimit = 10.0
  @Option(
    help: """
      The most rows one dashboard query may return (as `reports build --row-limit`; a network \
      of more than 10,000 shows needs more for the creator pages' `pages:` query).
      """)
  var rowLimit = 10_000

  struct Figure {
    var wall: Double
    var cpu: Double
  }

  func run() async throws {
    let sizes = rows.split(separator: ",").compactMap { Int($0) }
    var table: [(Int, [String: Figure])] = []
    for size in sizes {
      let figures = try measure(rows: size)
      table.append((size, figures))
      for name in Self.names {
        guard let figure = figures[name] else { continue }
        print(
          "scale.\(name)[rows=\(size)]: \(BenchSupport.format(figure.wall * 1000)) ms wall, \(BenchSupport.format(figure.cpu * 1000)) ms cpu"
        )
      }
    }
    for (previous, next) in zip(table, table.dropFirst()) {
      for name in Self.names {
        guard let a = previous.1[name], let b = next.1[name], a.wall > 0, a.cpu > 0 else {
          continue
        }
        let ratio = log(Double(next.0) / Double(previous.0))
        print(
          "scale.growth[\(name),\(previous.0)→\(next.0)]: k = \(BenchSupport.format(log(b.wall / a.wall) / ratio, 2)) wall, \(BenchSupport.format(log(b.cpu / a.cpu) / ratio, 2)) cpu"
        )
      }
    }
    print("scale.peak_memory: \(BenchSupport.format(BenchSupport.peakMemoryMiB() ?? 0)) MiB")
    print(
      "scale.load_average: \(Self.loadAverage()) on \(ProcessInfo.processInfo.activeProcessorCount) cores"
    )
  }

  static let names = ["import", "reimport", "build", "rebuild", "io_show_p95", "match_load"]

  private func measure(rows: Int) throws -> [String: Figure] {
    var figures: [String: Figure] = [:]
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-scale-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }

    // Import: a fresh database, the network's shows and episodes, then the metrics file twice.
    do {
      let csv = directory.appendingPathComponent("csv")
      try FileManager.default.createDirectory(at: csv, withIntermediateDirectories: true)
      let network = try ImportBench.writeCSVs(rows: rows, to: csv)
      let store = try Self.freshStore(directory.appendingPathComponent("import.db").path)
      let importer = Importer(store: store)
      _ = try importer.importFiles(network)
      let path = csv.appendingPathComponent("metrics_daily.csv").path
      figures["import"] = try Self.time { _ = try importer.importFile(.metricsDaily, path: path) }
      figures["reimport"] = try Self.time { _ = try importer.importFile(.metricsDaily, path: path) }
    }

    // Dashboards, io show and matchmaking inputs on the reports network of this size.
    let store = try Self.freshStore(directory.appendingPathComponent("reports.db").path)
    try ReportsBench.generate(store, shows: max(rows / 1000, 1))
    var options = BuildOptions()
    options.formats = [.md, .html]
    options.timeLimit = .milliseconds(Int(timeLimit * 1000))
    options.rowLimit = rowLimit
    let builder = ReportBuilder(store: store, templatesDirectory: templates)
    let out = directory.appendingPathComponent("out").path
    figures["build"] = try Self.time {
      _ = try builder.build(names: [], into: out, options: options)
    }
    figures["rebuild"] = try Self.time {
      _ = try builder.build(names: [], into: out, options: options)
    }

    let service = IOService(store: store)
    let ids = try store.writer.read { db in
      try String.fetchAll(db, sql: "SELECT io_id FROM io_bookings ORDER BY io_id")
    }
    let asOf = Day(year: 2026, month: 11, day: 24)!
    var latencies: [Double] = []
    var cpu = 0.0
    for index in stride(from: 0, to: ids.count, by: max(ids.count / 200, 1)) {
      let figure = try Self.time { _ = try service.show(ids[index], asOf: asOf) }
      latencies.append(figure.wall)
      cpu += figure.cpu
    }
    if !latencies.isEmpty {
      let sorted = latencies.sorted()
      figures["io_show_p95"] = Figure(
        wall: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))],
        cpu: cpu / Double(latencies.count))
    }
    figures["match_load"] = try Self.time {
      try store.writer.read { db in
        let asOf = try MatchInputLoader.defaultAsOf(db)
        _ = try MatchInputLoader.shows(db, asOf: asOf)
        _ = try MatchInputLoader.advertisers(db)
      }
    }
    return figures
  }

  static func freshStore(_ path: String) throws -> CuesheetStore {
    let store = try CuesheetStore.openUnchecked(path: path, create: true)
    _ = try Migrator().migrate(store)
    return store
  }

  /// Wall and CPU seconds of `body`.
  static func time(_ body: () throws -> Void) throws -> Figure {
    let cpu = ReportsBench.cpuSeconds()
    let wall = try BenchSupport.seconds(body)
    return Figure(wall: wall, cpu: ReportsBench.cpuSeconds() - cpu)
  }

  static func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ")
      .prefix(3).joined(separator: " ") ?? "unknown"
  }
}
