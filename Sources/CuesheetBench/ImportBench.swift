import ArgumentParser
import Foundation
import Ingest
import Store

/// `cuesheet-bench import`: generates a `metrics_daily` CSV and imports it in-process.
///
/// Prints the first import (all inserts) and a re-import of the same file (all unchanged) as
/// rows per second, and the process's peak resident memory. With `--write DIR` it only writes the
/// CSVs (`shows.csv`, `episodes.csv`, `metrics_daily.csv`) for `scripts/bench-import.sh`.
struct ImportBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import", abstract: "Import a generated metrics_daily CSV and report rows/s.")

  @Option(help: "Rows of metrics_daily to generate.") var rows = 200_000
  @Option(help: "Write the CSVs to DIR and stop (no import).") var write: String?

  func run() async throws {
    let directory: URL
    if let write {
      directory = URL(fileURLWithPath: write)
    } else {
      directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "cuesheet-bench-\(UUID().uuidString)")
    }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let metricsPath = directory.appendingPathComponent("metrics_daily.csv").path
    let networkPaths = try Self.writeCSVs(rows: rows, to: directory)
    let bytes =
      (try FileManager.default.attributesOfItem(atPath: metricsPath)[.size] as? NSNumber)?
      .intValue ?? 0
    if write != nil {
      print("import.csv_rows: \(rows) rows")
      print("import.csv_bytes: \(bytes) bytes")
      return
    }
    defer { try? FileManager.default.removeItem(at: directory) }

    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("bench.db").path, create: true)
    _ = try Migrator().migrate(store)
    let importer = Importer(store: store)
    _ = try importer.importFiles(networkPaths)

    let clock = ContinuousClock()
    var first = ImportResult(kind: .metricsDaily, fileName: "", sha256: "")
    let insert = try clock.measure {
      first = try importer.importFile(.metricsDaily, path: metricsPath)
    }
    var second = first
    let reimport = try clock.measure {
      second = try importer.importFile(.metricsDaily, path: metricsPath)
    }
    print("import.file: \(rows) rows, \(bytes) bytes")
    print("import.insert_time: \(Self.format(insert)) ms (\(first.inserted) inserted)")
    print("import.insert_rate: \(Self.rate(rows, insert)) rows/s")
    print("import.reimport_time: \(Self.format(reimport)) ms (\(second.unchanged) unchanged)")
    print("import.reimport_rate: \(Self.rate(rows, reimport)) rows/s")
    print("import.peak_rss: \(Self.peakResidentMB()) MB")
  }

  /// Writes shows, episodes and `rows` metrics rows (3 sources per episode-day); returns the
  /// network files in import order.
  static func writeCSVs(rows: Int, to directory: URL) throws -> [(ImportKind, String)] {
    let sources = ["megaphone", "spotify", "apple"]
    let episodes = max(1, min(2000, rows / 300))
    let shows = max(1, episodes / 20)
    let showsPath = directory.appendingPathComponent("shows.csv").path
    let episodesPath = directory.appendingPathComponent("episodes.csv").path
    var text = "show_id,name,creator,categories,explicit,language,country,cpm\n"
    for show in 0..<shows {
      text += "show-\(show),Show \(show),Host \(show),comedy,no,en,US,25.00\n"
    }
    try text.write(toFile: showsPath, atomically: true, encoding: .utf8)
    text = "episode_id,show_id,title,published_on,duration_seconds\n"
    for episode in 0..<episodes {
      text += "ep-\(100_000 + episode),show-\(episode % shows),Episode \(episode),2024-01-01,1800\n"
    }
    try text.write(toFile: episodesPath, atomically: true, encoding: .utf8)

    let writer = try CSVWriter(path: directory.appendingPathComponent("metrics_daily.csv").path)
    try writer.write(["day", "episode_id", "source", "downloads", "listeners", "impressions"])
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var written = 0
    var dayIndex = 0
    let start = Day(year: 2024, month: 1, day: 2)!
    while written < rows {
      let day = start.adding(days: dayIndex).description
      for episode in 0..<episodes {
        for source in sources where written < rows {
          state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
          let downloads = Int(state >> 50)  // 0..<16384
          let listeners = downloads * 3 / 4
          try writer.write([
            day, "ep-\(100_000 + episode)", source, String(downloads), String(listeners),
            String(downloads * 2),
          ])
          written += 1
        }
        if written >= rows { break }
      }
      dayIndex += 1
    }
    try writer.close()
    return [(.shows, showsPath), (.episodes, episodesPath)]
  }

  static func format(_ duration: Duration) -> String {
    String(format: "%.1f", milliseconds(duration))
  }

  static func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
  }

  static func rate(_ rows: Int, _ duration: Duration) -> Int {
    Int(Double(rows) / max(milliseconds(duration) / 1000, 1e-9))
  }

  static func peakResidentMB() -> Int {
    var usage = rusage()
    #if os(Linux)
      getrusage(RUSAGE_SELF.rawValue, &usage)
      return Int(usage.ru_maxrss / 1024)  // kilobytes on Linux
    #else
      getrusage(RUSAGE_SELF, &usage)
      return Int(usage.ru_maxrss / 1024 / 1024)  // bytes on Darwin
    #endif
  }
}
