import Diagnostics

extension PipelineError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .campaignNotFound, .advertiserNotFound, .showNotFound, .ioNotFound: .notFound
    case .reasonRequired, .invalidArgument: .invalidRequest
    case .ioExists, .moveRefused, .actionRefused, .campaignNotWon, .separationConflict,
      .promoCodeInUse, .flightNotStarted, .flightNotOver, .campaignLost:
      .conflict
    }
  }

  public var code: String {
    switch self {
    case .campaignNotFound: "campaign_not_found"
    case .advertiserNotFound: "advertiser_not_found"
    case .showNotFound: "show_not_found"
    case .ioNotFound: "io_not_found"
    case .ioExists: "io_exists"
    case .moveRefused: "move_refused"
    case .reasonRequired: "reason_required"
    case .actionRefused: "action_refused"
    case .campaignNotWon: "campaign_not_won"
    case .separationConflict: "separation_conflict"
    case .promoCodeInUse: "promo_code_in_use"
    case .flightNotStarted: "flight_not_started"
    case .flightNotOver: "flight_not_over"
    case .campaignLost: "campaign_lost"
    case .invalidArgument: "invalid_argument"
    }
  }
}
