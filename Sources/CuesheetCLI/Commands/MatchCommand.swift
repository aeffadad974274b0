import Application
import ArgumentParser
import Foundation
import Matchmaking
import Rules
import Store

/// `cuesheet match …`: recalculate and list advertiser × show matches.
struct MatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "match",
    abstract: "Recalculate and list advertiser × show matches.",
    subcommands: [Recalculate.self, List.self]
  )

  struct Recalculate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Score every advertiser × show pair with the rule set and replace the matches.",
      discussion: """
        Gated by the flag ENABLE_MATCHMAKING, evaluated with the run's context: --env (default
        $CUESHEET_ENV, else development) and --account (default $CUESHEET_ACCOUNT, else network),
        or a whole --context JSON. When the gate is off nothing changes and the exit code is 0.
        """)

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var gate: GateOptions
    @Option(help: "Only these advertisers (repeatable); others keep their matches.")
    var advertiser: [String] = []
    @Option(help: "The 30-day metrics window ends on this day (default: the latest metrics day).")
    var asOf: String?
    @Option(help: "Concurrent scoring tasks (default: one per core).") var workers: Int?
    @Flag(help: "Show what would change (new, dropped, re-ranked) without writing.") var dryRun =
      false
    @Flag(help: "Print the outcome as JSON.") var json = false

    func validate() throws {
      if let asOf, Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD.")
      }
      if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
    }

    func run() async throws {
      try await ExitStatus.run {
        let store = try database.open()
        let outcome = try await RecalculateMatches(store: store).run(
          RecalculateMatches.Request(
            rules: try gate.load(),
            rulesSource: (gate.ruleOptions.paths + gate.flags).joined(separator: ", "),
            context: gate.gateContext,
            overrides: gate.overrides, ruleSet: gate.ruleSet,
            advertiserIDs: advertiser.isEmpty ? nil : advertiser,
            asOf: asOf.flatMap(Day.init(parsing:)), workers: workers, dryRun: dryRun))
        if json {
          try Output.json(RecalculationJSON(outcome))
        } else {
          print(Self.render(outcome))
        }
      }
    }

    static func render(_ outcome: RecalculationOutcome) -> String {
      let gate = FlagResultJSON(outcome.gate).sentence
      guard outcome.ran else {
        return "matchmaking is off: \(gate); nothing changed."
      }
      var lines = [
        "\(outcome.dryRun ? "dry run: would recalculate" : "recalculated") \(outcome.advertisers) advertisers × \(outcome.shows) shows = \(outcome.pairsEvaluated) pairs with rule set \(outcome.ruleSet) (\(outcome.ruleHash)), metrics as of \(outcome.asOf?.description ?? "—")",
        "\(outcome.dryRun ? "would keep" : "kept") \(outcome.pairsKept) matches in \(outcome.durationMS) ms (gate: \(gate))",
      ]
      if outcome.changes.isEmpty {
        lines.append("no ranking changes")
      }
      for change in outcome.changes {
        var parts: [String] = []
        if !change.added.isEmpty {
          parts.append("+\(change.added.count) new (\(change.added.joined(separator: ", ")))")
        }
        if !change.dropped.isEmpty {
          parts.append(
            "-\(change.dropped.count) dropped (\(change.dropped.joined(separator: ", ")))")
        }
        if !change.reranked.isEmpty {
          parts.append(
            "\(change.reranked.count) re-ranked (\(change.reranked.map { "\($0.showID) \($0.from)→\($0.to)" }.joined(separator: ", ")))"
          )
        }
        lines.append("  \(change.advertiserID): \(parts.joined(separator: "; "))")
      }
      if outcome.dryRun { lines.append("nothing was written (--dry-run)") }
      return lines.joined(separator: "\n")
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show an advertiser's stored matches with scores and reasons.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "The advertiser's id.") var advertiser: String
    @Option(help: "Only the best N.") var top: Int?
    @Flag(help: "Print the matches as JSON.") var json = false

    func validate() throws {
      if let top, top < 1 { throw ValidationError("--top must be at least 1, got \(top).") }
    }

    func run() async throws {
      try await ExitStatus.run {
        let matches = try await ListMatches(store: try database.open()).run(
          .init(advertiserID: advertiser, top: top))
        if json {
          try Output.json(matches)
          return
        }
        if matches.isEmpty {
          print("no matches for \(advertiser); run `cuesheet match recalculate`")
          return
        }
        print(
          "matches for \(advertiser) (rule set \(matches[0].ruleSet), \(matches[0].ruleHash), \(matches[0].calculatedAt))"
        )
        for match in matches {
          print(
            "\(String(match.rank).leftPad(3)). \(match.showID)  \(match.showName ?? "")  score \(String(format: "%.3f", match.score))"
          )
          for reason in match.reasons { print("       \(reason)") }
        }
      }
    }
  }
}

/// The rule files and flag context of a gated run.
struct GateOptions: ParsableArguments {
  @OptionGroup var ruleOptions: RuleOptions
  @Option(
    help: ArgumentHelp(
      "Another rule file to load, as --rules does (kept for old scripts).", visibility: .hidden))
  var flags: [String] = []
  @Option(help: "The rule set to apply.") var ruleSet = "default"
  @OptionGroup var flagContext: FlagContextOptions

  var overrides: FlagOverrides { flagContext.overrides }

  /// The gate's context: ``FlagRunContext``, as for every command that evaluates flags.
  var gateContext: RecalculateMatches.GateContext { flagContext.runContext }

  /// Loads the rule files (`--rules`, default `rules/`) and checks the overrides against them.
  func load() throws -> RuleBook {
    let book = try RuleBookLoading.load(paths: ruleOptions.paths + flags)
    try book.flags.validate(overrides)
    return book
  }
}

extension String {
  func leftPad(_ width: Int) -> String {
    count >= width ? self : String(repeating: " ", count: width - count) + self
  }
}
