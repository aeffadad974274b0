import Avails
import Foundation
import Pipeline
import Store

// The JSON shapes of `cuesheet avails --json` and `GET /api/v1/avails`, and of the backtest
// (docs/openapi.yaml: Avails, AvailsBacktest). Absent values are written as null so every row has
// the same keys. Names are Swift's; the one encoder (`JSONKeys`) writes them in snake_case
// (`advertiserID` → `advertiser_id`, `contendingIos` → `contending_ios`).

/// An avails report.
public struct AvailsJSON: Encodable {
  let report: CheckAvails.Report

  public init(_ report: CheckAvails.Report) { self.report = report }

  enum Keys: String, CodingKey {
    case asOf, from, to, advertiserID, category, impressions, rows, totals, plan
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(report.asOf.description, forKey: .asOf)
    try c.encode(report.from.description, forKey: .from)
    try c.encode(report.through.description, forKey: .to)
    try c.encode(report.advertiserID, forKey: .advertiserID)
    try c.encode(report.category, forKey: .category)
    try c.encode(report.impressions, forKey: .impressions)
    try c.encode(report.rows.map(AvailsRowJSON.init), forKey: .rows)
    try c.encode(AvailsTotalsJSON(report.rows.map(\.avails)), forKey: .totals)
    try c.encode(report.plan.map(AvailsPlanJSON.init), forKey: .plan)
  }
}

/// One show and placement.
struct AvailsRowJSON: Encodable {
  let row: CheckAvails.Row
  init(_ row: CheckAvails.Row) { self.row = row }

  enum Keys: String, CodingKey {
    case showID, showName, placement, share, status, model, cadenceDays, historyDays
    case inventory, contending, blocked, blockedDays, available, oversold, fits
    case matchScore, matchRank, contendingIos, blockingIos
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    let avails = row.avails
    try c.encode(avails.showID, forKey: .showID)
    try c.encode(row.showName, forKey: .showName)
    try c.encode(avails.placement.rawValue, forKey: .placement)
    try c.encode(avails.share, forKey: .share)
    let known = avails.hasForecast
    switch avails.gap {
    case .insufficientHistory(_, let days, _):
      try c.encode("insufficient_history", forKey: .status)
      try c.encode(days, forKey: .historyDays)
    case nil:
      try c.encode("ok", forKey: .status)
      try c.encode(nil as Int?, forKey: .historyDays)
    }
    try c.encode(avails.cycle?.description, forKey: .model)
    try c.encode(avails.cycle?.cadenceDays, forKey: .cadenceDays)
    try c.encode(known ? avails.inventory : nil, forKey: .inventory)
    try c.encode(known ? avails.contending : nil, forKey: .contending)
    try c.encode(known ? avails.blocked : nil, forKey: .blocked)
    try c.encode(avails.blockedDays, forKey: .blockedDays)
    try c.encode(known ? avails.available : nil, forKey: .available)
    try c.encode(avails.oversold, forKey: .oversold)
    try c.encode(row.fits, forKey: .fits)
    try c.encode(row.matchScore, forKey: .matchScore)
    try c.encode(row.matchRank, forKey: .matchRank)
    try c.encode(
      avails.contenders.map {
        ContenderJSON(
          ioID: $0.ioID, advertiserID: $0.advertiserID, status: $0.status.rawValue,
          impressions: known ? $0.impressions : nil)
      }, forKey: .contendingIos)
    try c.encode(
      avails.holds.map {
        HoldJSON(
          ioID: $0.ioID, advertiserID: $0.advertiserID, category: $0.category,
          status: $0.status.rawValue, flightStart: $0.flight.start.description,
          flightEnd: $0.flight.end.description)
      }, forKey: .blockingIos)
  }

  /// A contending IO; `impressions` is null (not left out) when the row has no forecast.
  struct ContenderJSON: Encodable {
    let ioID: String
    let advertiserID: String
    let status: String
    let impressions: Int64?

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(ioID, forKey: .ioID)
      try c.encode(advertiserID, forKey: .advertiserID)
      try c.encode(status, forKey: .status)
      try c.encode(impressions, forKey: .impressions)
    }

    enum CodingKeys: String, CodingKey { case ioID, advertiserID, status, impressions }
  }

  struct HoldJSON: Encodable {
    let ioID: String
    let advertiserID: String
    let category: String
    let status: String
    let flightStart: String
    let flightEnd: String
  }
}

/// Sums over the rows that have a forecast.
struct AvailsTotalsJSON: Encodable {
  let inventory: Int64
  let contending: Int64
  let blocked: Int64
  let available: Int64
  let rowsWithoutForecast: Int

  init(_ rows: [PlacementAvails]) {
    let known = rows.filter(\.hasForecast)
    inventory = known.reduce(0) { $0 + $1.inventory }
    contending = known.reduce(0) { $0 + $1.contending }
    blocked = known.reduce(0) { $0 + $1.blocked }
    available = known.reduce(0) { $0 + $1.available }
    rowsWithoutForecast = rows.count - known.count
  }
}

