import Foundation
import Pipeline
import Store

/// Text forms of IO values for the `io` commands.
enum IOText {
  /// `CPM $25.00` or `flat $1,500.00`.
  static func rate(_ rate: IORate) -> String {
    switch rate {
    case .cpm(let amount, _): "CPM \(amount.formatted())"
    case .flat(let amount, _): "flat \(amount.formatted())"
    }
  }

  /// `100,000 imp` or `4 spots`.
  static func volume(_ rate: IORate) -> String {
    switch rate {
    case .cpm(_, let impressions): "\(count(impressions)) imp"
    case .flat(_, let spots): "\(spots) spot\(spots == 1 ? "" : "s")"
    }
  }

  /// `1,234,567`.
  static func count(_ value: Int64) -> String {
    var digits = String(value.magnitude)
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    return (value < 0 ? "-" : "") + digits + grouped
  }

  /// `95.0%`.
  static func percent(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }

  /// `io show`: one field per line, then the delivery.
  static func details(_ io: IOBooking, delivery: Delivery) -> String {
    var lines: [(String, String)] = [
      ("io", io.ioID), ("status", "\(io.status) (since \(io.statusChangedAt))"),
      ("campaign", io.campaignID), ("advertiser", io.advertiserID), ("show", io.showID),
      ("placement", io.placement.rawValue), ("ad format", io.adFormat.argument),
      ("flight", "\(io.flight) (\(io.flight.dayCount) days)"), ("rate", rate(io.rate)),
    ]
    switch io.rate {
    case .cpm(_, let goal): lines.append(("goal", "\(count(goal)) impressions"))
    case .flat(_, let spots): lines.append(("spots", String(spots)))
    }
    if let code = io.promoCode { lines.append(("promo code", code)) }
    if let url = io.vanityURL { lines.append(("vanity url", url)) }
    lines.append(
      ("as of", "\(delivery.asOf) (day \(delivery.elapsedDays) of \(delivery.flightDays))"))
    lines.append(("delivered", "\(count(delivery.delivered)) impressions"))
    if let expected = delivery.expected {
      lines.append(
        ("expected", "\(count(Int64(expected.rounded()))) impressions by \(delivery.asOf)"))
    }
    lines.append(("pacing", delivery.pacing.map(percent) ?? "n/a"))
    let width = lines.map(\.0.count).max() ?? 0
    return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
      .joined(separator: "\n")
  }
}

/// An IO in `--json` output (snake_case keys; money as exact decimal text and integer cents).
struct IOJSON: Encodable {
  let io_id: String
  let campaign_id: String
  let advertiser_id: String
  let show_id: String
  let placement: String
  let ad_format: String
  let flight_start: String
  let flight_end: String
  let rate_type: String
  let rate: String
  let rate_cents: Int64
  let impressions_goal: Int64?
  let spots: Int64?
  let promo_code: String?
  let vanity_url: String?
  let status: String
  let status_changed_at: String
  let created_at: String
  let delivery: DeliveryJSON?

  init(_ io: IOBooking, delivery: Delivery? = nil) {
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
  }

  enum CodingKeys: String, CodingKey {
    case io_id, campaign_id, advertiser_id, show_id, placement, ad_format, flight_start, flight_end
    case rate_type, rate, rate_cents, impressions_goal, spots, promo_code, vanity_url, status
    case status_changed_at, created_at, delivery
  }

  /// Writes absent optional values as `null` so every IO has the same keys.
  func encode(to encoder: Encoder) throws {
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
  }
}

/// Delivery and pacing in `io show --json`.
struct DeliveryJSON: Encodable {
  let as_of: String
  let flight_days: Int
  let elapsed_days: Int
  let delivered_impressions: Int64
  let impressions_goal: Int64?
  let expected_impressions: Double?
  let pacing: Double?
  let delivery_ratio: Double?

  init(_ delivery: Delivery) {
    as_of = delivery.asOf.description
    flight_days = delivery.flightDays
    elapsed_days = delivery.elapsedDays
    delivered_impressions = delivery.delivered
    impressions_goal = delivery.goal
    expected_impressions = delivery.expected.map { ($0 * 100).rounded() / 100 }
    pacing = delivery.pacing.map { ($0 * 10_000).rounded() / 10_000 }
    delivery_ratio = delivery.deliveryRatio.map { ($0 * 10_000).rounded() / 10_000 }
  }

  func encode(to encoder: Encoder) throws {
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
