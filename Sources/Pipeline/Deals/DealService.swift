import Foundation
import GRDB
import Store

/// Lists deals, moves them through the pipeline and reads their history.
///
/// A move updates `campaigns.stage` and `stage_changed_at` and records `deal.stage_changed` in one
/// transaction; a refused move changes nothing.
///
/// ```swift
/// let deals = DealService(store: store)
/// try deals.move(campaignID: "C-7", to: .closedLost, reason: "budget cut")
/// ```
public struct DealService: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Which deals to list.
  public struct Filter: Sendable, Equatable {
    public var stage: DealStage?
    public var advertiserID: String?
    public init(stage: DealStage? = nil, advertiserID: String? = nil) {
      self.stage = stage
      self.advertiserID = advertiserID
    }
  }

  /// Deals matching `filter`, in pipeline order (stage, then campaign id).
  public func list(_ filter: Filter = Filter()) throws -> [Deal] {
    try store.writer.read { db in try Self.list(db, filter) }
  }

  /// Moves a campaign to `stage`; returns the change as recorded.
  @discardableResult
  public func move(
    campaignID: String, to stage: DealStage, reason: String? = nil, now: Date = Date()
  ) throws -> StageChange {
    try Pipeline.write(store) { db in
      try Self.move(db, campaignID: campaignID, to: stage, reason: reason, now: now)
    }
  }

  /// The campaign's stage changes from the event log, oldest first.
  public func history(campaignID: String) throws -> [StageChange] {
    try store.writer.read { db in try Self.history(db, campaignID: campaignID) }
  }

  // MARK: - On a database

  /// Deals matching `filter`; an unknown advertiser in the filter is an error, not an empty list.
  public static func list(_ db: Database, _ filter: Filter = Filter()) throws -> [Deal] {
    var clauses: [String] = []
    var arguments: StatementArguments = []
    if let stage = filter.stage {
      clauses.append("c.stage = ?")
      arguments += [stage.rawValue]
    }
    if let advertiser = filter.advertiserID {
      guard
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM advertisers WHERE advertiser_id = ?", arguments: [advertiser])
          != nil
      else { throw PipelineError.advertiserNotFound(advertiser) }
      clauses.append("c.advertiser_id = ?")
      arguments += [advertiser]
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT c.campaign_id, c.name, c.advertiser_id, a.name AS advertiser_name, c.stage,
               c.stage_changed_at, c.budget_cents, c.starts_on, c.ends_on
        FROM campaigns c JOIN advertisers a ON a.advertiser_id = c.advertiser_id
        \(whereSQL)
        """, arguments: arguments)
    let deals = try rows.map(deal)
    let order = Dictionary(uniqueKeysWithValues: DealStage.allCases.enumerated().map { ($1, $0) })
    return deals.sorted {
      (order[$0.stage]!, $0.campaignID) < (order[$1.stage]!, $1.campaignID)
    }
  }

  /// One deal by campaign id.
  public static func deal(_ db: Database, campaignID: String) throws -> Deal {
    guard
      let row = try Row.fetchOne(
        db,
        sql: """
          SELECT c.campaign_id, c.name, c.advertiser_id, a.name AS advertiser_name, c.stage,
                 c.stage_changed_at, c.budget_cents, c.starts_on, c.ends_on
          FROM campaigns c JOIN advertisers a ON a.advertiser_id = c.advertiser_id
          WHERE c.campaign_id = ?
          """, arguments: [campaignID])
    else { throw PipelineError.campaignNotFound(campaignID) }
    return try deal(row)
  }

  /// Validates and applies a move inside the caller's transaction, recording its event.
  @discardableResult
  public static func move(
    _ db: Database, campaignID: String, to stage: DealStage, reason: String?, now: Date
  ) throws -> StageChange {
    let current = try deal(db, campaignID: campaignID)
    try DealPipeline.validate(campaign: campaignID, from: current.stage, to: stage, reason: reason)
    let reason = DealPipeline.normalizedReason(reason)
    let stamp = Timestamp.string(now)
    try db.execute(
      sql: """
        UPDATE campaigns SET stage = ?, stage_changed_at = ?, updated_at = ? WHERE campaign_id = ?
        """, arguments: [stage.rawValue, stamp, stamp, campaignID])
    let payload: [String: JSONValue] = [
      "campaign_id": .string(campaignID),
      "advertiser_id": .string(current.advertiserID),
      "from": .string(current.stage.rawValue),
      "to": .string(stage.rawValue),
      "reason": reason.map(JSONValue.string) ?? .null,
    ]
    let eventID = try EventLog.record(
      db, type: "deal.stage_changed", subject: "campaign:\(campaignID)", payload: payload, at: now)
    return StageChange(
      eventID: eventID, occurredAt: stamp, campaignID: campaignID, from: current.stage, to: stage,
      reason: reason)
  }

  /// The campaign's `deal.stage_changed` events, oldest first.
  public static func history(_ db: Database, campaignID: String) throws -> [StageChange] {
    guard
      try Bool.fetchOne(
        db, sql: "SELECT 1 FROM campaigns WHERE campaign_id = ?", arguments: [campaignID]) != nil
    else { throw PipelineError.campaignNotFound(campaignID) }
    let events = try EventLog.list(
      db, filter: EventFilter(type: "deal.stage_changed", subject: "campaign:\(campaignID)"))
    return events.compactMap { event in
      guard case .object(let payload) = try? JSONValue(parsing: event.payload),
        case .string(let fromText) = payload["from"], let from = DealStage(rawValue: fromText),
        case .string(let toText) = payload["to"], let to = DealStage(rawValue: toText)
      else { return nil }
      var reason: String?
      if case .string(let text) = payload["reason"] { reason = text }
      return StageChange(
        eventID: event.id, occurredAt: event.occurredAt, campaignID: campaignID, from: from,
        to: to, reason: reason)
    }
  }

  private static func deal(_ row: Row) throws -> Deal {
    let stageText: String = row["stage"]
    guard let stage = DealStage(rawValue: stageText) else {
      throw PipelineError.invalidArgument(
        "Campaign \(row["campaign_id"] as String) has unknown stage '\(stageText)'.")
    }
    return Deal(
      campaignID: row["campaign_id"], name: row["name"], advertiserID: row["advertiser_id"],
      advertiserName: row["advertiser_name"], stage: stage, stageChangedAt: row["stage_changed_at"],
      budget: Money(cents: row["budget_cents"]), startsOn: row["starts_on"], endsOn: row["ends_on"])
  }
}