/// The greedy plan.
struct AvailsPlanJSON: Encodable {
  let requested: Int64
  let planned: Int64
  let shortfall: Int64
  let filled: Bool
  let lines: [Line]

  struct Line: Encodable {
    let showID: String
    let placement: String
    let impressions: Int64
  }

  init(_ plan: AvailsPlan) {
    requested = plan.requested
    planned = plan.planned
    shortfall = plan.shortfall
    filled = plan.filled
    lines = plan.lines.map {
      Line(showID: $0.showID, placement: $0.placement.rawValue, impressions: $0.impressions)
    }
  }
}

/// A backtest: the summary figures and each show-week.
public struct BacktestJSON: Encodable {
  let asOf: String
  let weeks: Int
  let modelMAPE: Double?
  let baselineMAPE: Double?
  let modelBias: Double?
  let baselineBias: Double?
  let showWeeks: Int
  let zeroWeeks: Int
  let skippedShows: [String]
  let rows: [Row]

  struct Row: Encodable {
    let showID: String
    let week: Int
    let start: String
    let actual: Int64
    let forecast: Int64
    let baseline: Int64
  }

  public init(_ result: BacktestResult) {
    func round4(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
    asOf = result.asOf.description
    weeks = result.weeks
    modelMAPE = round4(result.modelMAPE)
    baselineMAPE = round4(result.baselineMAPE)
    modelBias = round4(result.modelBias)
    baselineBias = round4(result.baselineBias)
    showWeeks = result.rows.count
    zeroWeeks = result.zeroWeeks
    skippedShows = result.skippedShows
    rows = result.rows.map {
      Row(
        showID: $0.showID, week: $0.week, start: $0.start.description, actual: $0.actual,
        forecast: Int64($0.forecast.rounded()), baseline: Int64($0.baseline.rounded()))
    }
  }

  enum CodingKeys: String, CodingKey {
    case asOf, weeks, modelMAPE, baselineMAPE, modelBias, baselineBias, showWeeks, zeroWeeks
    case skippedShows, rows
  }

  /// Absent figures are written as null, not left out.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(asOf, forKey: .asOf)
    try c.encode(weeks, forKey: .weeks)
    try c.encode(modelMAPE, forKey: .modelMAPE)
    try c.encode(baselineMAPE, forKey: .baselineMAPE)
    try c.encode(modelBias, forKey: .modelBias)
    try c.encode(baselineBias, forKey: .baselineBias)
    try c.encode(showWeeks, forKey: .showWeeks)
    try c.encode(zeroWeeks, forKey: .zeroWeeks)
    try c.encode(skippedShows, forKey: .skippedShows)
    try c.encode(rows, forKey: .rows)
  }
}

/// An avails warning of `io create` / `io schedule` (CLI `--json` and the API).
public struct AvailsWarningJSON: Encodable {
  let ioID: String
  let showID: String
  let placement: String
  let from: String
  let to: String
  let wanted: Int64
  let available: Int64
  let inventory: Int64
  let contending: Int64
  let blocked: Int64
  let contendingIos: [String]
  let blockingIos: [String]
  let message: String

  public init(_ warning: AvailsWarning) {
    ioID = warning.ioID
    showID = warning.showID
    placement = warning.placement.rawValue
    from = warning.from.description
    to = warning.through.description
    wanted = warning.wanted
    available = warning.available
    inventory = warning.inventory
    contending = warning.contending
    blocked = warning.blocked
    contendingIos = warning.contendingIOs
    blockingIos = warning.blockingIOs
    message = warning.description
  }
}

/// `io create --json` and `POST /api/v1/io`: the IO and its avails warnings.
public struct CreatedIOJSON: Encodable {
  let io: IOJSON
  let warnings: [AvailsWarningJSON]

  public init(_ io: IOBooking, warnings: [AvailsWarning]) {
    self.io = IOJSON(io)
    self.warnings = warnings.map(AvailsWarningJSON.init)
  }

  public func encode(to encoder: Encoder) throws {
    try io.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(warnings, forKey: .warnings)
  }

  enum CodingKeys: String, CodingKey { case warnings }
}

/// `io schedule --json` and `POST /api/v1/io/{id}/{action}`: the IO after the action, the
/// separation conflicts it overrode and its avails warnings (empty except when scheduling).
public struct IOActionJSON: Encodable {
  public let io: IOJSON
  public let overriddenConflicts: [String]
  public let warnings: [AvailsWarningJSON]

  public init(io: IOJSON, overriddenConflicts: [String], warnings: [AvailsWarningJSON]) {
    self.io = io
    self.overriddenConflicts = overriddenConflicts
    self.warnings = warnings
  }
}
