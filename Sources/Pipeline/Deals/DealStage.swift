/// A stage of the sales pipeline, as stored in `campaigns.stage`.
///
/// `lead → qualified → proposal → negotiation → closed_won | closed_lost`. Each stage carries a
/// default win probability, the chance a deal at that stage closes won; the weighted pipeline value
/// of a deal is its budget times that probability.
public enum DealStage: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case lead
  case qualified
  case proposal
  case negotiation
  case closedWon = "closed_won"
  case closedLost = "closed_lost"

  /// The open stages, in pipeline order.
  public static let open: [DealStage] = [.lead, .qualified, .proposal, .negotiation]

  /// True for the four stages before a decision.
  public var isOpen: Bool { Self.open.contains(self) }

  /// The default win probability in whole percent.
  ///
  /// Industry-typical defaults for B2B media sales: lead 10, qualified 25, proposal 50,
  /// negotiation 75, closed_won 100, closed_lost 0.
  public var winProbabilityPercent: Int {
    switch self {
    case .lead: 10
    case .qualified: 25
    case .proposal: 50
    case .negotiation: 75
    case .closedWon: 100
    case .closedLost: 0
    }
  }

  /// The position of an open stage in the pipeline (lead 0 … negotiation 3); `nil` when closed.
  public var openIndex: Int? { Self.open.firstIndex(of: self) }

  /// The stored name, e.g. `closed_won`.
  public var description: String { rawValue }

  /// Lists stages for a message: `qualified, proposal, closed_lost (with a reason)`.
  static func describe(_ stages: [DealStage]) -> String {
    if stages.isEmpty { return "none (closed_won is final)" }
    return stages.map { $0 == .closedLost ? "closed_lost (with --reason)" : $0.rawValue }
      .joined(separator: ", ")
  }
}
