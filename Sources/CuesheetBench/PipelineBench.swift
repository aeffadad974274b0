import ArgumentParser
import Foundation
import GRDB
import Pipeline
import Store

/// `cuesheet-bench pipeline`: delivery and pacing reads on a year of metrics, deal moves and the IO
/// workflow, each change in its own transaction with its event.
struct PipelineBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "pipeline",
    abstract:
      "Time io show (delivery + pacing), deal moves and IO create/schedule on synthetic data.")

  @Option(help: "Shows.") var shows = 20
  @Option(help: "Episodes per show.") var episodes = 30
  @Option(help: "Days of metrics (three sources per episode and day).") var days = 365
  @Option(help: "Deals to move and IOs to book.") var deals = 1_000

  func run() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("bench.db").path, create: true)
    _ = try Migrator().migrate(store)
    let first = Day(parsing: "2026-01-01")!
    let rows = try seed(store, first: first)
    print("pipeline.metrics_rows: \(rows) rows")

    let clock = ContinuousClock()
    let dealService = DealService(store: store)
    let moves = try clock.measure {
      for index in 0..<deals {
        try dealService.move(campaignID: "C-\(index)", to: .closedWon)
      }
    }
    print("pipeline.deal_move_rate: \(rate(deals, moves)) moves/s")

    let ioService = IOService(store: store)
    var ids: [String] = []
    let creates = try clock.measure {
      for index in 0..<deals {
        let start = first.adding(days: (index * 7) % (days - 30))
        ids.append(
          try ioService.create(
            NewIO(
              campaignID: "C-\(index)", showID: "S-\(index % shows)",
              placement: Placement.allCases[index % 3],
              flight: Flight(start: start, end: start.adding(days: 27))!,
              rate: .cpm(Money(cents: 2500), impressions: 500_000), promoCode: "CODE\(index)")))
      }
    }
    print("pipeline.io_create_rate: \(rate(deals, creates)) IOs/s")
    let schedules = try clock.measure {
      for id in ids { try ioService.schedule(id, allowConflict: true) }
    }
    print("pipeline.io_schedule_rate: \(rate(deals, schedules)) IOs/s")

    var latencies: [Duration] = []
    let asOf = first.adding(days: days - 1)
    for id in ids.prefix(500) {
      latencies.append(try clock.measure { _ = try ioService.show(id, asOf: asOf) })
    }
    latencies.sort()
    print("pipeline.io_show_p50: \(ms(latencies[latencies.count / 2])) ms")
    print("pipeline.io_show_p95: \(ms(latencies[latencies.count * 95 / 100])) ms")
    print("pipeline.io_show_max: \(ms(latencies.last!)) ms")
  }

  /// Shows, episodes, advertisers and `lead` campaigns; metrics from three sources per episode-day.
  private func seed(_ store: CuesheetStore, first: Day) throws -> Int {
    try store.writer.write { db in
      let stamp = "2026-01-01T00:00:00Z"
      for show in 0..<shows {
        try db.execute(
          sql:
            "INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at) VALUES (?, ?, 'Host', 2500, ?, ?)",
          arguments: ["S-\(show)", "Show \(show)", stamp, stamp])
        for episode in 0..<episodes {
          try db.execute(
            sql: "INSERT INTO episodes VALUES (?, ?, 'Episode', '2025-12-01', 1800, ?, ?)",
            arguments: ["E-\(show)-\(episode)", "S-\(show)", stamp, stamp])
        }
      }
      for index in 0..<deals {
        try db.execute(
          sql:
            "INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, created_at, updated_at) VALUES (?, 'Advertiser', ?, 3000, ?, ?)",
          arguments: ["A-\(index)", "category-\(index % 10)", stamp, stamp])
        try db.execute(
          sql:
            """
            INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at,
              budget_cents, starts_on, ends_on, created_at, updated_at)
            VALUES (?, ?, 'Campaign', 'negotiation', ?, 1000000, '2026-01-01', '2026-12-31', ?, ?)
            """,
          arguments: ["C-\(index)", "A-\(index)", stamp, stamp, stamp])
      }
      let insert = try db.makeStatement(
        sql: "INSERT INTO metrics_daily VALUES (?, ?, ?, 1000, 800, ?, NULL)")
      var count = 0
      for offset in 0..<days {
        let day = first.adding(days: offset).description
        for show in 0..<shows {
          for episode in 0..<episodes {
            for (rank, source) in ["megaphone", "spotify", "apple"].enumerated() {
              try insert.execute(
                arguments: [day, "E-\(show)-\(episode)", source, 900 - rank * 100 + offset % 7])
              count += 1
            }
          }
        }
      }
      return count
    }
  }

  private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  private func rate(_ count: Int, _ duration: Duration) -> Int {
    Int(Double(count) / seconds(duration))
  }

  private func ms(_ duration: Duration) -> String {
    String(format: "%.2f", seconds(duration) * 1000)
  }
}
