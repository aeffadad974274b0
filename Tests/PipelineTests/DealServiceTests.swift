import Foundation
import Pipeline
import Store
import Testing

/// Moves applied to the store: the row and its event change together, or nothing changes.
@Suite struct DealServiceTests {
  @Test(
    "every move on the store: allowed ones change the row and log one event, refused ones change nothing",
    arguments: DealStage.allCases, DealStage.allCases)
  func everyMove(from: DealStage, to: DealStage) throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.campaign("C-1", advertiser: "A-1", stage: from)
    if DealPipelineTests.isAllowed(from, to) {
      let change = try fixture.deals.move(
        campaignID: "C-1", to: to, reason: "went with a rival", now: PipelineFixture.now)
      #expect(change.from == from && change.to == to)
      #expect(try fixture.scalar("SELECT stage FROM campaigns") == to.rawValue)
      #expect(
        try fixture.scalar("SELECT stage_changed_at FROM campaigns") == "2026-11-25T12:00:00Z")
      let events = try fixture.events()
      #expect(events.count == 1)
      let event = try #require(events.first)
      #expect(event.type == "deal.stage_changed")
      #expect(event.subject == "campaign:C-1")
      #expect(event.occurredAt == "2026-11-25T12:00:00Z")
      #expect(
        try PipelineFixture.payload(event) == [
          "campaign_id": .string("C-1"), "advertiser_id": .string("A-1"),
          "from": .string(from.rawValue), "to": .string(to.rawValue),
          "reason": .string("went with a rival"),
        ])
    } else {
      try fixture.expectRefusal(
        .moveRefused(
          campaign: "C-1", from: from, to: to, allowed: DealPipeline.allowedTargets(from: from))
      ) {
        try fixture.deals.move(campaignID: "C-1", to: to, reason: "went with a rival")
      }
      #expect(try fixture.events().isEmpty)
    }
  }

  @Test("a move without a reason records reason null")
  func nullReason() throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.campaign("C-1", advertiser: "A-1", stage: .lead)
    try fixture.deals.move(campaignID: "C-1", to: .qualified)
    let event = try #require(try fixture.events().first)
    #expect(try PipelineFixture.payload(event)["reason"] == .null)
  }

  @Test("closed_lost without a reason is refused and changes nothing")
  func closedLostWithoutReason() throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.campaign("C-1", advertiser: "A-1", stage: .negotiation)
    try fixture.expectRefusal(.reasonRequired(campaign: "C-1", to: .closedLost)) {
      try fixture.deals.move(campaignID: "C-1", to: .closedLost, reason: " ")
    }
  }

  @Test("an unknown campaign is named")
  func unknownCampaign() throws {
    let fixture = try PipelineFixture()
    try fixture.expectRefusal(.campaignNotFound("C-404")) {
      try fixture.deals.move(campaignID: "C-404", to: .qualified)
    }
    #expect(throws: PipelineError.campaignNotFound("C-404")) {
      try fixture.deals.history(campaignID: "C-404")
    }
  }

  @Test("history lists the stage changes oldest first, with reasons")
  func history() throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.campaign("C-1", advertiser: "A-1", stage: .lead)
    try fixture.campaign("C-2", advertiser: "A-1", stage: .lead)
    try fixture.deals.move(campaignID: "C-1", to: .proposal)
    try fixture.deals.move(campaignID: "C-2", to: .qualified)
    try fixture.deals.move(campaignID: "C-1", to: .closedLost, reason: "budget cut")
    try fixture.deals.move(campaignID: "C-1", to: .lead)
    let history = try fixture.deals.history(campaignID: "C-1")
    #expect(history.map(\.from) == [.lead, .proposal, .closedLost])
    #expect(history.map(\.to) == [.proposal, .closedLost, .lead])
    #expect(history.map(\.reason) == [nil, "budget cut", nil])
  }

  @Test("list filters by stage and advertiser, with probability and weighted value")
  func list() throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.advertiser("A-2")
    try fixture.campaign("C-1", advertiser: "A-1", stage: .proposal, budgetCents: 1_000_001)
    try fixture.campaign("C-2", advertiser: "A-2", stage: .lead, budgetCents: 500_000)
    try fixture.campaign("C-3", advertiser: "A-1", stage: .negotiation, budgetCents: 3)

    let all = try fixture.deals.list()
    #expect(all.map(\.campaignID) == ["C-2", "C-1", "C-3"])  // pipeline order
    #expect(all.map(\.winProbabilityPercent) == [10, 50, 75])
    // 500,000 × 10% = 50,000; 1,000,001 × 50% = 500,000.5 → 500,001; 3 × 75% = 2.25 → 2.
    #expect(all.map(\.weightedValue.cents) == [50_000, 500_001, 2])

    #expect(try fixture.deals.list(.init(stage: .proposal)).map(\.campaignID) == ["C-1"])
    #expect(try fixture.deals.list(.init(advertiserID: "A-1")).map(\.campaignID) == ["C-1", "C-3"])
    #expect(throws: PipelineError.advertiserNotFound("A-9")) {
      try fixture.deals.list(.init(advertiserID: "A-9"))
    }
  }

  @Test(
    "the change and its event commit together or not at all",
    arguments: [
      "CREATE TRIGGER boom BEFORE UPDATE ON campaigns BEGIN SELECT RAISE(ABORT, 'boom'); END",
      "CREATE TRIGGER boom AFTER INSERT ON events BEGIN SELECT RAISE(ABORT, 'boom'); END",
    ])
  func changeAndEventAreAtomic(trigger: String) throws {
    let fixture = try PipelineFixture()
    try fixture.advertiser("A-1")
    try fixture.campaign("C-1", advertiser: "A-1", stage: .lead)
    try fixture.execute(trigger)  // fails the update, or the event insert after the update
    let before = try fixture.dump()
    #expect(throws: (any Error).self) { try fixture.deals.move(campaignID: "C-1", to: .qualified) }
    #expect(try fixture.dump() == before)
    #expect(try fixture.scalar("SELECT stage FROM campaigns") == "lead")
    #expect(try fixture.events().isEmpty)
  }
}
