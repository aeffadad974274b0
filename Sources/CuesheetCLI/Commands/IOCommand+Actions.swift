import Application
import ArgumentParser
import Avails
import Foundation
import Pipeline
import Store

extension IOCommand {
  struct Schedule: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "draft → scheduled; needs the campaign closed_won and no separation conflict.",
      discussion: """
        Competitive separation: refused when another advertiser with the same category has a
        scheduled, live or completed IO on the same show and placement with an overlapping flight
        (drafts do not count). --allow-conflict schedules anyway and records the overridden IOs in
        the io.scheduled event. When the goal exceeds the show's avails for the flight and
        placement, a warning goes to stderr; --strict refuses instead.
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id.") var id: String
    @Flag(help: "Schedule despite competitive-separation conflicts (recorded in the event).")
    var allowConflict = false
    @Flag(help: "Refuse (exit 1, nothing changed) when the IO's goal exceeds the show's avails.")
    var strict = false
    @Option(
      help: ArgumentHelp(
        "Placement shares for the avails check (default: ./avails.json if present).",
        valueName: "PATH"))
    var shares: String?
    @Flag(help: "Print the IO, overridden conflicts and avails warnings as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let service = ManageIOs(store: try database.open())
        let (outcome, warnings) = try await service.schedule(
          id, allowConflict: allowConflict, strict: strict,
          shares: try PlacementShares.resolve(explicit: shares))
        if json {
          let (io, delivery) = try await service.show(id)
          try Output.json(
            IOActionJSON(
              io: IOJSON(io, delivery: delivery),
              overriddenConflicts: outcome.overridden.map(\.summary),
              warnings: warnings.map(AvailsWarningJSON.init)))
          return
        }
        for conflict in outcome.overridden {
          Output.error("warning: scheduled despite a separation conflict with \(conflict.summary)")
        }
        for warning in warnings { Output.error("warning: \(warning)") }
        print("\(id): draft → scheduled")
      }
    }
  }

  struct Start: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "scheduled → live (from the flight's first day, or earlier with --force).")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id.") var id: String
    @Flag(help: "Start before the flight's first day (recorded in the event).") var force = false

    func run() async throws {
      try await ExitStatus.run {
        try IOService(store: try database.open()).start(id, force: force)
        print("\(id): scheduled → live")
      }
    }
  }

  struct Deliver: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "live → completed (from the flight's last day, or earlier with --force), recording delivered impressions against the goal."
    )

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id.") var id: String
    @Flag(help: "Deliver before the flight's last day (recorded in the event).") var force = false

    func run() async throws {
      try await ExitStatus.run {
        let delivery = try IOService(store: try database.open()).deliver(id, force: force)
        var line = "\(id): live → completed; delivered \(IOText.count(delivery.delivered))"
        if let goal = delivery.goal, let ratio = delivery.deliveryRatio {
          line += " of \(IOText.count(goal)) impressions (\(IOText.percent(ratio)))"
        } else {
          line += " impressions"
        }
        print(line)
      }
    }
  }

  struct Cancel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "draft | scheduled | live → cancelled, with a reason.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id.") var id: String
    @Option(help: "Why the IO is cancelled.") var reason: String

    func run() async throws {
      try await ExitStatus.run {
        let before = try IOService(store: try database.open()).cancel(id, reason: reason)
        print("\(id): \(before) → cancelled")
      }
    }
  }
}
