import Application
import ArgumentParser
import Diagnostics
import Foundation
import Matchmaking
import Reports
import Rules
import Store

/// `cuesheet-bench rules-diff`: `cuesheet rules diff` on a generated network, against one dry-run
/// recalculation's scoring in the same run.
struct RulesDiffBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules-diff",
    abstract: "Diff the default rules against a reweighted copy on a generated network.")

  @Option(help: "Advertisers to generate.") var advertisers = 1_000
  @Option(help: "Shows to generate.") var shows = 10_000
  @Option(help: "The base rule files (flags and the default rule set).") var rules = "rules"
  @Option(help: "The head rule files (default: the base with `category fit` reweighted).")
  var head: String?

  func run() async throws {
    let base = try RuleLoader.load(paths: [rules])
    let headBook: RuleBook
    if let head {
      headBook = try RuleLoader.load(paths: [head])
    } else {
      // The shipped proposal's change: price fit 0.25 → 0.35, reach 0.35 → 0.25.
      let sources = try RuleLoader.files(in: [rules]).map { path in
        SourceFile(
          name: path,
          text: try String(contentsOfFile: path, encoding: .utf8)
            .replacingOccurrences(of: #""reach" weight 0.35:"#, with: #""reach" weight 0.25:"#)
            .replacingOccurrences(
              of: #""price fit" weight 0.25:"#, with: #""price fit" weight 0.35:"#))
      }
      headBook = try RuleLoader.load(sources)
    }
    guard let ruleSet = base.ruleSet(named: "default") else {
      throw ValidationError("\(rules) has no matchmaking rule set named default")
    }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-diff-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("bench.db").path, create: true)
    _ = try Migrator().migrate(store)
    try MatchBench.populate(store, advertisers: advertisers, shows: shows)
    let inputs = try await MatchQueries.inputs(store: store)
    print(
      "rules_diff.network: \(inputs.advertisers.count) advertisers × \(inputs.shows.count) shows = \(inputs.advertisers.count * inputs.shows.count) pairs, \(ProcessInfo.processInfo.activeProcessorCount) workers"
    )

    // One dry-run recalculation's scoring (what `match recalculate --dry-run` spends on rules).
    var kept = 0
    let recalculation = await BenchSupport.seconds {
      let results = await MatchEngine.score(
        ruleSet: ruleSet, advertisers: inputs.advertisers, shows: inputs.shows)
      kept = results.reduce(0) { $0 + $1.matches.count }
    }
    print(
      "rules_diff.one_recalculation: \(BenchSupport.format(recalculation, 3)) s (\(kept) matches kept)"
    )

    // The whole diff on the same inputs: flags over advertisers × environments, both rule sets
    // over every pair, the report.
    var report: RulesDiffReport?
    let population = FlagPopulation.accounts(
      inputs.advertisers.map(\.id),
      environments: FlagPopulation.environments(mentionedBy: [base.flags, headBook.flags]))
    let diff = try await BenchSupport.seconds {
      report = try await RulesDiff.compare(
        base: .init(label: rules, book: base), head: .init(label: "head", book: headBook),
        advertisers: inputs.advertisers, shows: inputs.shows, asOf: inputs.asOf,
        population: population, limit: 10, now: Date(),
        provenance: .of(
          builtAt: Timestamp.string(Date()), database: "bench.db", latestImportID: nil,
          metricsFirstDay: nil, metricsLastDay: nil))
    }
    let changed = report?.matchmaking.ruleSets.first
    print(
      "rules_diff.total: \(BenchSupport.format(diff, 3)) s (\(population.members.count) flag contexts; \(changed?.pairsChanged ?? 0) pairs change outcome, \(changed?.advertisersChanged ?? 0) rankings change)"
    )
    print("rules_diff.ratio_to_one_recalculation: \(BenchSupport.format(diff / recalculation, 2))")
    if let peak = BenchSupport.peakMemoryMiB() {
      print("rules_diff.peak_memory: \(BenchSupport.format(peak)) MiB")
    }
  }
}
