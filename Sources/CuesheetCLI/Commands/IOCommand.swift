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
    static let configuration = CommandConfiguration(abstract: "List IOs, by id.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only IOs with this status.") var status: IOStatus?
    @Option(help: "Only IOs on this show.") var show: String?
    @Option(help: "Only IOs of this campaign.") var campaign: String?
    @Flag(help: "Print the IOs as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let service = IOService(store: try database.open())
        let ios = try service.list(.init(status: status, showID: show, campaignID: campaign))
        if json {
          try Output.json(ios.map { IOJSON($0) })
          return
        }
        if ios.isEmpty {
          print("no IOs")
          return
        }
        var table = TextTable(
          header: [
            "IO", "CAMPAIGN", "ADVERTISER", "SHOW", "PLACEMENT", "FLIGHT", "RATE", "VOLUME",
            "STATUS",
          ],
          rightAligned: [7])
        for io in ios {
          table.add([
            io.ioID, io.campaignID, io.advertiserID, io.showID, io.placement.rawValue,
            io.flight.description, IOText.rate(io.rate), IOText.volume(io.rate), io.status.rawValue,
          ])
        }
        print(table.render())
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
