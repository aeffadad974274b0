import Application
import ArgumentParser
import Avails
import Foundation
import Pipeline
import Store

extension IOCommand {
  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Create a draft IO and print its id.",
      discussion: """
        Price with --cpm 25.00 --impressions N, or --flat 1500.00 --spots N. The id is the next
        IO-<n> (from IO-1001) unless --id is given. The promo code must not be in use by an active
        IO of another advertiser. When the goal exceeds the show's avails for the flight and
        placement (see cuesheet avails), a warning goes to stderr; --strict refuses instead. Example:
          cuesheet io create --campaign C-1 --show S-1 --placement mid \\
            --flight 2026-12-01..2026-12-31 --cpm 25.00 --impressions 100000 --promo-code SAVE20
        """)

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The campaign id.") var campaign: String
    @Option(help: "The show id.") var show: String
    @Option(help: "pre, mid or post.") var placement: Placement
    @Option(help: ArgumentHelp("First and last day, both included.", valueName: "START..END"))
    var flight: String
    @Option(help: ArgumentHelp("Price per thousand impressions, e.g. 25.00.", valueName: "AMOUNT"))
    var cpm: String?
    @Option(help: "Impressions goal (with --cpm).") var impressions: Int64?
    @Option(help: ArgumentHelp("Flat price for the line, e.g. 1500.00.", valueName: "AMOUNT"))
    var flat: String?
    @Option(help: "Number of spots (with --flat).") var spots: Int64?
    @Option(help: "Promo code read in the ad.") var promoCode: String?
    @Option(help: "Vanity URL read in the ad: https://brand.com/path or brand.com/path.")
    var vanityURL: String?
    @Option(help: "host-read (default) or produced.") var adFormat: String = "host-read"
    @Option(help: "An explicit IO id instead of the next IO-<n>.") var id: String?
    @Flag(help: "Refuse the IO (exit 1, nothing written) when its goal exceeds the show's avails.")
    var strict = false
    @Option(
      help: ArgumentHelp(
        "Placement shares for the avails check (default: ./avails.json if present).",
        valueName: "PATH"))
    var shares: String?
    @Flag(help: "Print the IO and its avails warnings as JSON.") var json = false

    func validate() throws {
      if AdFormat(argument: adFormat) == nil {
        throw ValidationError("--ad-format '\(adFormat)' must be host-read or produced.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let request = NewIO(
          campaignID: campaign, showID: show, placement: placement,
          flight: try Flight(parsing: flight),
          rate: try IORate.parse(cpm: cpm, impressions: impressions, flat: flat, spots: spots),
          adFormat: AdFormat(argument: adFormat)!, promoCode: promoCode,
          vanityURL: try vanityURL.map(VanityURL.validate), ioID: id)
        let store = try database.open()
        let service = ManageIOs(store: store)
        let (id, warnings) = try await service.create(
          request, strict: strict, shares: try PlacementShares.resolve(explicit: shares))
        if json {
          let (io, _) = try await service.show(id)
          try Output.json(CreatedIOJSON(io, warnings: warnings))
        } else {
          for warning in warnings { Output.error("warning: \(warning)") }
          print(id)
        }
      }
    }
  }
}
