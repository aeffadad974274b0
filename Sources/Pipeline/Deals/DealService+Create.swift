import Foundation
import GRDB
import Store

/// A deal to create without a CSV: `cuesheet deals create`.
public struct NewDeal: Sendable, Equatable {
  public var advertiserID: String
  public var name: String
  public var budget: Money
  public var startsOn: Day
  public var endsOn: Day
  public var stage: DealStage
  /// An explicit campaign id; `nil` takes the next free `cmp-<n>`.
  public var campaignID: String?

  public init(
    advertiserID: String, name: String, budget: Money, startsOn: Day, endsOn: Day,
    stage: DealStage = .lead, campaignID: String? = nil
  ) {
    self.advertiserID = advertiserID
    self.name = name
    self.budget = budget
    self.startsOn = startsOn
    self.endsOn = endsOn
    self.stage = stage
    self.campaignID = campaignID
  }
}

extension DealService {
  /// Creates a deal (a campaign row) and records `deal.created`; returns the campaign id.
  @discardableResult
  public func create(_ deal: NewDeal, now: Date = Date()) throws -> String {
    try Pipeline.write(store) { db in try Self.create(db, deal, now: now) }
  }

  /// Creates a deal inside the caller's transaction.
  ///
  /// Checks that the advertiser exists, the name is not blank, the dates are in order, the budget is
  /// not negative and an explicit id is free. A deal created as `closed_lost` is refused: there is
  /// no reason to record, so create it open and move it with `deals move --reason`.
  @discardableResult
  public static func create(_ db: Database, _ deal: NewDeal, now: Date) throws -> String {
    let name = deal.name.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !name.isEmpty, name.count <= 200 else {
      throw PipelineError.invalidArgument("--name must be 1 to 200 characters.")
    }
    guard deal.startsOn <= deal.endsOn else {
      throw PipelineError.invalidArgument(
        "--ends (\(deal.endsOn)) is before --starts (\(deal.startsOn)); put the earlier day first.")
    }
    guard deal.budget.cents >= 0 else {
      throw PipelineError.invalidArgument("--budget cannot be negative.")
    }
    guard deal.stage != .closedLost else {
      throw PipelineError.invalidArgument(
        "A new deal cannot start as closed_lost; create it open, then `cuesheet deals move ID --to closed_lost --reason TEXT`."
      )
    }
    guard
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM advertisers WHERE advertiser_id = ?",
        arguments: [deal.advertiserID]) != nil
    else { throw PipelineError.advertiserNotFound(deal.advertiserID) }
    let campaignID: String
    if let explicit = deal.campaignID {
      guard (1...64).contains(explicit.count), !explicit.contains(where: \.isWhitespace) else {
        throw PipelineError.invalidArgument(
          "--id '\(explicit)' must be 1 to 64 characters without spaces, like cmp-101.")
      }
      guard
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM campaigns WHERE campaign_id = ?", arguments: [explicit]) == nil
      else {
        throw PipelineError.invalidArgument(
          "A campaign with id '\(explicit)' already exists; pick another --id or leave it out.")
      }
      campaignID = explicit
    } else {
      campaignID = try nextCampaignID(db)
    }
    let stamp = Timestamp.string(now)
    try db.execute(
      sql: """
        INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at,
          budget_cents, starts_on, ends_on, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
      arguments: [
        campaignID, deal.advertiserID, name, deal.stage.rawValue, stamp, deal.budget.cents,
        deal.startsOn.description, deal.endsOn.description, stamp, stamp,
      ])
    let payload: [String: JSONValue] = [
      "campaign_id": .string(campaignID), "advertiser_id": .string(deal.advertiserID),
      "name": .string(name), "stage": .string(deal.stage.rawValue),
      "budget_cents": .int(deal.budget.cents),
    ]
    try EventLog.record(
      db, type: "deal.created", subject: "campaign:\(campaignID)", payload: payload, at: now)
    return campaignID
  }

  /// `cmp-<n>` with `n` one above the largest numbered `cmp-` id (at least `cmp-001`), three digits.
  static func nextCampaignID(_ db: Database) throws -> String {
    let ids = try String.fetchAll(
      db, sql: "SELECT campaign_id FROM campaigns WHERE campaign_id GLOB 'cmp-[0-9]*'")
    let highest = ids.compactMap { Int($0.dropFirst(4)) }.max() ?? 0
    let number = String(highest + 1)
    return "cmp-" + String(repeating: "0", count: max(0, 3 - number.count)) + number
  }
}
