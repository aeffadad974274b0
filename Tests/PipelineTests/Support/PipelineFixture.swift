import CuesheetTesting
import Foundation
import GRDB
import Pipeline
import Store
import Testing

/// A fresh migrated database in its own temporary directory, with helpers that insert fixture rows
/// with plain SQL. Removed when released.
final class PipelineFixture {
  let database: TemporaryDatabase
  let store: CuesheetStore

  /// A fixed moment for every change, so stamps are predictable: 2026-11-25T12:00:00Z.
  static let now = Date(timeIntervalSince1970: 1_795_608_000)
  static let stamp = "2026-11-01T00:00:00Z"

  init() throws {
    database = try TemporaryDatabase(prefix: "pipeline")
    store = try database.openMigrated()
  }

  var deals: DealService { DealService(store: store) }
  var ios: IOService { IOService(store: store) }

  func execute(_ sql: String, _ arguments: StatementArguments = []) throws {
    try store.writer.write { db in try db.execute(sql: sql, arguments: arguments) }
  }

  func show(_ id: String) throws {
    try execute(
      "INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at) VALUES (?, ?, 'Host', 2500, ?, ?)",
      [id, "Show \(id)", Self.stamp, Self.stamp])
  }

  func episode(_ id: String, show: String) throws {
    try execute(
      "INSERT INTO episodes VALUES (?, ?, 'Episode', '2026-10-01', 1800, ?, ?)",
      [id, show, Self.stamp, Self.stamp])
  }

  func advertiser(_ id: String, category: String = "auto") throws {
    try execute(
      "INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, created_at, updated_at) VALUES (?, ?, ?, 3000, ?, ?)",
      [id, "Advertiser \(id)", category, Self.stamp, Self.stamp])
  }

  func campaign(
    _ id: String, advertiser: String, stage: DealStage = .closedWon, budgetCents: Int64 = 1_000_000
  ) throws {
    try execute(
      """
      INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at, budget_cents,
        starts_on, ends_on, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, '2026-12-01', '2026-12-31', ?, ?)
      """,
      [
        id, advertiser, "Campaign \(id)", stage.rawValue, Self.stamp, budgetCents, Self.stamp,
        Self.stamp,
      ])
  }

  /// A CPM IO row inserted directly, in any status.
  func io(
    _ id: String, campaign: String, show: String, placement: Placement = .mid,
    flight: String = "2026-12-01..2026-12-10", status: IOStatus = .draft, promoCode: String? = nil,
    goal: Int64 = 1000
  ) throws {
    let parts = flight.components(separatedBy: "..")
    try execute(
      """
      INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, flight_start, flight_end,
        rate_type, rate_cents, impressions_goal, promo_code, status, status_changed_at, created_at,
        updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'cpm', 2500, ?, ?, ?, ?, ?, ?)
      """,
      [
        id, campaign, show, placement.rawValue, parts[0], parts[1], goal, promoCode,
        status.rawValue,
        Self.stamp, Self.stamp, Self.stamp,
      ])
  }

  func metric(_ day: String, episode: String, source: String, impressions: Int64) throws {
    try execute(
      "INSERT INTO metrics_daily VALUES (?, ?, ?, ?, 0, ?, NULL)",
      [day, episode, source, impressions, impressions])
  }

  /// The standard cast: show S-1 with episode E-1; advertisers A-1 and A-2 (both `auto`) and A-3
  /// (`food`); campaigns C-1, C-2, C-3, all closed_won.
  static func standard() throws -> PipelineFixture {
    let fixture = try PipelineFixture()
    try fixture.show("S-1")
    try fixture.show("S-2")
    try fixture.episode("E-1", show: "S-1")
    try fixture.advertiser("A-1", category: "auto")
    try fixture.advertiser("A-2", category: "Auto")
    try fixture.advertiser("A-3", category: "food")
    try fixture.campaign("C-1", advertiser: "A-1")
    try fixture.campaign("C-2", advertiser: "A-2")
    try fixture.campaign("C-3", advertiser: "A-3")
    return fixture
  }

  func events(type: String? = nil) throws -> [Event] {
    try store.writer.read { db in try EventLog.list(db, filter: EventFilter(type: type)) }
  }

  /// The payload of an event as JSON values.
  static func payload(_ event: Event) throws -> [String: JSONValue] {
    guard case .object(let object) = try JSONValue(parsing: event.payload) else { return [:] }
    return object
  }

  func scalar<T: DatabaseValueConvertible>(_ sql: String, _ arguments: StatementArguments = [])
    throws -> T?
  {
    try store.writer.read { db in try T.fetchOne(db, sql: sql, arguments: arguments) }
  }

  /// Every table's rows as text: compares the database before and after a refused command.
  func dump() throws -> String { try TemporaryDatabase.dump(store) }

  /// Runs `body`, expects it to throw `expected`, and checks that nothing in the database changed.
  func expectRefusal(
    _ expected: PipelineError, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
  ) throws {
    let before = try dump()
    #expect(throws: expected, sourceLocation: sourceLocation) { try body() }
    #expect(
      try dump() == before, "a refused command changed the database", sourceLocation: sourceLocation
    )
  }
}
