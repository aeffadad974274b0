import Foundation
import Pipeline
import Store

/// The IO workflow for async front ends (the HTTP API): list, show with delivery, create, and the
/// actions, each in one transaction with its event, through the async store seam.
///
/// The rules are ``IOService``'s (`Pipeline`), called on a database handed out by GRDB's async
/// API, so no request holds a thread while SQLite works.
public struct ManageIOs: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func list(_ filter: IOService.Filter = .init()) async throws -> [IOBooking] {
    try await Pipeline.readAsync(store) { db in try IOService.list(db, filter) }
  }

  /// One IO and its delivery as of `asOf` (default today, UTC).
  public func show(_ ioID: String, asOf: Day = Day(Date())) async throws -> (IOBooking, Delivery) {
    try await Pipeline.readAsync(store) { db in
      let io = try IOService.booking(db, ioID)
      return (io, try DeliveryCalculator.delivery(db, io: io, asOf: asOf))
    }
  }

  /// Creates a draft and returns its id.
  public func create(_ request: NewIO, now: Date = Date()) async throws -> String {
    try await Pipeline.writeAsync(store) { db in try IOService.create(db, request, now: now) }
  }

  public func schedule(_ ioID: String, allowConflict: Bool = false, now: Date = Date())
    async throws -> IOService.ScheduleOutcome
  {
    try await Pipeline.writeAsync(store) { db in
      try IOService.schedule(db, ioID, allowConflict: allowConflict, now: now)
    }
  }

  /// `scheduled → live`; before the flight's first day only with `force`.
  public func start(_ ioID: String, force: Bool = false, now: Date = Date()) async throws {
    try await Pipeline.writeAsync(store) { db in
      try IOService.start(db, ioID, force: force, now: now)
    }
  }

  /// `live → completed`; before the flight's last day only with `force`.
  @discardableResult
  public func deliver(_ ioID: String, force: Bool = false, now: Date = Date()) async throws
    -> Delivery
  {
    try await Pipeline.writeAsync(store) { db in
      try IOService.deliver(db, ioID, force: force, now: now)
    }
  }

  @discardableResult
  public func cancel(_ ioID: String, reason: String, now: Date = Date()) async throws -> IOStatus {
    try await Pipeline.writeAsync(store) { db in
      try IOService.cancel(db, ioID, reason: reason, now: now)
    }
  }
}

/// The deal pipeline for async front ends: list and move, through the async store seam.
public struct ManageDeals: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func list(_ filter: DealService.Filter = .init()) async throws -> [Deal] {
    try await Pipeline.readAsync(store) { db in try DealService.list(db, filter) }
  }

  /// Creates a deal and returns it as stored.
  public func create(_ deal: NewDeal, now: Date = Date()) async throws -> Deal {
    try await Pipeline.writeAsync(store) { db in
      let id = try DealService.create(db, deal, now: now)
      return try DealService.deal(db, campaignID: id)
    }
  }

  /// Moves the campaign and returns the change with the deal as it now is.
  public func move(campaignID: String, to stage: DealStage, reason: String?, now: Date = Date())
    async throws -> (StageChange, Deal)
  {
    try await Pipeline.writeAsync(store) { db in
      let change = try DealService.move(
        db, campaignID: campaignID, to: stage, reason: reason, now: now)
      return (change, try DealService.deal(db, campaignID: campaignID))
    }
  }
}
