import ArgumentParser
import Diagnostics
import Expressions
import Foundation
import GRDB
import Matchmaking
import Rules
import Store

/// `cuesheet-bench match`: a generated network scored with the default rule set, end to end.
struct MatchBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract:
      "Score advertisers × shows with rules/matchmaking.rules; compare with hand-written Swift.")

  @Option(help: "Advertisers to generate.") var advertisers = 1_000
  @Option(help: "Shows to generate.") var shows = 10_000
  @Option(help: "The rule files (flags and the default rule set).") var rules = "rules"
  @Option(
    help:
      "Run one part only, after generating and loading: rules (one core), all-cores, floor or recalculate (for callgrind or perf)."
  )
  var only: Part?
  @Option(help: "Advertisers scored in the one-core runs (default: 2,000 pairs per show).")
  var sample: Int?
  @Option(help: "Workers for the all-cores run and recalculate (default: one per core).")
  var workers: Int?

  enum Part: String, ExpressibleByArgument, CaseIterable {
    case rules, allCores = "all-cores", floor, recalculate
  }

  func runs(_ part: Part) -> Bool { only == nil || only == part }

  static let categories = [
    "technology", "business", "comedy", "true-crime", "sports", "health", "science", "news",
    "society", "history", "music", "education",
  ]

  func run() async throws {
    let book = try RuleLoader.load(paths: [rules])
    guard let ruleSet = book.ruleSet(named: "default") else {
      throw ValidationError("\(rules) has no matchmaking rule set named default")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-match-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("bench.db").path, create: true)
    _ = try Migrator().migrate(store)
    let generate = try BenchSupport.seconds {
      try Self.populate(store, advertisers: advertisers, shows: shows)
    }
    let pairs = Double(advertisers * shows)
    print(
      "match.network: \(advertisers) advertisers × \(shows) shows = \(Int(pairs)) pairs (generated in \(BenchSupport.format(generate)) s)"
    )

    // Inputs, as the recalculation loads them.
    var inputs: ([MatchSubject], [MatchSubject]) = ([], [])
    let load = try await BenchSupport.seconds {
      inputs = try await store.writer.read { db in
        let asOf = try MatchInputLoader.defaultAsOf(db)
        return (try MatchInputLoader.advertisers(db), try MatchInputLoader.shows(db, asOf: asOf))
      }
    }
    print("match.load_inputs: \(BenchSupport.format(load * 1000)) ms")

    // Scoring only: one core, then every core.
    let sample = Array(inputs.0.prefix(self.sample ?? max(1, 20_000_000 / shows / 100)))
    var singleRate = Double.nan
    var singleCPU = Double.nan
    if runs(.rules) {
      let cpu = BenchSupport.processCPUSeconds()
      let single = await BenchSupport.seconds {
        _ = await MatchEngine.score(
          ruleSet: ruleSet, advertisers: sample, shows: inputs.1, workers: 1)
      }
      let cpuPerPair = (BenchSupport.processCPUSeconds() - cpu) / Double(sample.count * shows)
      singleRate = Double(sample.count * shows) / single
      singleCPU = cpuPerPair
      print(
        "match.rules_one_core: \(Int(singleRate)) pairs/s (\(BenchSupport.format(1e9 / singleRate)) ns/pair, \(sample.count) advertisers; CPU \(BenchSupport.format(cpuPerPair * 1e9)) ns/pair)"
      )
    }
    var kept = 0
    if runs(.allCores) {
      let workerCount = workers ?? ProcessInfo.processInfo.activeProcessorCount
      let cpu = BenchSupport.processCPUSeconds()
      let parallel = await BenchSupport.seconds {
        let results = await MatchEngine.score(
          ruleSet: ruleSet, advertisers: inputs.0, shows: inputs.1, workers: workerCount)
        kept = results.reduce(0) { $0 + $1.matches.count }
      }
      let cpuSeconds = BenchSupport.processCPUSeconds() - cpu
      print(
        "match.rules_all_cores: \(Int(pairs / parallel)) pairs/s, \(BenchSupport.format(parallel)) s for \(Int(pairs)) pairs, \(workerCount) workers, \(kept) kept; CPU \(BenchSupport.format(cpuSeconds)) s (\(BenchSupport.format(cpuSeconds / pairs * 1e9)) ns/pair, \(BenchSupport.format(cpuSeconds / parallel, 2)) cores busy)"
      )
    }

    // The same scoring hand-written in Swift (the floor).
    if runs(.floor) {
      let floorInputs = Self.floorInputs(inputs.0, inputs.1)
      let cpu = BenchSupport.processCPUSeconds()
      let floorSingle = BenchSupport.seconds {
        kept = Self.floorScore(floorInputs.0.prefix(sample.count), floorInputs.1)
      }
      let floorRate = Double(sample.count * shows) / floorSingle
      let floorCPU = (BenchSupport.processCPUSeconds() - cpu) / Double(sample.count * shows)
      print(
        "match.floor_one_core: \(Int(floorRate)) pairs/s (\(BenchSupport.format(1e9 / floorRate)) ns/pair; CPU \(BenchSupport.format(floorCPU * 1e9)) ns/pair); rules are \(BenchSupport.format(floorRate / singleRate, 2))× the floor (CPU: \(BenchSupport.format(singleCPU / floorCPU, 2))×)"
      )
    }

    // End to end: gate, load, score, replace the matches and record the event.
    if runs(.recalculate) {
      let context = try book.flags.context(json: #"{"env": "development"}"#)
      var options = RecalculationOptions()
      options.workers = workers
      var outcome: RecalculationOutcome?
      let cpu = BenchSupport.processCPUSeconds()
      let total = try await BenchSupport.seconds {
        outcome = try await MatchRecalculation.run(
          store: store, rules: book, gateContext: context, options: options)
      }
      let cpuSeconds = BenchSupport.processCPUSeconds() - cpu
      print(
        "match.recalculate_total: \(BenchSupport.format(total)) s (\(outcome?.pairsKept ?? 0) matches written; CPU \(BenchSupport.format(cpuSeconds)) s)"
      )
    }
    if let peak = BenchSupport.peakMemoryMiB() {
      print("match.peak_memory: \(BenchSupport.format(peak)) MiB (whole process, VmHWM)")
    }
  }

  // MARK: - Data

  static func populate(_ store: CuesheetStore, advertisers: Int, shows: Int) throws {
    var random = SplitMix64(seed: 42)
    func pick(_ count: Int) -> String {
      let chosen = Set(
        (0..<count).map { _ in categories[Int.random(in: 0..<categories.count, using: &random)] })
      return "[" + chosen.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
    try store.writer.write { db in
      let now = "2026-11-01T00:00:00Z"
      let show = try db.makeStatement(
        sql:
          "INSERT INTO shows (show_id, name, creator, categories, explicit, language, cpm_cents, created_at, updated_at) VALUES (?, ?, 'c', ?, ?, ?, ?, ?, ?)"
      )
      let episode = try db.makeStatement(
        sql:
          "INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at) VALUES (?, ?, 'e', '2026-11-01', 1800, ?, ?)"
      )
      let metric = try db.makeStatement(
        sql:
          "INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions) VALUES ('2026-11-20', ?, 'megaphone', ?, ?, ?)"
      )
      for index in 0..<shows {
        let id = String(format: "show-%05d", index)
        let explicit = Int.random(in: 0..<5, using: &random) == 0
        let language = Int.random(in: 0..<10, using: &random) == 0 ? "es" : "en"
        try show.execute(arguments: [
          id, "Show \(index)", pick(Int.random(in: 1...3, using: &random)), explicit, language,
          Int.random(in: 1000...6000, using: &random), now, now,
        ])
        try episode.execute(arguments: ["\(id)-e1", id, now, now])
        let downloads = Int.random(in: 500...200_000, using: &random)
        try metric.execute(arguments: ["\(id)-e1", downloads, downloads / 2, downloads])
      }
      let advertiser = try db.makeStatement(
        sql:
          "INSERT INTO advertisers (advertiser_id, name, category, target_categories, excluded_categories, allows_explicit, max_cpm_cents, min_downloads, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      )
      for index in 0..<advertisers {
        try advertiser.execute(arguments: [
          String(format: "adv-%04d", index), "Advertiser \(index)",
          categories[index % categories.count], pick(Int.random(in: 1...3, using: &random)),
          pick(Int.random(in: 0...1, using: &random)), Bool.random(using: &random),
          Int.random(in: 1500...5000, using: &random),
          Int.random(in: 1000...100_000, using: &random),
          now, now,
        ])
      }
    }
  }

  // MARK: - Hand-written floor

  struct FloorAdvertiser {
    let targets: Set<String>
    let excluded: Set<String>
    let allowsExplicit: Bool
    let maxCPM: Double
    let minDownloads: Int64
    let category: String
  }

  struct FloorShow {
    let id: String
    let categories: [String]
    let explicit: Bool
    let language: String
    let cpm: Double
    let downloads: Int64
  }

  static func floorInputs(_ advertisers: [MatchSubject], _ shows: [MatchSubject])
    -> ([FloorAdvertiser], [FloorShow])
  {
    func fields(_ value: Value) -> [Value] {
      if case .record(let record) = value { return record.fields }
      return []
    }
    func strings(_ value: Value) -> [String] {
      if case .list(let items) = value {
        return items.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
      }
      return []
    }
    func string(_ value: Value) -> String {
      if case .string(let s) = value { return s } else { return "" }
    }
    func double(_ value: Value) -> Double {
      if case .double(let d) = value { return d } else { return 0 }
    }
    func int(_ value: Value) -> Int64 { if case .int(let i) = value { return i } else { return 0 } }
    func bool(_ value: Value) -> Bool {
      if case .bool(let b) = value { return b } else { return false }
    }
    return (
      advertisers.map {
        let f = fields($0.value)
        return FloorAdvertiser(
          targets: Set(strings(f[3])), excluded: Set(strings(f[4])), allowsExplicit: bool(f[5]),
          maxCPM: double(f[6]), minDownloads: int(f[7]), category: string(f[2]))
      },
      shows.map {
        let f = fields($0.value)
        return FloorShow(
          id: $0.id, categories: strings(f[3]), explicit: bool(f[4]), language: string(f[5]),
          cpm: double(f[7]), downloads: int(f[9]))
      }
    )
  }

  /// The default rule set, written by hand; returns the number of kept pairs (before top-N).
  @inline(never)
  static func floorScore(_ advertisers: ArraySlice<FloorAdvertiser>, _ shows: [FloorShow]) -> Int {
    var kept = 0
    for advertiser in advertisers {
      var scored: [(Double, String)] = []
      for show in shows {
        if show.explicit && !advertiser.allowsExplicit { continue }
        if show.categories.contains(where: advertiser.excluded.contains) { continue }
        if show.downloads < advertiser.minDownloads / 4 { continue }
        if show.language != "en" && advertiser.category != "international" { continue }
        let shared = show.categories.filter(advertiser.targets.contains).count
        let fit = Double(shared) / Double(max(1, advertiser.targets.count))
        let reach =
          advertiser.minDownloads == 0
          ? 1.0 : min(1.0, Double(show.downloads) / Double(advertiser.minDownloads))
        let price = show.cpm <= advertiser.maxCPM ? 1.0 : advertiser.maxCPM / show.cpm
        let score = 0.4 * fit + 0.35 * reach + 0.25 * price
        if score >= 0.65 { scored.append((score, show.id)) }
      }
      kept += scored.count
      scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    }
    return kept
  }
}
