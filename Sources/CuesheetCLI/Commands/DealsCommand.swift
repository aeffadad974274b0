import Application
import ArgumentParser
import Foundation
import Pipeline
import Store

extension DealStage: ExpressibleByArgument {}

/// `cuesheet deals …`: list deals with their weighted value, move them through the pipeline, and
/// show their stage history. The rules live in `Pipeline` (``DealPipeline``, ``DealService``).
struct DealsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deals",
    abstract: "List deals, move them through the sales pipeline, and show their history.",
    discussion: """
      Stages: lead (10%), qualified (25%), proposal (50%), negotiation (75%), closed_won (100%),
      closed_lost (0%). Allowed moves: forward one or more stages, back one stage, to closed_lost
      from any open stage (with --reason), and closed_lost back to lead. See docs/pipeline.md.
      """,
    subcommands: [List.self, Create.self, Move.self, History.self]
  )

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List deals with win probability and weighted value (budget × probability).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Only deals at this stage.") var stage: DealStage?
    @Option(help: "Only deals of this advertiser.") var advertiser: String?
    @Flag(help: "Print the deals as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let service = DealService(store: try database.open())
        let deals = try service.list(.init(stage: stage, advertiserID: advertiser))
        if json {
          try Output.json(deals.map(DealJSON.init))
          return
        }
        if deals.isEmpty {
          print("no deals")
          return
        }
        var table = TextTable(
          header: [
            "CAMPAIGN", "ADVERTISER", "STAGE", "PROB", "BUDGET", "WEIGHTED", "SINCE", "NAME",
          ],
          rightAligned: [3, 4, 5])
        for deal in deals {
          table.add([
            deal.campaignID, deal.advertiserID, deal.stage.rawValue,
            "\(deal.winProbabilityPercent)%", deal.budget.formatted(),
            deal.weightedValue.formatted(), deal.stageChangedAt, deal.name,
          ])
        }
        let budget = deals.reduce(Money(cents: 0)) { $0 + $1.budget }
        let weighted = deals.reduce(Money(cents: 0)) { $0 + $1.weightedValue }
        table.add(["total", "", "", "", budget.formatted(), weighted.formatted(), "", ""])
        print(table.render())
      }
    }
  }

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a deal (a campaign) without a CSV, recording deal.created.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The advertiser's id.") var advertiser: String
    @Option(help: "The deal's name.") var name: String
    @Option(help: "The budget, e.g. 25000.00.") var budget: String
    @Option(help: "The first day, YYYY-MM-DD.") var starts: String
    @Option(help: "The last day, YYYY-MM-DD.") var ends: String
    @Option(help: "The stage to start in.") var stage: DealStage = .lead
    @Option(help: "The campaign id (default: the next free cmp-<n>).") var id: String?
    @Flag(help: "Print the new deal as JSON.") var json = false

    func validate() throws {
      guard Money(parsing: budget) != nil else {
        throw ValidationError("--budget '\(budget)' is not an amount; write it like 25000.00.")
      }
      for (option, value) in [("--starts", starts), ("--ends", ends)]
      where Day(parsing: value) == nil {
        throw ValidationError("\(option) '\(value)' is not a date; use YYYY-MM-DD.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let service = DealService(store: try database.open())
        let campaignID = try service.create(
          NewDeal(
            advertiserID: advertiser, name: name, budget: Money(parsing: budget)!,
            startsOn: Day(parsing: starts)!, endsOn: Day(parsing: ends)!, stage: stage,
            campaignID: id))
        if json {
          let deal = try await service.store.writer.read { db in
            try DealService.deal(db, campaignID: campaignID)
          }
          try Output.json(DealJSON(deal))
        } else {
          print("\(campaignID): created \"\(name)\" for \(advertiser) at \(stage)")
        }
      }
    }
  }

  struct Move: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Move a campaign to another stage, recording deal.stage_changed.",
      discussion: """
        A refused move changes nothing and exits 65 naming the allowed moves; closed_lost needs
        --reason (exit 2 without it).
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The campaign id.") var campaign: String
    @Option(help: "The stage to move to.") var to: DealStage
    @Option(help: "Why (required for closed_lost).") var reason: String?

    func run() async throws {
      try await ExitStatus.run {
        let service = DealService(store: try database.open())
        let change = try service.move(campaignID: campaign, to: to, reason: reason)
        print("\(change.campaignID): \(change.from) → \(change.to)")
      }
    }
  }

  struct History: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a campaign's stage changes from the event log, oldest first.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The campaign id.") var campaign: String
    @Flag(help: "Print the history as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let service = DealService(store: try database.open())
        let changes = try service.history(campaignID: campaign)
        if json {
          try Output.json(changes.map(StageChangeJSON.init))
          return
        }
        if changes.isEmpty {
          print("no stage changes recorded for \(campaign)")
          return
        }
        var table = TextTable(header: ["EVENT", "AT", "FROM", "TO", "REASON"], rightAligned: [0])
        for change in changes {
          table.add([
            String(change.eventID), change.occurredAt, change.from.rawValue, change.to.rawValue,
            change.reason ?? "",
          ])
        }
        print(table.render())
      }
    }
  }
}
