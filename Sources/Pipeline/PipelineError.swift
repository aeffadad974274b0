import Store

/// Why a pipeline command was refused; each description is one sentence naming the fix.
///
/// ``isUsage`` separates malformed arguments (exit 2) from valid requests the data refuses
/// (unknown ids, refused transitions, conflicts: exit 65).
public enum PipelineError: Error, Equatable, CustomStringConvertible {
  /// No campaign with this id.
  case campaignNotFound(String)
  /// No advertiser with this id.
  case advertiserNotFound(String)
  /// No show with this id.
  case showNotFound(String)
  /// No IO with this id.
  case ioNotFound(String)
  /// An IO with this id already exists.
  case ioExists(String)
  /// The move is not one of the allowed ones from the campaign's stage.
  case moveRefused(campaign: String, from: DealStage, to: DealStage, allowed: [DealStage])
  /// A move to `closed_lost` without a reason.
  case reasonRequired(campaign: String, to: DealStage)
  /// The IO's status does not allow this action.
  case actionRefused(io: String, action: IOAction, status: IOStatus, allowed: [IOAction])
  /// Scheduling needs the IO's campaign to be `closed_won`.
  case campaignNotWon(io: String, campaign: String, stage: DealStage)
  /// Scheduling would break competitive separation.
  case separationConflict(io: String, conflicts: [SeparationConflict])
  /// The promo code is used by an active IO of another advertiser.
  case promoCodeInUse(code: String, io: String, advertiser: String)
  /// `io start` before the flight's first day (without `--force`).
  case flightNotStarted(io: String, start: Day, today: Day)
  /// `io deliver` before the flight's last day (without `--force`).
  case flightNotOver(io: String, end: Day, today: Day)
  /// A new IO on a campaign whose deal is `closed_lost`.
  case campaignLost(campaign: String)
  /// An argument is malformed: the message says which and how to fix it.
  case invalidArgument(String)

  /// True when the arguments themselves are wrong (exit 2) rather than refused by the data (exit 65).
  public var isUsage: Bool {
    switch self {
    case .reasonRequired, .invalidArgument: true
    default: false
    }
  }

  public var description: String {
    switch self {
    case .campaignNotFound(let id):
      "No campaign with id '\(id)'; check the id with `cuesheet deals list`."
    case .advertiserNotFound(let id):
      "No advertiser with id '\(id)'; check the id or import advertisers first."
    case .showNotFound(let id):
      "No show with id '\(id)'; check the id or import shows first."
    case .ioNotFound(let id):
      "No IO with id '\(id)'; check the id with `cuesheet io list`."
    case .ioExists(let id):
      "An IO with id '\(id)' already exists; pick another id or leave it out to get the next free one."
    case .moveRefused(let campaign, let from, let to, let allowed):
      "Cannot move campaign \(campaign) from \(from) to \(to); allowed from \(from): "
        + DealStage.describe(allowed) + "."
    case .reasonRequired(let campaign, let to):
      "Moving campaign \(campaign) to \(to) needs a reason; pass --reason TEXT."
    case .actionRefused(let io, let action, let status, let allowed):
      "Cannot \(action) IO \(io) while it is \(status); allowed now: "
        + (allowed.isEmpty
          ? "none (\(status) is final)" : allowed.map(\.rawValue).joined(separator: ", "))
        + "."
    case .campaignNotWon(let io, let campaign, let stage):
      "Cannot schedule IO \(io): its campaign \(campaign) is \(stage), not closed_won; move the deal to closed_won first."
    case .separationConflict(let io, let conflicts):
      "Cannot schedule IO \(io): competitive separation conflict with "
        + conflicts.map(\.summary).joined(separator: "; ")
        + "; change the flight or placement, cancel the other IO, or schedule it allowing the conflict."
    case .promoCodeInUse(let code, let io, let advertiser):
      "Promo code '\(code)' is already used by active IO \(io) of advertiser \(advertiser); pick another code."
    case .flightNotStarted(let io, let start, let today):
      "Cannot start IO \(io) before its flight: it starts \(start) and today is \(today); wait until then, change the flight, or pass --force."
    case .flightNotOver(let io, let end, let today):
      "Cannot deliver IO \(io) before its flight is over: its last day is \(end) and today is \(today); wait until then, or pass --force to record it delivered now."
    case .campaignLost(let campaign):
      "Cannot book an IO on campaign \(campaign): its deal is closed_lost; reopen the deal (`cuesheet deals move \(campaign) lead`) or pick another campaign."
    case .invalidArgument(let message):
      message
    }
  }
}
