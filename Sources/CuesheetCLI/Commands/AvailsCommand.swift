import Application
import ArgumentParser
import Avails
import Foundation
import Pipeline
import Store

/// `cuesheet avails …`: what each show can still sell, and how good the forecast is.
struct AvailsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "avails",
    abstract: "Forecast inventory and show what can still be sold (see docs/avails.md).",
    subcommands: [Check.self, BacktestCommand.self],
    defaultSubcommand: Check.self
  )

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Per show and placement: inventory, contending IOs, blocked, available.",
      discussion: """
        The forecast is made from the 28 days up to --as-of (default: the last day with metrics);
        the window must start after it and end within 12 weeks of it. With --advertiser, shows
        are ranked by its match score and its category's competitors block their placements; with
        --impressions N, each row says whether N fits and a greedy plan fills N across shows.
        Example:
          cuesheet avails --from 2026-12-01 --to 2026-12-28 --advertiser adv-ledgerly \\
            --placement mid --impressions 200000
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: ArgumentHelp("First day of the window.", valueName: "DAY")) var from: String
    @Option(help: ArgumentHelp("Last day of the window (included).", valueName: "DAY")) var to:
      String
    @Option(help: "Only this show (repeatable; default: every show).") var show: [String] = []
    @Option(help: "Only this placement: pre, mid or post (repeatable).") var placement:
      [Placement] = []
    @Option(help: "Rank by this advertiser's matches and block its category's competitors.")
    var advertiser: String?
    @Option(help: "Block the competitors of this advertiser category.") var category: String?
    @Option(help: "Impressions wanted: says which rows fit and plans across shows.")
    var impressions: Int64?
    @Option(
      help: ArgumentHelp(
        "Last day of history (default: the last day with metrics).", valueName: "DAY"))
    var asOf: String?
    @Option(
      help: ArgumentHelp(
        "Placement shares settings (default: ./avails.json if present, else pre 0.4, mid 0.4, post 0.2).",
        valueName: "PATH"))
    var shares: String?
    @Flag(help: "Print the report as JSON (the API's shape).") var json = false

    func validate() throws {
      for (name, value) in [("--from", from), ("--to", to), ("--as-of", asOf ?? "2000-01-01")]
      where Day(parsing: value) == nil {
        throw ValidationError("\(name) '\(value)' is not a day; use YYYY-MM-DD.")
      }
      if advertiser != nil, category != nil {
        throw ValidationError("Give --advertiser or --category, not both.")
      }
      if let impressions, impressions < 1 {
        throw ValidationError("--impressions must be at least 1, got \(impressions).")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let store = try database.open()
        let report = try await CheckAvails(store: store).run(
          CheckAvails.Request(
            from: Day(parsing: from)!, through: Day(parsing: to)!, showIDs: show,
            placements: placement, advertiserID: advertiser, category: category,
            impressions: impressions, asOf: asOf.flatMap(Day.init(parsing:)),
            shares: try PlacementShares.resolve(explicit: shares)))
        if json {
          try Output.json(AvailsJSON(report))
        } else {
          print(AvailsText.render(report))
        }
      }
    }
  }

  struct BacktestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "backtest",
      abstract: "Forecast from an earlier day and compare with what the metrics then recorded.",
      discussion: """
        Weekly impressions per show for --weeks N weeks after --as-of: the model's MAPE and bias
        against the naive baseline (7 × the 28-day average). The metrics must reach
        as-of + 7 × N days. Example: cuesheet avails backtest --as-of 2026-10-27 --weeks 4
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(
      help: ArgumentHelp("Forecast from this day (its last day of history).", valueName: "DAY"))
    var asOf: String
    @Option(help: "Weeks to compare, 1 to 12.") var weeks: Int = 4
    @Option(help: "Only this show (repeatable; default: every show).") var show: [String] = []
    @Flag(help: "Also print every show-week.") var verbose = false
    @Flag(help: "Print the result as JSON.") var json = false

    func validate() throws {
      if Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let store = try database.open()
        let result = try await BacktestForecast(store: store).run(
          .init(asOf: Day(parsing: asOf)!, weeks: weeks, showIDs: show))
        if json {
          try Output.json(BacktestJSON(result))
        } else {
          print(AvailsText.render(result, verbose: verbose))
        }
      }
    }
  }
}
