import Pipeline
import Store

/// What one show can still sell at one placement over a window, and why.
///
/// `available = inventory − contending − blocked`, each rounded to whole impressions
/// (`contending` is the sum of the rounded allocations, so the contenders add up to it). A
/// negative `available` is an oversold placement; `contenders` names the IOs that take it.
public struct PlacementAvails: Sendable, Equatable {
  /// One contending IO's share of the window.
  public struct Allocation: Sendable, Equatable {
    public let ioID: String
    public let advertiserID: String
    public let status: IOStatus
    /// Impressions the IO takes inside the window.
    public let impressions: Int64
  }

  public let showID: String
  public let placement: Placement
  /// The placement's share of the show's impressions.
  public let share: Double
  /// The forecast's grouping; `nil` with a gap.
  public let cycle: ReleaseCycle?
  /// Set when there is no forecast (then every figure is 0 and means "unknown").
  public let gap: ShowForecast.Gap?
  public let inventory: Int64
  public let contending: Int64
  public let blocked: Int64
  /// Days of the window blocked by competitive separation.
  public let blockedDays: Int
  public let contenders: [Allocation]
  /// The other advertisers' IOs in the asking category that hold the placement in the window.
  public let holds: [SeparationHold]

  public var available: Int64 { inventory - contending - blocked }
  public var hasForecast: Bool { gap == nil }
  public var oversold: Bool { hasForecast && available < 0 }

  public init(
    showID: String, placement: Placement, share: Double, cycle: ReleaseCycle?,
    gap: ShowForecast.Gap?, inventory: Int64, contending: Int64, blocked: Int64, blockedDays: Int,
    contenders: [Allocation], holds: [SeparationHold]
  ) {
    self.showID = showID
    self.placement = placement
    self.share = share
    self.cycle = cycle
    self.gap = gap
    self.inventory = inventory
    self.contending = contending
    self.blocked = blocked
    self.blockedDays = blockedDays
    self.contenders = contenders
    self.holds = holds
  }
}
