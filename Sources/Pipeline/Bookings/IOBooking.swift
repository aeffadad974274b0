import GRDB
import Store

/// One insertion-order line as stored in `io_bookings`, with its campaign's advertiser.
public struct IOBooking: Sendable, Equatable {
  public let ioID: String
  public let campaignID: String
  public let advertiserID: String
  public let showID: String
  public let placement: Placement
  public let adFormat: AdFormat
  public let flight: Flight
  public let rate: IORate
  public let promoCode: String?
  public let vanityURL: String?
  public let status: IOStatus
  /// When the status last changed (ISO 8601 UTC).
  public let statusChangedAt: String
  public let createdAt: String

  /// The columns ``init(row:)`` reads, for `SELECT \(IOBooking.selection) FROM io_bookings io …`.
  static let selection = """
    io.io_id, io.campaign_id, c.advertiser_id, io.show_id, io.placement, io.ad_format, io.spots,
    io.flight_start, io.flight_end, io.rate_type, io.rate_cents, io.impressions_goal, io.promo_code,
    io.vanity_url, io.status, io.status_changed_at, io.created_at
    """

  /// The join that ``selection`` needs.
  static let from = "io_bookings io JOIN campaigns c ON c.campaign_id = io.campaign_id"

  init(row: Row) throws {
    ioID = row["io_id"]
    func corrupt(_ column: String) -> PipelineError {
      .invalidArgument("IO \(row["io_id"] as String) has an unreadable \(column); check the row.")
    }
    campaignID = row["campaign_id"]
    advertiserID = row["advertiser_id"]
    showID = row["show_id"]
    guard let placement = Placement(rawValue: row["placement"]) else { throw corrupt("placement") }
    self.placement = placement
    guard let adFormat = AdFormat(rawValue: row["ad_format"]) else { throw corrupt("ad_format") }
    self.adFormat = adFormat
    guard let start = Day(parsing: row["flight_start"]), let end = Day(parsing: row["flight_end"]),
      let flight = Flight(start: start, end: end)
    else { throw corrupt("flight") }
    self.flight = flight
    let amount = Money(cents: row["rate_cents"])
    if (row["rate_type"] as String) == "cpm" {
      rate = .cpm(amount, impressions: row["impressions_goal"] ?? 0)
    } else {
      rate = .flat(amount, spots: row["spots"] ?? 0)
    }
    promoCode = row["promo_code"]
    vanityURL = row["vanity_url"]
    guard let status = IOStatus(rawValue: row["status"]) else { throw corrupt("status") }
    self.status = status
    statusChangedAt = row["status_changed_at"]
    createdAt = row["created_at"]
  }
}
