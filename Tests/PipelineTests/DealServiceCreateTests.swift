import Foundation
import Pipeline
import Store
import Testing

/// `deals create` (issue #14): a deal without a CSV.
@Suite struct DealServiceCreateTests {
  static func deal(
    advertiser: String = "A-1", stage: DealStage = .lead, id: String? = nil,
    starts: String = "2027-01-01", ends: String = "2027-03-31", name: String = "Spring push"
  ) -> NewDeal {
    NewDeal(
      advertiserID: advertiser, name: name, budget: Money(parsing: "25000.00")!,
      startsOn: Day(parsing: starts)!, endsOn: Day(parsing: ends)!, stage: stage, campaignID: id)
  }

  @Test("create writes the campaign and deal.created, with the next cmp-<n> id")
  func create() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.campaign("cmp-041", advertiser: "A-1")
    let id = try fixture.deals.create(Self.deal(stage: .proposal), now: PipelineFixture.now)
    #expect(id == "cmp-042")
    let deal = try #require(try fixture.deals.list().first { $0.campaignID == id })
    #expect(deal.stage == .proposal)
    #expect(deal.budget == Money(cents: 2_500_000))
    #expect(deal.startsOn == "2027-01-01" && deal.endsOn == "2027-03-31")
    #expect(deal.stageChangedAt == "2026-11-25T12:00:00Z")
    let event = try #require(try fixture.events(type: "deal.created").first)
    #expect(try PipelineFixture.payload(event)["campaign_id"] == .string(id))
    // The new deal moves through the pipeline like any other.
    try fixture.deals.move(campaignID: id, to: .negotiation)
  }

  @Test(
    "bad deals are refused and write nothing",
    arguments: [
      (DealServiceCreateTests.deal(advertiser: "A-404"), "No advertiser with id 'A-404'"),
      (DealServiceCreateTests.deal(starts: "2027-04-01", ends: "2027-03-01"), "is before --starts"),
      (DealServiceCreateTests.deal(name: "  "), "--name"),
      (DealServiceCreateTests.deal(stage: .closedLost), "cannot start as closed_lost"),
      (DealServiceCreateTests.deal(id: "C-1"), "already exists"),
    ])
  func refused(deal: NewDeal, fragment: String) throws {
    let fixture = try PipelineFixture.standard()
    let before: Int? = try fixture.scalar("SELECT count(*) FROM campaigns")
    do {
      try fixture.deals.create(deal)
      Issue.record("expected a refusal")
    } catch let error as PipelineError {
      #expect(error.description.contains(fragment), "\(error)")
    }
    #expect(try fixture.scalar("SELECT count(*) FROM campaigns") == before)
    #expect(try fixture.events(type: "deal.created").isEmpty)
  }
}
