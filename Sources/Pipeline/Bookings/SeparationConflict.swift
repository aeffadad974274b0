/// Another advertiser's booked IO (scheduled, live or completed) that competes with one being
/// scheduled: same show, same placement, overlapping flight, and an advertiser in the same category.
public struct SeparationConflict: Sendable, Hashable {
  public let ioID: String
  public let advertiserID: String
  /// The category both advertisers share (`advertisers.category`).
  public let category: String
  public let showID: String
  public let placement: Placement
  public let flight: Flight
  public let status: IOStatus

  public init(
    ioID: String, advertiserID: String, category: String, showID: String, placement: Placement,
    flight: Flight, status: IOStatus
  ) {
    self.ioID = ioID
    self.advertiserID = advertiserID
    self.category = category
    self.showID = showID
    self.placement = placement
    self.flight = flight
    self.status = status
  }

  /// `IO-1001 (advertiser ADV-2, category auto, mid on show S-1, 2026-12-01..2026-12-31, scheduled)`.
  public var summary: String {
    "\(ioID) (advertiser \(advertiserID), category \(category), \(placement) on show \(showID), \(flight), \(status))"
  }
}
