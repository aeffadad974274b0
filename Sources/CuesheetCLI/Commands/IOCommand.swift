import Application
import ArgumentParser
import Foundation
import Pipeline
import Store

extension IOStatus: ExpressibleByArgument {}
extension Placement: ExpressibleByArgument {}

/// `cuesheet io …`: book insertion orders and move them through
/// `draft → scheduled → live → completed` (or `cancelled`). The rules live in `Pipeline`
/// (``IOWorkflow``, ``IOService``, ``DeliveryCalculator``).
struct IOCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "io",
    abstract: "Create, schedule, start, deliver, cancel and inspect insertion orders (IOs).",
    discussion: """
      Statuses: draft → scheduled → live → completed; cancelled from any status before completed.
      Refused actions and conflicts change nothing and exit 65; unknown ids exit 65; malformed
      arguments exit 2. See docs/pipeline.md.
      """,
    subcommands: [
      Create.self, Schedule.self, Start.self, Deliver.self, Cancel.self, List.self, Show.self,
      Export.self, Documents.self,
    ]
  )

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List IOs, by id.",
      discussion: """
        When the flag ENABLE_PACING_ALERTS is on for the context (--env/--account, default
        $CUESHEET_ENV, else development; $CUESHEET_ACCOUNT, else network), each IO also shows its
        delivered and expected impressions to date, its pacing, and ALERT when it is live and
        pacing under 90%; --json adds `delivery` and `pacing_alert`. Off: neither. See
        docs/pipeline.md.
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only IOs with this status.") var status: IOStatus?
    @Option(help: "Only IOs on this show.") var show: String?
    @Option(help: "Only IOs of this campaign.") var campaign: String?
    @Option(help: "Compute delivery and pacing as of this day, YYYY-MM-DD (default: today, UTC).")
    var asOf: String?
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var flagContext: FlagContextOptions
    @Flag(help: "Print the IOs as JSON.") var json = false

    func validate() throws {
      if let asOf, Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let store = try database.open()
        let (rules, missing) = try ruleOptions.loadIfPresent()
        if let rules { try rules.flags.validate(flagContext.overrides) }
        let listing = try await ListIOs(store: store).run(
          .init(
            filter: .init(status: status, showID: show, campaignID: campaign), rules: rules,
            noRulesReason: missing ?? "", context: flagContext.runContext,
            overrides: flagContext.overrides, asOf: asOf.flatMap(Day.init(parsing:)) ?? Day(Date()))
        )
        if json {
          try Output.json(listing.rows.map(IOJSON.init))
          return
        }
        if listing.rows.isEmpty {
          print("no IOs")
          return
        }
        print(IOText.listing(listing))
      }
    }
  }

  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show one IO with its delivery so far and its pacing.",
      discussion: """
        Delivered: the show's ad impressions from the flight start through the --as-of day (one
        measurement source per episode and day). Pacing: delivered ÷ (goal × elapsed flight days ÷
        flight days).
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id.") var id: String
    @Option(help: "Compute delivery and pacing as of this day, YYYY-MM-DD (default: today, UTC).")
    var asOf: String?
    @Flag(help: "Print the IO as JSON.") var json = false

    func validate() throws {
      if let asOf, Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD, like 2026-12-15.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let service = IOService(store: try database.open())
        let day = asOf.flatMap { Day(parsing: $0) } ?? Day(Date())
        let (io, delivery) = try service.show(id, asOf: day)
        if json {
          try Output.json(IOJSON(io, delivery: delivery))
          return
        }
        print(IOText.details(io, delivery: delivery))
      }
    }
  }
}
