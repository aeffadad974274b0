import Pipeline
import Testing

/// The deal state machine on its own: every pair of stages, allowed or refused.
@Suite struct DealPipelineTests {
  /// The allowed moves, written out by hand (not derived from the implementation).
  static let allowed: Set<String> = [
    "lead→qualified", "lead→proposal", "lead→negotiation", "lead→closed_won", "lead→closed_lost",
    "qualified→proposal", "qualified→negotiation", "qualified→closed_won", "qualified→lead",
    "qualified→closed_lost",
    "proposal→negotiation", "proposal→closed_won", "proposal→qualified", "proposal→closed_lost",
    "negotiation→closed_won", "negotiation→proposal", "negotiation→closed_lost",
    "closed_lost→lead",
  ]

  static func isAllowed(_ from: DealStage, _ to: DealStage) -> Bool {
    allowed.contains("\(from.rawValue)→\(to.rawValue)")
  }

  @Test(
    "every pair of stages is allowed or refused as documented", arguments: DealStage.allCases,
    DealStage.allCases)
  func everyPair(from: DealStage, to: DealStage) {
    #expect(DealPipeline.isAllowed(from: from, to: to) == Self.isAllowed(from, to))
    let validate = {
      try DealPipeline.validate(campaign: "C-1", from: from, to: to, reason: "lost to a rival")
    }
    if Self.isAllowed(from, to) {
      #expect(throws: Never.self) { try validate() }
    } else {
      #expect(
        throws: PipelineError.moveRefused(
          campaign: "C-1", from: from, to: to, allowed: DealPipeline.allowedTargets(from: from))
      ) { try validate() }
    }
  }

  @Test("the refusal lists exactly the allowed moves", arguments: DealStage.allCases)
  func refusalListsAllowedMoves(from: DealStage) {
    let listed = Set(DealPipeline.allowedTargets(from: from))
    let expected = Set(DealStage.allCases.filter { Self.isAllowed(from, $0) })
    #expect(listed == expected)
  }

  @Test("closed_lost needs a non-blank reason", arguments: [nil, "", "   "] as [String?])
  func closedLostNeedsReason(reason: String?) {
    #expect(throws: PipelineError.reasonRequired(campaign: "C-1", to: .closedLost)) {
      try DealPipeline.validate(campaign: "C-1", from: .proposal, to: .closedLost, reason: reason)
    }
  }

  @Test("other moves take no reason")
  func otherMovesNeedNoReason() throws {
    try DealPipeline.validate(campaign: "C-1", from: .lead, to: .qualified, reason: nil)
    try DealPipeline.validate(campaign: "C-1", from: .closedLost, to: .lead, reason: nil)
  }

  @Test(
    "default win probabilities",
    arguments: [
      (DealStage.lead, 10), (.qualified, 25), (.proposal, 50), (.negotiation, 75),
      (.closedWon, 100), (.closedLost, 0),
    ])
  func probabilities(stage: DealStage, percent: Int) {
    #expect(stage.winProbabilityPercent == percent)
  }
}
