import Avails
import Foundation
import Pipeline
import Store

// The JSON shapes of `cuesheet avails --json` and `GET /api/v1/avails`, and of the backtest
// (docs/openapi.yaml: Avails, AvailsBacktest). Absent values are written as null so every row has
// the same keys.

/// An avails report.
public struct AvailsJSON: Encodable {
  let report: CheckAvails.Report

  public init(_ report: CheckAvails.Report) { self.report = report }

  enum Keys: String, CodingKey {
    case as_of, from, to, advertiser_id, category, impressions, rows, totals, plan
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    try c.encode(report.asOf.description, forKey: .as_of)
    try c.encode(report.from.description, forKey: .from)
    try c.encode(report.through.description, forKey: .to)
    try c.encode(report.advertiserID, forKey: .advertiser_id)
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
    case show_id, show_name, placement, share, status, model, cadence_days, history_days
    case inventory, contending, blocked, blocked_days, available, oversold, fits
    case match_score, match_rank, contending_ios, blocking_ios
  }

  func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Keys.self)
    let avails = row.avails
    try c.encode(avails.showID, forKey: .show_id)
    try c.encode(row.showName, forKey: .show_name)
    try c.encode(avails.placement.rawValue, forKey: .placement)
    try c.encode(avails.share, forKey: .share)
    let known = avails.hasForecast
    switch avails.gap {
    case .insufficientHistory(_, let days, _):
      try c.encode("insufficient_history", forKey: .status)
      try c.encode(days, forKey: .history_days)
    case nil:
      try c.encode("ok", forKey: .status)
      try c.encode(nil as Int?, forKey: .history_days)
    }
    try c.encode(avails.cycle?.description, forKey: .model)
    try c.encode(avails.cycle?.cadenceDays, forKey: .cadence_days)
    try c.encode(known ? avails.inventory : nil, forKey: .inventory)
    try c.encode(known ? avails.contending : nil, forKey: .contending)
    try c.encode(known ? avails.blocked : nil, forKey: .blocked)
    try c.encode(avails.blockedDays, forKey: .blocked_days)
    try c.encode(known ? avails.available : nil, forKey: .available)
    try c.encode(avails.oversold, forKey: .oversold)
    try c.encode(row.fits, forKey: .fits)
    try c.encode(row.matchScore, forKey: .match_score)
    try c.encode(row.matchRank, forKey: .match_rank)
    try c.encode(
      avails.contenders.map {
        ContenderJSON(
          io_id: $0.ioID, advertiser_id: $0.advertiserID, status: $0.status.rawValue,
          impressions: known ? $0.impressions : nil)
      }, forKey: .contending_ios)
    try c.encode(
      avails.holds.map {
        HoldJSON(
          io_id: $0.ioID, advertiser_id: $0.advertiserID, category: $0.category,
          status: $0.status.rawValue, flight_start: $0.flight.start.description,
          flight_end: $0.flight.end.description)
      }, forKey: .blocking_ios)
  }

  struct ContenderJSON: Encodable {
    let io_id: String
    let advertiser_id: String
    let status: String
    let impressions: Int64?

    func encode(to encoder: Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(io_id, forKey: .io_id)
      try c.encode(advertiser_id, forKey: .advertiser_id)
      try c.encode(status, forKey: .status)
      try c.encode(impressions, forKey: .impressions)
    }

    enum CodingKeys: String, CodingKey { case io_id, advertiser_id, status, impressions }
  }

  struct HoldJSON: Encodable {
    let io_id: String
    let advertiser_id: String
    let category: String
    let status: String
    let flight_start: String
    let flight_end: String
  }
}

/// Sums over the rows that have a forecast.
struct AvailsTotalsJSON: Encodable {
  let inventory: Int64
  let contending: Int64
  let blocked: Int64
  let available: Int64
  let rows_without_forecast: Int

