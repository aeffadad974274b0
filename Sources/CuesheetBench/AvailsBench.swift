import Application
import ArgumentParser
import Avails
import Foundation
import GRDB
import Ingest
import Pipeline
import Store

/// `cuesheet-bench avails`: the forecast's accuracy (backtests on the samples and on a generated
/// network with trends and seasonality, against the 28-day-average baseline) and the speed of
/// avails for 1,000 shows × 3 placements × 12 weeks.
struct AvailsBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "avails",
    abstract: "Backtest the forecast (samples, generated network) and time avails at scale.")

  @Option(help: "The samples folder.") var samples = "samples"
  @Option(help: "Shows in the generated network for the backtest.") var networkShows = 300
  @Option(help: "Shows for the speed run.") var speedShows = 1_000
  @Option(help: "Runs of the speed measurement (the median is printed).") var runs = 5
  @Flag(help: "Keep the generated databases (their folder is printed).") var keep = false

  func run() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-bench-avails-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer {
      if keep {
        Swift.print("avails.databases: \(directory.path)")
      } else {
        try? FileManager.default.removeItem(at: directory)
      }
    }

    // MARK: Samples
    let sampleStore = try Self.freshStore(directory.appendingPathComponent("samples.db").path)
    _ = try Importer(store: sampleStore).importDirectory(samples)
    for asOf in ["2026-10-13", "2026-10-20", "2026-10-27"] {
      let result = try await BacktestForecast(store: sampleStore).run(
        .init(asOf: Day(parsing: asOf)!, weeks: 4))
      Self.print(result, label: "samples.as_of_\(asOf)")
    }

    // MARK: Generated network
    let networkStore = try Self.freshStore(directory.appendingPathComponent("network.db").path)
    var network = NetworkGenerator(shows: networkShows, days: 196, seed: 25)
    try network.write(networkStore)
    let last = network.first.adding(days: network.days - 1)
    for weeksBack in [12, 8, 4] {
      let asOf = last.adding(days: -7 * weeksBack)
      let result = try await BacktestForecast(store: networkStore).run(
        .init(asOf: asOf, weeks: min(weeksBack, 12)))
      Self.print(result, label: "network.as_of_\(asOf)_weeks_\(weeksBack)")
    }

    // MARK: Speed
    let speedStore = try Self.freshStore(directory.appendingPathComponent("speed.db").path)
    var speed = NetworkGenerator(shows: speedShows, days: 35, seed: 7, episodesPerDay: 5)
    try speed.write(speedStore, bookings: true)
    let asOf = speed.first.adding(days: speed.days - 1)
    let request = CheckAvails.Request(
      from: asOf.adding(days: 1), through: asOf.adding(days: 84), category: "category-3")
    var timings: [Double] = []
    var cpu: [Double] = []
    var rows = 0
    for _ in 0..<runs {
      let before = Self.cpuSeconds()
      timings.append(
        try await BenchSupport.seconds {
          rows = try await CheckAvails(store: speedStore).run(request).rows.count
        })
      cpu.append(Self.cpuSeconds() - before)
    }
    Swift.print("avails.speed_rows: \(rows) show-placements × 84 days")
    Swift.print("avails.speed_ios: \(speed.bookingsWritten) contending IOs")
    Swift.print(
      "avails.speed_median: \(BenchSupport.format(BenchSupport.median(timings) * 1000)) ms")
    Swift.print("avails.speed_max: \(BenchSupport.format((timings.max() ?? 0) * 1000)) ms")
    // CPU time (user + system, all threads) depends less on the machine's load than wall time.
    Swift.print(
      "avails.speed_cpu_median: \(BenchSupport.format(BenchSupport.median(cpu) * 1000)) ms")
  }

  /// User + system CPU seconds of this process so far.
  static func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double {
      Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000
    }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
  }

  static func print(_ result: BacktestResult, label: String) {
    func pct(_ value: Double?) -> String { value.map { BenchSupport.format($0 * 100) } ?? "n/a" }
    Swift.print(
      "avails.backtest.\(label): show_weeks \(result.rows.count) model_mape \(pct(result.modelMAPE))% baseline_mape \(pct(result.baselineMAPE))% model_bias \(pct(result.modelBias))% baseline_bias \(pct(result.baselineBias))%"
    )
  }

  static func freshStore(_ path: String) throws -> CuesheetStore {
    let store = try CuesheetStore.openUnchecked(path: path, create: true)
    _ = try Migrator().migrate(store)
    return store
  }
}

/// A synthetic network: shows with a release cadence (every 3 to 14 days, a third weekly), a
/// release-day peak decaying over the following days, a back catalogue, a trend (−40% to +80% a
/// year), yearly seasonality (±15%), a weekend dip (−15%) and daily noise (±10%).
struct NetworkGenerator {
  let shows: Int
  let days: Int
  let seed: UInt64
  /// Episodes that get metrics rows each day (the latest ones; the back catalogue is spread on
  /// them), each from two sources.
  var episodesPerDay = 1
  let first = Day(parsing: "2026-05-01")!
  var bookingsWritten = 0

  init(shows: Int, days: Int, seed: UInt64, episodesPerDay: Int = 1) {
    self.shows = shows
    self.days = days
    self.seed = seed
    self.episodesPerDay = episodesPerDay
  }

  struct Show {
    let cadence: Int
    let offset: Int
    let peak: Double
    let decay: Double
    let catalogue: Double
    let trendPerDay: Double
    let seasonPhase: Double
  }

