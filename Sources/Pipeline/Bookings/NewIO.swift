/// What `cuesheet io create` asks for: a draft IO line before validation against the store.
///
/// Argument-level checks (flight, money, vanity URL) happen when the parts are built
/// (``Flight/init(parsing:)``, ``IORate/parse(cpm:impressions:flat:spots:)``,
/// ``VanityURL/validate(_:)``); ``IOService/create(_:now:)`` checks the rest against the data.
public struct NewIO: Sendable, Equatable {
  public var campaignID: String
  public var showID: String
  public var placement: Placement
  public var flight: Flight
  public var rate: IORate
  public var adFormat: AdFormat
  public var promoCode: String?
  public var vanityURL: String?
  /// An explicit id; `nil` takes the next `IO-<n>`.
  public var ioID: String?

  public init(
    campaignID: String, showID: String, placement: Placement, flight: Flight, rate: IORate,
    adFormat: AdFormat = .hostRead, promoCode: String? = nil, vanityURL: String? = nil,
    ioID: String? = nil
  ) {
    self.campaignID = campaignID
    self.showID = showID
    self.placement = placement
    self.flight = flight
    self.rate = rate
    self.adFormat = adFormat
    self.promoCode = promoCode
    self.vanityURL = vanityURL
    self.ioID = ioID
  }
}
