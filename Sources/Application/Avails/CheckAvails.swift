import Avails
import Foundation
import GRDB
import Pipeline
import Store

/// What each show can still sell in a window: `cuesheet avails` and `GET /api/v1/avails`.
///
/// Forecast (``ForecastModel``) × placement share (``PlacementShares``) − contending scheduled and
/// live IOs − what competitive separation blocks for the asking category
/// (``AvailsCalculator``). With an advertiser, rows are ranked by its match score and the
/// category is the advertiser's; with an impressions request, a greedy plan (``AvailsPlan``)
/// fills it from the advertiser's matched shows, best match first (without an advertiser: from
/// every show, most available first).
public struct CheckAvails: Sendable {
  public struct Request: Sendable, Equatable {
    public var from: Day
    public var through: Day
    /// Only these shows (all when empty).
    public var showIDs: [String]
    /// Only these placements (all when empty).
    public var placements: [Placement]
    public var advertiserID: String?
    public var category: String?
    /// The impressions the buyer wants; adds `fits` to each row and a plan.
    public var impressions: Int64?
    /// The last day of history (default: the last day with metrics).
    public var asOf: Day?
    /// The placement shares (default ``PlacementShares/standard``).
    public var shares: PlacementShares
    /// An IO left out of the contending ones (the IO being checked).
    public var excludingIO: String?

    public init(
      from: Day, through: Day, showIDs: [String] = [], placements: [Placement] = [],
      advertiserID: String? = nil, category: String? = nil, impressions: Int64? = nil,
      asOf: Day? = nil, shares: PlacementShares = .standard, excludingIO: String? = nil
    ) {
      self.from = from
      self.through = through
      self.showIDs = showIDs
      self.placements = placements
      self.advertiserID = advertiserID
      self.category = category
      self.impressions = impressions
      self.asOf = asOf
      self.shares = shares
      self.excludingIO = excludingIO
    }
  }

  /// One show and placement with its match score and whether the request fits.
  public struct Row: Sendable, Equatable {
    public let avails: PlacementAvails
    public let showName: String
    public let matchScore: Double?
    public let matchRank: Int?
    /// `available ≥ impressions`; `nil` without an impressions request or a forecast.
    public let fits: Bool?
  }

  /// The answer.
  public struct Report: Sendable, Equatable {
    public let asOf: Day
    public let from: Day
    public let through: Day
    public let advertiserID: String?
    /// The category separation was checked for (`nil`: none).
    public let category: String?
    public let impressions: Int64?
    public let rows: [Row]
    public let plan: AvailsPlan?
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func run(_ request: Request) async throws -> Report {
    try await store.writer.read { db in try Self.run(db, request) }
  }

  /// The use case inside a read transaction.
  public static func run(_ db: Database, _ request: Request) throws -> Report {
    if request.advertiserID != nil, request.category != nil {
      throw AvailsError.invalidRequest(
        "Give an advertiser or a category, not both: an advertiser brings its own category.")
    }
    if let impressions = request.impressions, impressions < 1 {
      throw AvailsError.invalidRequest(
        "The impressions wanted must be at least 1, got \(impressions).")
    }
    guard request.from <= request.through else {
      throw AvailsError.invalidRequest(
        "The window ends (\(request.through)) before it starts (\(request.from)); put the earlier day first."
      )
    }
    guard let asOf = try request.asOf ?? AvailsReads.lastMetricsDay(db) else {
      throw AvailsError.noMetrics
    }
    try Self.checkWindow(from: request.from, through: request.through, asOf: asOf)
    let shows = try AvailsReads.shows(db, only: request.showIDs)
    let category: String?
    var scores: [String: (Double, Int)] = [:]
    if let advertiser = request.advertiserID {
      category = try AvailsReads.category(db, advertiserID: advertiser)
      scores = try AvailsReads.scores(db, advertiserID: advertiser)
    } else {
      category = request.category
    }
    let ids = shows.map(\.id)
    let histories = try AvailsReads.histories(
      db, showIDs: ids, from: asOf.adding(days: -(ForecastModel.windowDays - 1)), through: asOf)
    let contending = try AvailsReads.contending(
      db, showIDs: Set(ids), from: request.from, through: request.through, asOf: asOf,
      excluding: request.excludingIO)
    let holds =
      try category.map {
        try AvailsReads.holds(
          db, category: $0, advertiserID: request.advertiserID, from: request.from,
          through: request.through)
      } ?? []
    let placements = request.placements.isEmpty ? Placement.allCases : request.placements
    let window = AvailsCalculator.Window(asOf: asOf, from: request.from, through: request.through)
    let contendingByShow = Dictionary(grouping: contending, by: \.showID)
    let holdsByShow = Dictionary(grouping: holds, by: \.showID)
    var rows: [Row] = []
    for show in shows {
      guard let history = histories[show.id] else { continue }
      let forecast = ForecastModel.forecast(
        history, asOf: asOf, from: request.from, through: request.through)
      for placement in placements {
        let avails = AvailsCalculator.avails(
          forecast: forecast, placement: placement,
          share: request.shares.share(placement, show: show.id), window: window,
          contending: contendingByShow[show.id] ?? [], holds: holdsByShow[show.id] ?? [])
        let score = scores[show.id]
        rows.append(
          Row(
            avails: avails, showName: show.name, matchScore: score?.0, matchRank: score?.1,
            fits: request.impressions.flatMap { wanted in
              avails.hasForecast ? avails.available >= wanted : nil
            }))
      }
    }
    if request.advertiserID != nil {
      // Best match first; unmatched shows after, in show order (the sort keeps placements).
      rows = rows.enumerated().sorted { lhs, rhs in
        let left = lhs.element.matchRank ?? Int.max
        let right = rhs.element.matchRank ?? Int.max
        return left != right ? left < right : lhs.offset < rhs.offset
      }.map(\.element)
    }
    let plan = request.impressions.map { wanted in
      let order =
        request.advertiserID != nil
        ? rows.filter { $0.matchRank != nil }.map(\.avails)
        : rows.map(\.avails).enumerated().sorted { lhs, rhs in
          lhs.element.available != rhs.element.available
            ? lhs.element.available > rhs.element.available : lhs.offset < rhs.offset
        }.map(\.element)
      return AvailsPlan.greedy(requested: wanted, over: order)
    }
    return Report(
      asOf: asOf, from: request.from, through: request.through,
      advertiserID: request.advertiserID, category: category, impressions: request.impressions,
      rows: rows, plan: plan)
  }

  /// The window must lie after the as-of day and within the horizon.
  static func checkWindow(from: Day, through: Day, asOf: Day) throws {
    guard from > asOf else {
      throw AvailsError.invalidRequest(
        "The window must start after the forecast's as-of day \(asOf) (the last day with metrics); start it on \(asOf.adding(days: 1)) or later."
      )
    }
    let horizon = asOf.adding(days: ForecastModel.horizonDays)
    guard through <= horizon else {
      throw AvailsError.invalidRequest(
        "Forecasts reach 12 weeks past the as-of day \(asOf), to \(horizon); end the window by then."
      )
    }
  }
}