  func profile(_ index: Int, _ random: inout SplitMix64) -> Show {
    let cadences = [3, 4, 5, 7, 7, 7, 9, 10, 14]
    let cadence = cadences[Int(random.next() % UInt64(cadences.count))]
    func uniform(_ range: ClosedRange<Double>) -> Double {
      range.lowerBound + Double(random.next() % 1_000_000) / 1_000_000
        * (range.upperBound - range.lowerBound)
    }
    return Show(
      cadence: cadence, offset: Int(random.next() % UInt64(cadence)),
      peak: uniform(2_000...40_000), decay: uniform(0.45...0.8), catalogue: uniform(0.1...0.4),
      trendPerDay: uniform(-0.4...0.8) / 365, seasonPhase: uniform(0...(2 * Double.pi)))
  }

  /// The show's impressions on day `t` (0 = ``first``), with noise from `random`.
  func impressions(_ show: Show, day t: Int, random: inout SplitMix64) -> Int64 {
    let age = ((t - show.offset) % show.cadence + show.cadence) % show.cadence
    // Releases before day 0 count too: the curve is the same every cycle.
    let release = show.peak * pow(show.decay, Double(age))
    let level = show.peak * show.catalogue
    let trend = 1 + show.trendPerDay * Double(t)
    let season = 1 + 0.15 * sin(2 * Double.pi * Double(t) / 365 + show.seasonPhase)
    let weekday = ((first.adding(days: t).ordinal + 3) % 7 + 7) % 7
    let weekend = weekday >= 5 ? 0.85 : 1
    let noise = 0.9 + 0.2 * Double(random.next() % 1_000_000) / 1_000_000
    return Int64(((release + level) * trend * season * weekend * noise).rounded())
  }

  mutating func write(_ store: CuesheetStore, bookings: Bool = false) throws {
    let this = self
    bookingsWritten = try store.writer.write { db in
      var random = SplitMix64(seed: this.seed)
      let stamp = "2026-01-01T00:00:00Z"
      let insertShow = try db.makeStatement(
        sql:
          "INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at) VALUES (?, ?, 'Host', 2500, ?, ?)"
      )
      let insertEpisode = try db.makeStatement(
        sql: """
          INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds,
            created_at, updated_at) VALUES (?, ?, 'Episode', ?, 1800, ?, ?)
          """)
      let insertMetric = try db.makeStatement(
        sql: """
          INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
          VALUES (?, ?, ?, ?, 0, ?)
          """)
      for index in 0..<this.shows {
        let showID = "S-\(index)"
        let show = this.profile(index, &random)
        try insertShow.execute(arguments: [showID, "Show \(index)", stamp, stamp])
        var episodes: [String] = []
        for t in 0..<this.days {
          let day = this.first.adding(days: t)
          if ((t - show.offset) % show.cadence + show.cadence) % show.cadence == 0
            || episodes.isEmpty
          {
            let id = "\(showID)-E\(episodes.count)"
            try insertEpisode.execute(arguments: [id, showID, day.description, stamp, stamp])
            episodes.append(id)
          }
          let total = this.impressions(show, day: t, random: &random)
          let recent = episodes.suffix(this.episodesPerDay)
          let each = total / Int64(recent.count)
          for (position, episode) in recent.enumerated() {
            let part = position == recent.count - 1 ? total - each * Int64(recent.count - 1) : each
            for source in ["megaphone", "apple"] {
              try insertMetric.execute(
                arguments: [day.description, episode, source, part, part])
            }
          }
        }
      }
      guard bookings else { return 0 }
      // Advertisers in 10 categories, one closed-won campaign each, and two IOs per show: a CPM
      // line and a flat line, scheduled over the next 12 weeks.
      for index in 0..<50 {
        try db.execute(
          sql: """
            INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, created_at,
              updated_at) VALUES (?, 'Advertiser', ?, 3000, ?, ?)
            """, arguments: ["A-\(index)", "category-\(index % 10)", stamp, stamp])
        try db.execute(
          sql: """
            INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at,
              budget_cents, starts_on, ends_on, created_at, updated_at)
            VALUES (?, ?, 'Campaign', 'closed_won', ?, 1000000, '2026-01-01', '2027-12-31', ?, ?)
            """, arguments: ["C-\(index)", "A-\(index)", stamp, stamp, stamp])
      }
      let asOf = this.first.adding(days: this.days - 1)
      var count = 0
      for index in 0..<this.shows {
        for line in 0..<2 {
          let start = asOf.adding(days: -7 + Int(random.next() % 60))
          let end = start.adding(days: 13 + Int(random.next() % 28))
          let placement = Placement.allCases[(index + line) % 3].rawValue
          try db.execute(
            sql: """
              INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, spots,
                flight_start, flight_end, rate_type, rate_cents, impressions_goal, status,
                status_changed_at, created_at, updated_at)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, 2500, ?, ?, ?, ?, ?)
              """,
            arguments: [
              "IO-\(index)-\(line)", "C-\((index * 2 + line) % 50)", "S-\(index)", placement,
              line == 0 ? nil : 2, start.description, end.description,
              line == 0 ? "cpm" : "flat", line == 0 ? 50_000 : nil,
              start <= asOf ? "live" : "scheduled", stamp, stamp, stamp,
            ])
          count += 1
        }
      }
      return count
    }
  }
}
