import Foundation
import Pipeline
import Store

// The JSON shapes of deals and IOs: the same keys as `cuesheet deals list --json` and
// `cuesheet io show --json`, so scripts can move between the CLI and the API.

/// An IO in `--json` output (snake_case keys; money as exact decimal text and integer cents).
public struct IOJSON: Encodable {
  public let io_id: String
  public let campaign_id: String
  public let advertiser_id: String
  public let show_id: String
  public let placement: String
  public let ad_format: String
  public let flight_start: String
  public let flight_end: String
  public let rate_type: String
  public let rate: String
  public let rate_cents: Int64
  public let impressions_goal: Int64?
  public let spots: Int64?
  public let promo_code: String?
  public let vanity_url: String?
  public let status: String
  public let status_changed_at: String
  public let created_at: String
  /// `io show`: always; `io list`: only when `ENABLE_PACING_ALERTS` is on (absent otherwise).
  public let delivery: DeliveryJSON?
  /// `io list` with `ENABLE_PACING_ALERTS` on: live and pacing under 90%; absent otherwise.
  public let pacing_alert: Bool?

  /// A listed IO: delivery and the alert only when the listing computed them.
  public init(_ row: ListIOs.Row) {
    self.init(row.io, delivery: row.delivery, pacingAlert: row.pacingAlert)
  }

  public init(_ io: IOBooking, delivery: Delivery? = nil, pacingAlert: Bool? = nil) {
    io_id = io.ioID
    campaign_id = io.campaignID
    advertiser_id = io.advertiserID
    show_id = io.showID
    placement = io.placement.rawValue
    ad_format = io.adFormat.rawValue
    flight_start = io.flight.start.description
    flight_end = io.flight.end.description
    rate_type = io.rate.type
    rate = io.rate.amount.decimalString
    rate_cents = io.rate.amount.cents
    impressions_goal = io.rate.impressionsGoal
    spots = io.rate.spots
    promo_code = io.promoCode
    vanity_url = io.vanityURL
    status = io.status.rawValue
    status_changed_at = io.statusChangedAt
    created_at = io.createdAt
    self.delivery = delivery.map(DeliveryJSON.init)
    pacing_alert = pacingAlert
  }

  enum CodingKeys: String, CodingKey {
    case io_id, campaign_id, advertiser_id, show_id, placement, ad_format, flight_start, flight_end
    case rate_type, rate, rate_cents, impressions_goal, spots, promo_code, vanity_url, status
    case status_changed_at, created_at, delivery, pacing_alert
  }

  /// Writes absent optional values as `null` so every IO has the same keys.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(io_id, forKey: .io_id)
    try c.encode(campaign_id, forKey: .campaign_id)
    try c.encode(advertiser_id, forKey: .advertiser_id)
    try c.encode(show_id, forKey: .show_id)
    try c.encode(placement, forKey: .placement)
    try c.encode(ad_format, forKey: .ad_format)
    try c.encode(flight_start, forKey: .flight_start)
    try c.encode(flight_end, forKey: .flight_end)
    try c.encode(rate_type, forKey: .rate_type)
    try c.encode(rate, forKey: .rate)
    try c.encode(rate_cents, forKey: .rate_cents)
    try c.encode(impressions_goal, forKey: .impressions_goal)
    try c.encode(spots, forKey: .spots)
    try c.encode(promo_code, forKey: .promo_code)
    try c.encode(vanity_url, forKey: .vanity_url)
    try c.encode(status, forKey: .status)
    try c.encode(status_changed_at, forKey: .status_changed_at)
    try c.encode(created_at, forKey: .created_at)
    try c.encodeIfPresent(delivery, forKey: .delivery)
    try c.encodeIfPresent(pacing_alert, forKey: .pacing_alert)
  }
}

/// Delivery and pacing in `io show --json`.
public struct DeliveryJSON: Encodable {
  public let as_of: String
  public let flight_days: Int
  public let elapsed_days: Int
  public let delivered_impressions: Int64
  public let impressions_goal: Int64?
  public let expected_impressions: Double?
  public let pacing: Double?
  public let delivery_ratio: Double?

  public init(_ delivery: Delivery) {
    as_of = delivery.asOf.description
    flight_days = delivery.flightDays
    elapsed_days = delivery.elapsedDays
    delivered_impressions = delivery.delivered
    impressions_goal = delivery.goal
    expected_impressions = delivery.expected.map { ($0 * 100).rounded() / 100 }
    pacing = delivery.pacing.map { ($0 * 10_000).rounded() / 10_000 }
    delivery_ratio = delivery.deliveryRatio.map { ($0 * 10_000).rounded() / 10_000 }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(as_of, forKey: .as_of)
    try c.encode(flight_days, forKey: .flight_days)
    try c.encode(elapsed_days, forKey: .elapsed_days)
    try c.encode(delivered_impressions, forKey: .delivered_impressions)
    try c.encode(impressions_goal, forKey: .impressions_goal)
    try c.encode(expected_impressions, forKey: .expected_impressions)
    try c.encode(pacing, forKey: .pacing)
    try c.encode(delivery_ratio, forKey: .delivery_ratio)
  }

  enum CodingKeys: String, CodingKey {
    case as_of, flight_days, elapsed_days, delivered_impressions, impressions_goal
    case expected_impressions, pacing, delivery_ratio
  }
}

/// A deal in `--json` output; money as exact decimal text and as integer cents.
public struct DealJSON: Encodable {
  public let campaign_id: String
  public let name: String
  public let advertiser_id: String
  public let advertiser_name: String
  public let stage: String
  public let stage_changed_at: String
  public let budget: String
  public let budget_cents: Int64
  public let win_probability_percent: Int
  public let weighted_value: String
  public let weighted_value_cents: Int64
  public let starts_on: String
  public let ends_on: String

  public init(_ deal: Deal) {
    campaign_id = deal.campaignID
    name = deal.name
    advertiser_id = deal.advertiserID
    advertiser_name = deal.advertiserName
    stage = deal.stage.rawValue
    stage_changed_at = deal.stageChangedAt
    budget = deal.budget.decimalString
    budget_cents = deal.budget.cents
    win_probability_percent = deal.winProbabilityPercent
    weighted_value = deal.weightedValue.decimalString
    weighted_value_cents = deal.weightedValue.cents
    starts_on = deal.startsOn
    ends_on = deal.endsOn
  }
}

/// A stage change in `--json` output.
public struct StageChangeJSON: Encodable {
  public let event_id: Int64
  public let occurred_at: String
  public let campaign_id: String
  public let from: String
  public let to: String
  public let reason: String?

  public init(_ change: StageChange) {
    event_id = change.eventID
    occurred_at = change.occurredAt
    campaign_id = change.campaignID
    from = change.from.rawValue
    to = change.to.rawValue
    reason = change.reason
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(event_id, forKey: .event_id)
    try container.encode(occurred_at, forKey: .occurred_at)
    try container.encode(campaign_id, forKey: .campaign_id)
    try container.encode(from, forKey: .from)
    try container.encode(to, forKey: .to)
    try container.encode(reason, forKey: .reason)  // null when there is none
  }

  enum CodingKeys: String, CodingKey {
    case event_id, occurred_at, campaign_id, from, to, reason
  }
}
