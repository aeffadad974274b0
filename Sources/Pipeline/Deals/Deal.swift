import Store

/// A campaign seen as a deal in the pipeline, with its win probability and weighted value.
public struct Deal: Sendable, Equatable {
  public let campaignID: String
  public let name: String
  public let advertiserID: String
  public let advertiserName: String
  public let stage: DealStage
  /// When the stage last changed (ISO 8601 UTC).
  public let stageChangedAt: String
  public let budget: Money
  public let startsOn: String
  public let endsOn: String

  public init(
    campaignID: String, name: String, advertiserID: String, advertiserName: String,
    stage: DealStage, stageChangedAt: String, budget: Money, startsOn: String, endsOn: String
  ) {
    self.campaignID = campaignID
    self.name = name
    self.advertiserID = advertiserID
    self.advertiserName = advertiserName
    self.stage = stage
    self.stageChangedAt = stageChangedAt
    self.budget = budget
    self.startsOn = startsOn
    self.endsOn = endsOn
  }

  /// The stage's default win probability in whole percent.
  public var winProbabilityPercent: Int { stage.winProbabilityPercent }

  /// Budget × win probability, exact: computed in integer cents and rounded half up to the cent.
  public var weightedValue: Money {
    Deal.weighted(budget, percent: winProbabilityPercent)
  }

  /// `amount × percent / 100` in integer arithmetic, rounded half away from zero to the cent.
  public static func weighted(_ amount: Money, percent: Int) -> Money {
    let product = amount.cents * Int64(percent)
    let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 100)
    let roundAway = remainder.magnitude * 2 >= 100
    return Money(cents: quotient + (roundAway ? (product < 0 ? -1 : 1) : 0))
  }
}

/// One stage change of a deal, read back from the `deal.stage_changed` events.
public struct StageChange: Sendable, Equatable {
  /// The event's id (the log's order).
  public let eventID: Int64
  /// When it happened (ISO 8601 UTC).
  public let occurredAt: String
  public let campaignID: String
  public let from: DealStage
  public let to: DealStage
  public let reason: String?

  public init(
    eventID: Int64, occurredAt: String, campaignID: String, from: DealStage, to: DealStage,
    reason: String?
  ) {
    self.eventID = eventID
    self.occurredAt = occurredAt
    self.campaignID = campaignID
    self.from = from
    self.to = to
    self.reason = reason
  }
}
