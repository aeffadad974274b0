import Store

/// An IO's delivery as of a day: impressions delivered in the flight so far, the goal, and pacing.
///
/// - `delivered`: the show's ad impressions from `flight.start` through `min(flight.end, asOf)`
///   (see ``DeliveryCalculator`` for how sources are combined).
/// - `expected`: `goal × elapsedDays ÷ flightDays`, a straight line over the flight's days, where
///   `elapsedDays` counts the flight days up to and including `asOf` (0 before the flight,
///   `flightDays` after it).
/// - `pacing`: `delivered ÷ expected`; 1.0 is on pace. `nil` without a goal (flat lines) or before
///   the flight starts.
public struct Delivery: Sendable, Equatable {
  public let ioID: String
  public let flight: Flight
  /// The day the figures are as of (included).
  public let asOf: Day
  public let flightDays: Int
  public let elapsedDays: Int
  public let delivered: Int64
  public let goal: Int64?

  public init(
    ioID: String, flight: Flight, asOf: Day, elapsedDays: Int, delivered: Int64, goal: Int64?
  ) {
    self.ioID = ioID
    self.flight = flight
    self.asOf = asOf
    self.flightDays = flight.dayCount
    self.elapsedDays = elapsedDays
    self.delivered = delivered
    self.goal = goal
  }

  /// Impressions expected by `asOf` on a straight line from 0 to the goal; `nil` without a goal.
  public var expected: Double? {
    guard let goal else { return nil }
    return Double(goal) * Double(elapsedDays) / Double(flightDays)
  }

  /// `delivered ÷ expected`, computed as `delivered × flightDays ÷ (goal × elapsedDays)`.
  public var pacing: Double? {
    guard let goal, goal > 0, elapsedDays > 0 else { return nil }
    return Double(delivered) * Double(flightDays) / (Double(goal) * Double(elapsedDays))
  }

  /// `delivered ÷ goal`; `nil` without a goal.
  public var deliveryRatio: Double? {
    guard let goal, goal > 0 else { return nil }
    return Double(delivered) / Double(goal)
  }
}
