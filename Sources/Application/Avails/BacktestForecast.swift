import Avails
import Foundation
import GRDB
import Store

/// `cuesheet avails backtest`: forecast from an earlier day and compare with what the metrics
/// then recorded (``Backtest``).
public struct BacktestForecast: Sendable {
  public struct Request: Sendable, Equatable {
    public var asOf: Day
    /// Weeks after the as-of day, 1…12.
    public var weeks: Int
    /// Only these shows (all when empty).
    public var showIDs: [String]

    public init(asOf: Day, weeks: Int, showIDs: [String] = []) {
      self.asOf = asOf
      self.weeks = weeks
      self.showIDs = showIDs
    }
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func run(_ request: Request) async throws -> BacktestResult {
    try await store.writer.read { db in try Self.run(db, request) }
  }

  public static func run(_ db: Database, _ request: Request) throws -> BacktestResult {
    let maxWeeks = ForecastModel.horizonDays / 7
    guard (1...maxWeeks).contains(request.weeks) else {
      throw AvailsError.invalidRequest(
        "The backtest covers 1 to \(maxWeeks) weeks, got \(request.weeks).")
    }
    guard let last = try AvailsReads.lastMetricsDay(db) else { throw AvailsError.noMetrics }
    let through = request.asOf.adding(days: 7 * request.weeks)
    guard through <= last else {
      throw AvailsError.backtestBeyondData(asOf: request.asOf, weeks: request.weeks, lastDay: last)
    }
    let shows = try AvailsReads.shows(db, only: request.showIDs).map(\.id)
    let histories = try AvailsReads.histories(
      db, showIDs: shows, from: request.asOf.adding(days: -(ForecastModel.windowDays - 1)),
      through: through)
    return Backtest.run(
      histories: shows.compactMap { histories[$0] }, asOf: request.asOf, weeks: request.weeks)
  }
}
