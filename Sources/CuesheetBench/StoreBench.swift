import ArgumentParser
import Foundation
import Store

/// `cuesheet-bench store`: event-log append throughput and migration time on a fresh database.
struct StoreBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "store", abstract: "Migrate a fresh database and append events.")

  @Option(help: "Events to append.") var events = 100_000

  func run() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("bench.db").path

    let clock = ContinuousClock()
    let store = try CuesheetStore.openUnchecked(path: path, create: true)
    let migrate = try clock.measure { _ = try Migrator().migrate(store) }
    print("store.migrate_fresh: \(format(migrate)) ms")

    struct Payload: Encodable { let io_id: String; let impressions: Int }
    let append = try clock.measure {
      try store.writer.write { db in
        for index in 0..<events {
          try EventLog.record(
            db, type: "io.delivered", subject: "io:IO-\(index)",
            payload: Payload(io_id: "IO-\(index)", impressions: index))
        }
      }
    }
    let seconds = Double(append.components.seconds) + Double(append.components.attoseconds) / 1e18
    print("store.event_append: \(events) events in \(format(append)) ms")
    print("store.event_append_rate: \(Int(Double(events) / seconds)) events/s")
  }

  private func format(_ duration: Duration) -> String {
    let ms =
      Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%.1f", ms)
  }
}
