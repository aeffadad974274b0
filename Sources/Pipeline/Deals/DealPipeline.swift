import Foundation
import Store

/// The deal pipeline's rules as a pure state machine: which stage moves are allowed.
///
/// Allowed moves:
/// - forward one or more stages: from an open stage to any later open stage, or to `closed_won`;
/// - back one stage: `qualified → lead`, `proposal → qualified`, `negotiation → proposal`;
/// - to `closed_lost` from any open stage, with a reason;
/// - reopening: `closed_lost → lead`.
///
/// Everything else is refused, including staying put and any move out of `closed_won` (a won deal
/// is final; its IOs are cancelled instead).
///
/// ```swift
/// DealPipeline.allowedTargets(from: .proposal)   // [.negotiation, .closedWon, .qualified, .closedLost]
/// DealPipeline.isAllowed(from: .closedWon, to: .negotiation)   // false
/// ```
public enum DealPipeline {
  /// Every stage a deal at `stage` may move to: forward moves first, then back, then `closed_lost`.
  public static func allowedTargets(from stage: DealStage) -> [DealStage] {
    switch stage {
    case .closedWon:
      return []
    case .closedLost:
      return [.lead]
    default:
      let index = stage.openIndex!
      var targets = Array(DealStage.open[(index + 1)...])
      targets.append(.closedWon)
      if index > 0 { targets.append(DealStage.open[index - 1]) }
      targets.append(.closedLost)
      return targets
    }
  }

  /// True when `from → to` is one of the allowed moves.
  public static func isAllowed(from: DealStage, to: DealStage) -> Bool {
    allowedTargets(from: from).contains(to)
  }

  /// True when a move to `stage` must give a reason (only `closed_lost`).
  public static func requiresReason(to stage: DealStage) -> Bool { stage == .closedLost }

  /// Checks a move of `campaign`, throwing the refusal that names the allowed moves.
  ///
  /// `reason` is trimmed; an empty reason counts as none; one over
  /// ``BoundedText/freeTextLimit`` characters is refused (it would be kept forever in the event log).
  public static func validate(
    campaign: String, from: DealStage, to: DealStage, reason: String?
  ) throws(PipelineError) {
    if let problem = BoundedText.lengthProblem(reason, field: "reason") {
      throw .invalidArgument(problem)
    }
    guard isAllowed(from: from, to: to) else {
      throw .moveRefused(
        campaign: campaign, from: from, to: to, allowed: allowedTargets(from: from))
    }
    if requiresReason(to: to), normalizedReason(reason) == nil {
      throw .reasonRequired(campaign: campaign, to: to)
    }
  }

  /// The reason without surrounding white space, or `nil` when there is none.
  static func normalizedReason(_ reason: String?) -> String? {
    guard let trimmed = reason?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty
    else { return nil }
    return trimmed
  }
}