  init(_ rows: [PlacementAvails]) {
    let known = rows.filter(\.hasForecast)
    inventory = known.reduce(0) { $0 + $1.inventory }
    contending = known.reduce(0) { $0 + $1.contending }
    blocked = known.reduce(0) { $0 + $1.blocked }
    available = known.reduce(0) { $0 + $1.available }
    rows_without_forecast = rows.count - known.count
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
    let show_id: String
    let placement: String
    let impressions: Int64
  }

  init(_ plan: AvailsPlan) {
    requested = plan.requested
    planned = plan.planned
    shortfall = plan.shortfall
    filled = plan.filled
    lines = plan.lines.map {
      Line(show_id: $0.showID, placement: $0.placement.rawValue, impressions: $0.impressions)
    }
  }
}

/// A backtest: the summary figures and each show-week.
public struct BacktestJSON: Encodable {
  let as_of: String
  let weeks: Int
  let model_mape: Double?
  let baseline_mape: Double?
  let model_bias: Double?
  let baseline_bias: Double?
  let show_weeks: Int
  let zero_weeks: Int
  let skipped_shows: [String]
  let rows: [Row]

  struct Row: Encodable {
    let show_id: String
    let week: Int
    let start: String
    let actual: Int64
    let forecast: Int64
    let baseline: Int64
  }

  public init(_ result: BacktestResult) {
    func round4(_ value: Double?) -> Double? { value.map { ($0 * 10_000).rounded() / 10_000 } }
    as_of = result.asOf.description
    weeks = result.weeks
    model_mape = round4(result.modelMAPE)
    baseline_mape = round4(result.baselineMAPE)
    model_bias = round4(result.modelBias)
    baseline_bias = round4(result.baselineBias)
    show_weeks = result.rows.count
    zero_weeks = result.zeroWeeks
    skipped_shows = result.skippedShows
    rows = result.rows.map {
      Row(
        show_id: $0.showID, week: $0.week, start: $0.start.description, actual: $0.actual,
        forecast: Int64($0.forecast.rounded()), baseline: Int64($0.baseline.rounded()))
    }
  }

  enum CodingKeys: String, CodingKey {
    case as_of, weeks, model_mape, baseline_mape, model_bias, baseline_bias, show_weeks
    case zero_weeks, skipped_shows, rows
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(as_of, forKey: .as_of)
    try c.encode(weeks, forKey: .weeks)
    try c.encode(model_mape, forKey: .model_mape)
    try c.encode(baseline_mape, forKey: .baseline_mape)
    try c.encode(model_bias, forKey: .model_bias)
    try c.encode(baseline_bias, forKey: .baseline_bias)
    try c.encode(show_weeks, forKey: .show_weeks)
    try c.encode(zero_weeks, forKey: .zero_weeks)
    try c.encode(skipped_shows, forKey: .skipped_shows)
    try c.encode(rows, forKey: .rows)
  }
}

/// An avails warning of `io create` / `io schedule` (CLI `--json` and the API).
public struct AvailsWarningJSON: Encodable {
  let io_id: String
  let show_id: String
  let placement: String
  let from: String
  let to: String
  let wanted: Int64
  let available: Int64
  let inventory: Int64
  let contending: Int64
  let blocked: Int64
  let contending_ios: [String]
  let blocking_ios: [String]
  let message: String

  public init(_ warning: AvailsWarning) {
    io_id = warning.ioID
    show_id = warning.showID
    placement = warning.placement.rawValue
    from = warning.from.description
    to = warning.through.description
    wanted = warning.wanted
    available = warning.available
    inventory = warning.inventory
    contending = warning.contending
    blocked = warning.blocked
    contending_ios = warning.contendingIOs
    blocking_ios = warning.blockingIOs
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
  public let overridden_conflicts: [String]
  public let warnings: [AvailsWarningJSON]

  public init(io: IOJSON, overridden_conflicts: [String], warnings: [AvailsWarningJSON]) {
    self.io = io
    self.overridden_conflicts = overridden_conflicts
    self.warnings = warnings
  }
}
