import Foundation
import GRDB
import Store

/// Creates, schedules, starts, delivers, cancels and reads insertion orders.
///
/// Every change updates the row and records its `io.*` event in one transaction; a refused command
/// changes nothing. Each operation exists twice: on the service (opens its own transaction) and as a
/// static function on a `Database` (runs inside the caller's).
///
/// ```swift
/// let ios = IOService(store: store)
/// let id = try ios.create(NewIO(campaignID: "C-1", showID: "S-1", placement: .mid,
///                               flight: try Flight(parsing: "2026-12-01..2026-12-31"),
///                               rate: .cpm(Money(cents: 2500), impressions: 100_000)))
/// try ios.schedule(id)
/// ```
public struct IOService: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Which IOs to list.
  public struct Filter: Sendable, Equatable {
    public var status: IOStatus?
    public var showID: String?
    public var campaignID: String?
    public init(status: IOStatus? = nil, showID: String? = nil, campaignID: String? = nil) {
      self.status = status
      self.showID = showID
      self.campaignID = campaignID
    }
  }

  /// What scheduling did: the conflicts it overrode (empty unless `allowConflict`).
  public struct ScheduleOutcome: Sendable, Equatable {
    public let ioID: String
    public let overridden: [SeparationConflict]
  }

  // MARK: - Service

  /// IOs matching `filter`, by id.
  public func list(_ filter: Filter = Filter()) throws -> [IOBooking] {
    try store.writer.read { db in try Self.list(db, filter) }
  }

  /// One IO and its delivery as of `asOf` (included).
  public func show(_ ioID: String, asOf: Day) throws -> (IOBooking, Delivery) {
    try store.writer.read { db in
      let io = try Self.booking(db, ioID)
      return (io, try DeliveryCalculator.delivery(db, io: io, asOf: asOf))
    }
  }

  /// Creates a draft IO and returns its id.
  @discardableResult
  public func create(_ request: NewIO, now: Date = Date()) throws -> String {
    try Pipeline.write(store) { db in try Self.create(db, request, now: now) }
  }

  /// `draft → scheduled`; see ``schedule(_:_:allowConflict:now:)``.
  @discardableResult
  public func schedule(_ ioID: String, allowConflict: Bool = false, now: Date = Date()) throws
    -> ScheduleOutcome
  {
    try Pipeline.write(store) { db in
      try Self.schedule(db, ioID, allowConflict: allowConflict, now: now)
    }
  }

  /// `scheduled → live`, recording `io.started`; refused before the flight's first day unless
  /// `force`.
  public func start(_ ioID: String, force: Bool = false, now: Date = Date()) throws {
    try Pipeline.write(store) { db in try Self.start(db, ioID, force: force, now: now) }
  }

  /// `live → completed`, recording `io.delivered`; returns the delivery over the whole flight.
  /// Refused before the flight's last day unless `force`.
  @discardableResult
  public func deliver(_ ioID: String, force: Bool = false, now: Date = Date()) throws -> Delivery {
    try Pipeline.write(store) { db in try Self.deliver(db, ioID, force: force, now: now) }
  }

  /// `draft | scheduled | live → cancelled`, recording `io.cancelled` with the reason; returns the
  /// status it left.
  @discardableResult
  public func cancel(_ ioID: String, reason: String, now: Date = Date()) throws -> IOStatus {
    try Pipeline.write(store) { db in try Self.cancel(db, ioID, reason: reason, now: now) }
  }

  // MARK: - On a database

  /// IOs matching `filter`, by id; an unknown show or campaign in the filter is an error.
  public static func list(_ db: Database, _ filter: Filter = Filter()) throws -> [IOBooking] {
    var clauses: [String] = []
    var arguments: StatementArguments = []
    if let status = filter.status {
      clauses.append("io.status = ?")
      arguments += [status.rawValue]
    }
    if let show = filter.showID {
      try requireShow(db, show)
      clauses.append("io.show_id = ?")
      arguments += [show]
    }
    if let campaign = filter.campaignID {
      try requireCampaign(db, campaign)
      clauses.append("io.campaign_id = ?")
      arguments += [campaign]
    }
    let whereSQL = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    let rows = try Row.fetchAll(
      db, sql: "SELECT \(IOBooking.selection) FROM \(IOBooking.from) \(whereSQL)",
      arguments: arguments)
    return try rows.map(IOBooking.init(row:)).sorted { ioOrder($0.ioID, $1.ioID) }
  }

  /// One IO by id.
  public static func booking(_ db: Database, _ ioID: String) throws -> IOBooking {
    guard
      let row = try Row.fetchOne(
        db, sql: "SELECT \(IOBooking.selection) FROM \(IOBooking.from) WHERE io.io_id = ?",
        arguments: [ioID])
    else { throw PipelineError.ioNotFound(ioID) }
    return try IOBooking(row: row)
  }

  /// `scheduled → live`. Before the flight's first day (UTC) it is refused unless `force`; a
  /// forced early start is recorded in the event (`"forced": true` with the flight start).
  public static func start(_ db: Database, _ ioID: String, force: Bool = false, now: Date) throws {
    let io = try booking(db, ioID)
    let today = Day(now)
    let early = today < io.flight.start
    if early && !force && IOWorkflow.target(of: .start, from: io.status) != nil {
      throw PipelineError.flightNotStarted(io: ioID, start: io.flight.start, today: today)
    }
    try transition(db, io, .start, now: now)
    var payload: [String: JSONValue] = ["io_id": .string(ioID)]
    if early {
      payload["forced"] = .bool(true)
      payload["flight_start"] = .string(io.flight.start.description)
    }
    try EventLog.record(db, type: "io.started", subject: "io:\(ioID)", payload: payload, at: now)
  }

  /// `live → completed`, with the delivered impressions over the whole flight. Before the flight's
  /// last day (UTC) it is refused unless `force`; a forced early delivery is recorded in the event.
  @discardableResult
  public static func deliver(_ db: Database, _ ioID: String, force: Bool = false, now: Date) throws
    -> Delivery
  {
    let io = try booking(db, ioID)
    let today = Day(now)
    let early = today < io.flight.end
    if early && !force && IOWorkflow.target(of: .deliver, from: io.status) != nil {
      throw PipelineError.flightNotOver(io: ioID, end: io.flight.end, today: today)
    }
    try transition(db, io, .deliver, now: now)
    let delivery = try DeliveryCalculator.delivery(db, io: io, asOf: io.flight.end)
    var payload: [String: JSONValue] = [
      "io_id": .string(ioID),
      "delivered_impressions": .int(delivery.delivered),
      "impressions_goal": delivery.goal.map(JSONValue.int) ?? .null,
      "delivery_ratio": delivery.deliveryRatio.map(JSONValue.double) ?? .null,
    ]
    if early {
      payload["forced"] = .bool(true)
      payload["flight_end"] = .string(io.flight.end.description)
    }
    try EventLog.record(db, type: "io.delivered", subject: "io:\(ioID)", payload: payload, at: now)
    return delivery
  }

  /// `draft | scheduled | live → cancelled`; the reason must not be empty. Returns the status left.
  @discardableResult
  public static func cancel(_ db: Database, _ ioID: String, reason: String, now: Date) throws
    -> IOStatus
  {
    let io = try booking(db, ioID)
    if let problem = BoundedText.lengthProblem(reason, field: "reason") {
      throw PipelineError.invalidArgument(problem)
    }
    guard let reason = DealPipeline.normalizedReason(reason) else {
      throw PipelineError.invalidArgument(
        "Cancelling IO \(ioID) needs a reason; pass --reason TEXT.")
    }
    try transition(db, io, .cancel, now: now)
    let payload: [String: JSONValue] = [
      "io_id": .string(ioID), "from_status": .string(io.status.rawValue), "reason": .string(reason),
    ]
    try EventLog.record(db, type: "io.cancelled", subject: "io:\(ioID)", payload: payload, at: now)
    return io.status
  }

  // MARK: - Helpers

  /// Checks `action` against the IO's status and writes the new status.
  static func transition(_ db: Database, _ io: IOBooking, _ action: IOAction, now: Date) throws {
    let next = try IOWorkflow.apply(action, io: io.ioID, from: io.status)
    let stamp = Timestamp.string(now)
    try db.execute(
      sql: """
        UPDATE io_bookings SET status = ?, status_changed_at = ?, updated_at = ?
        WHERE io_id = ? AND status = ?
        """, arguments: [next.rawValue, stamp, stamp, io.ioID, io.status.rawValue])
  }

  static func requireShow(_ db: Database, _ id: String) throws {
    guard
      try Bool.fetchOne(db, sql: "SELECT 1 FROM shows WHERE show_id = ?", arguments: [id]) != nil
    else { throw PipelineError.showNotFound(id) }
  }

  static func requireCampaign(_ db: Database, _ id: String) throws {
    guard
      try Bool.fetchOne(db, sql: "SELECT 1 FROM campaigns WHERE campaign_id = ?", arguments: [id])
        != nil
    else { throw PipelineError.campaignNotFound(id) }
  }

  /// `IO-999 < IO-1001 < IO-1002 < other`: numbered ids by number, then the rest by text.
  static func ioOrder(_ lhs: String, _ rhs: String) -> Bool {
    switch (ioNumber(lhs), ioNumber(rhs)) {
    case (let l?, let r?): l < r
    case (.some, nil): true
    case (nil, .some): false
    case (nil, nil): lhs < rhs
    }
  }

  /// The number in `IO-<digits>`, or `nil` for any other id.
  static func ioNumber(_ id: String) -> Int? {
    guard id.hasPrefix("IO-") else { return nil }
    let digits = id.dropFirst(3)
    guard !digits.isEmpty, digits.count <= 18, digits.allSatisfy({ $0.isASCII && $0.isNumber })
    else { return nil }
    return Int(digits)
  }
}
