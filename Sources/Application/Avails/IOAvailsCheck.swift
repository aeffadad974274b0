import Avails
import Foundation
import GRDB
import Pipeline
import Store

/// An IO whose goal exceeds what its show can still sell at its placement over its flight.
public struct AvailsWarning: Sendable, Equatable, CustomStringConvertible {
  public let ioID: String
  public let showID: String
  public let placement: Placement
  /// The checked days: the flight after the as-of day, up to the 12-week horizon.
  public let from: Day
  public let through: Day
  /// The IO's impressions in those days (its goal's share; a flat IO's spots × forecast per spot).
  public let wanted: Int64
  public let available: Int64
  public let inventory: Int64
  public let contending: Int64
  public let blocked: Int64
  /// The IOs that take the placement in those days.
  public let contendingIOs: [String]
  /// Competitors that block it for this advertiser's category.
  public let blockingIOs: [String]

  /// `IO-1005 wants 120,000 impressions on night-shift mid over 2026-12-01..2026-12-31, but
  /// 80,000 are available (inventory 100,000, contending 20,000: IO-1001)`.
  public var description: String {
    var text =
      "\(ioID) wants \(Self.number(wanted)) impressions on \(showID) \(placement) over \(from)..\(through), but \(Self.number(available)) are available (inventory \(Self.number(inventory))"
    if contending != 0 {
      text +=
        ", contending \(Self.number(contending))"
        + (contendingIOs.isEmpty ? "" : ": " + contendingIOs.joined(separator: ", "))
    }
    if blocked != 0 {
      text +=
        ", blocked by competitive separation \(Self.number(blocked))"
        + (blockingIOs.isEmpty ? "" : ": " + blockingIOs.joined(separator: ", "))
    }
    return text + ")"
  }

  static func number(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }
}

/// Checks an IO against the avails of its show and placement (`io create`, `io schedule`).
///
/// The checked days are the flight's days after the as-of day (the last day with metrics), up to
/// the 12-week horizon; the IO wants the part of its goal in those days (a CPM goal spread evenly
/// over the flight; a flat IO's spots × forecast per spot, as ``AvailsCalculator`` allocates it).
/// No check (no warning) when those days are empty, there are no metrics, or the show has too
/// little history to forecast.
public enum IOAvailsCheck {
  public static func warnings(
    _ db: Database, ioID: String, advertiserID: String, showID: String, placement: Placement,
    flight: Flight, rate: IORate, shares: PlacementShares, asOf explicitAsOf: Day? = nil
  ) throws -> [AvailsWarning] {
    guard let asOf = try explicitAsOf ?? AvailsReads.lastMetricsDay(db) else { return [] }
    let from = max(flight.start, asOf.adding(days: 1))
    let through = min(flight.end, asOf.adding(days: ForecastModel.horizonDays))
    guard from <= through else { return [] }
    let report = try CheckAvails.run(
      db,
      .init(
        from: from, through: through, showIDs: [showID], placements: [placement],
        advertiserID: advertiserID, asOf: asOf, shares: shares, excludingIO: ioID))
    guard let row = report.rows.first?.avails, row.hasForecast else { return [] }
    let days = Double(from.days(to: through) + 1)
    let wanted: Int64
    switch rate {
    case .cpm(_, let goal):
      wanted = Int64((Double(goal) * days / Double(flight.dayCount)).rounded())
    case .flat(_, let spots):
      let cadence = Double(row.cycle?.cadenceDays ?? 7)
      wanted = Int64(
        (Double(spots) * cadence / Double(flight.dayCount) * Double(row.inventory)).rounded())
    }
    guard wanted > row.available else { return [] }
    return [
      AvailsWarning(
        ioID: ioID, showID: showID, placement: placement, from: from, through: through,
        wanted: wanted, available: row.available, inventory: row.inventory,
        contending: row.contending, blocked: row.blocked,
        contendingIOs: row.contenders.filter { $0.impressions != 0 }.map(\.ioID),
        blockingIOs: row.holds.map(\.ioID))
    ]
  }

  /// The warnings for a stored IO.
  public static func warnings(
    _ db: Database, io: IOBooking, shares: PlacementShares, asOf: Day? = nil
  ) throws -> [AvailsWarning] {
    try warnings(
      db, ioID: io.ioID, advertiserID: io.advertiserID, showID: io.showID,
      placement: io.placement, flight: io.flight, rate: io.rate, shares: shares, asOf: asOf)
  }
}

extension ManageIOs {
  /// Creates a draft and checks it against the avails; with `strict`, warnings refuse it
  /// (``AvailsError/exceedsAvails(io:warnings:)``) and nothing is written.
  public func create(
    _ request: NewIO, strict: Bool, shares: PlacementShares, now: Date = Date()
  ) async throws -> (String, [AvailsWarning]) {
    try await Pipeline.writeAsync(store) { db in
      let id = try IOService.create(db, request, now: now)
      let warnings = try IOAvailsCheck.warnings(
        db, io: try IOService.booking(db, id), shares: shares)
      if strict, !warnings.isEmpty {
        throw AvailsError.exceedsAvails(io: id, warnings: warnings.map(\.description))
      }
      return (id, warnings)
    }
  }

  /// `draft → scheduled`, then the avails check; with `strict`, warnings refuse it and nothing
  /// changes.
  public func schedule(
    _ ioID: String, allowConflict: Bool, strict: Bool, shares: PlacementShares,
    now: Date = Date()
  ) async throws -> (IOService.ScheduleOutcome, [AvailsWarning]) {
    try await Pipeline.writeAsync(store) { db in
      let outcome = try IOService.schedule(db, ioID, allowConflict: allowConflict, now: now)
      let warnings = try IOAvailsCheck.warnings(
        db, io: try IOService.booking(db, ioID), shares: shares)
      if strict, !warnings.isEmpty {
        throw AvailsError.exceedsAvails(io: ioID, warnings: warnings.map(\.description))
      }
      return (outcome, warnings)
    }
  }
}
