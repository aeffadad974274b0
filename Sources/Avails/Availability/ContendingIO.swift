import Pipeline
import Store

/// A scheduled or live IO that takes inventory from its show and placement over its flight.
public struct ContendingIO: Sendable, Equatable {
  /// What the IO still needs.
  public enum Goal: Sendable, Equatable {
    /// A CPM line: its impressions goal and what it has delivered as of the as-of day.
    case cpm(goal: Int64, delivered: Int64)
    /// A flat line: its number of spots.
    case flat(spots: Int64)
  }

  public let ioID: String
  public let advertiserID: String
  public let showID: String
  public let placement: Placement
  public let flight: Flight
  public let status: IOStatus
  public let goal: Goal

  public init(
    ioID: String, advertiserID: String, showID: String, placement: Placement, flight: Flight,
    status: IOStatus, goal: Goal
  ) {
    self.ioID = ioID
    self.advertiserID = advertiserID
    self.showID = showID
    self.placement = placement
    self.flight = flight
    self.status = status
    self.goal = goal
  }
}

/// A booked IO (scheduled, live or completed) of another advertiser in the asking advertiser's
/// category: competitive separation keeps the asking advertiser out of its show and placement on
/// the days of its flight.
public typealias SeparationHold = SeparationConflict
