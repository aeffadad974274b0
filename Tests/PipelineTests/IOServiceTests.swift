import Foundation
import Pipeline
import Store
import Testing

/// `io create`: validation against the data, id generation, promo codes, and the io.created event.
@Suite struct IOServiceTests {
  static func request(
    campaign: String = "C-1", show: String = "S-1", promo: String? = nil, id: String? = nil
  ) throws -> NewIO {
    NewIO(
      campaignID: campaign, showID: show, placement: .mid,
      flight: try Flight(parsing: "2026-12-01..2026-12-31"),
      rate: .cpm(Money(cents: 2500), impressions: 100_000), adFormat: .produced, promoCode: promo,
      vanityURL: "https://acme.com/pod", ioID: id)
  }

  @Test("create writes a draft row and io.created together")
  func create() throws {
    let fixture = try PipelineFixture.standard()
    let id = try fixture.ios.create(try Self.request(promo: "SAVE20"), now: PipelineFixture.now)
    #expect(id == "IO-1001")
    let io = try fixture.ios.show(id, asOf: Day(parsing: "2026-12-01")!).0
    #expect(io.status == .draft)
    #expect(io.rate == .cpm(Money(cents: 2500), impressions: 100_000))
    #expect(io.adFormat == .produced)
    #expect(io.promoCode == "SAVE20")
    #expect(io.vanityURL == "https://acme.com/pod")
    #expect(io.statusChangedAt == "2026-11-25T12:00:00Z")
    let events = try fixture.events()
    #expect(events.map(\.type) == ["io.created"])
    #expect(
      try PipelineFixture.payload(try #require(events.first)) == [
        "io_id": .string("IO-1001"), "campaign_id": .string("C-1"), "show_id": .string("S-1"),
        "placement": .string("mid"),
      ])
  }

  @Test(
    "a draft IO on a closed_lost campaign is refused (issue #14)", arguments: DealStage.allCases)
  func lostCampaign(stage: DealStage) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.campaign("C-9", advertiser: "A-1", stage: stage)
    if stage == .closedLost {
      try fixture.expectRefusal(.campaignLost(campaign: "C-9")) {
        try fixture.ios.create(try Self.request(campaign: "C-9"))
      }
      #expect(try fixture.scalar("SELECT count(*) FROM io_bookings") == 0)
    } else {
      #expect(try fixture.ios.create(try Self.request(campaign: "C-9")) == "IO-1001")
    }
  }

  @Test("a flat line stores spots and no goal")
  func flat() throws {
    let fixture = try PipelineFixture.standard()
    var request = try Self.request()
    request.rate = .flat(Money(cents: 150_000), spots: 4)
    let id = try fixture.ios.create(request)
    #expect(
      try fixture.scalar(
        "SELECT rate_type || ':' || rate_cents || ':' || spots FROM io_bookings WHERE io_id = ?",
        [id]) == "flat:150000:4")
    #expect(try fixture.scalar("SELECT impressions_goal IS NULL FROM io_bookings") == true)
  }

  @Test(
    "generated ids: the largest IO-<n> plus one, from IO-1001",
    arguments: [
      ([], "IO-1001"),
      (["IO-7"], "IO-1001"),
      (["IO-1001"], "IO-1002"),
      (["IO-1001", "IO-2040", "IO-999"], "IO-2041"),
      (["IO-12x", "X-5000", "io-3000"], "IO-1001"),
    ])
  func generatedIDs(existing: [String], expected: String) throws {
    let fixture = try PipelineFixture.standard()
    for id in existing { try fixture.io(id, campaign: "C-1", show: "S-1") }
    #expect(try fixture.ios.create(try Self.request()) == expected)
  }

  @Test("an explicit id is used, and refused when taken")
  func explicitID() throws {
    let fixture = try PipelineFixture.standard()
    #expect(try fixture.ios.create(try Self.request(id: "NET-7")) == "NET-7")
    try fixture.expectRefusal(.ioExists("NET-7")) {
      _ = try fixture.ios.create(try Self.request(id: "NET-7"))
    }
  }

  @Test(
    "unknown campaign or show is refused and named",
    arguments: [
      ("C-404", "S-1", PipelineError.campaignNotFound("C-404")),
      ("C-1", "S-404", PipelineError.showNotFound("S-404")),
    ])
  func unknownReferences(campaign: String, show: String, error: PipelineError) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.expectRefusal(error) {
      _ = try fixture.ios.create(try Self.request(campaign: campaign, show: show))
    }
  }

  /// Another IO already holds `SAVE20`; which new requests may reuse it?
  @Test(
    "promo codes are unique among active IOs of other advertisers",
    arguments: [
      // (holder's campaign, holder's status, new campaign, new code, refused?)
      ("C-2", IOStatus.draft, "C-1", "SAVE20", true),  // other advertiser, active
      ("C-2", .scheduled, "C-1", "save20", true),  // case does not matter
      ("C-2", .live, "C-1", " SAVE20 ", true),  // nor surrounding blanks
      ("C-2", .completed, "C-1", "SAVE20", false),  // holder no longer active
      ("C-2", .cancelled, "C-1", "SAVE20", false),
      ("C-1", .live, "C-1", "SAVE20", false),  // same advertiser may reuse
      ("C-2", .live, "C-1", "SAVE21", false),  // another code
    ])
  func promoCodes(
    holder: String, holderStatus: IOStatus, campaign: String, code: String, refused: Bool
  ) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io("IO-1", campaign: holder, show: "S-2", status: holderStatus, promoCode: "SAVE20")
    let request = try Self.request(campaign: campaign, promo: code)
    if refused {
      let advertiser = holder == "C-1" ? "A-1" : "A-2"
      try fixture.expectRefusal(
        .promoCodeInUse(
          code: code.trimmingCharacters(in: .whitespaces), io: "IO-1", advertiser: advertiser)
      ) { _ = try fixture.ios.create(request) }
    } else {
      #expect(try fixture.ios.create(request) == "IO-1001")
    }
  }

  @Test("list filters by status, show and campaign, and names unknown ids")
  func list() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io("IO-1002", campaign: "C-1", show: "S-1", status: .live)
    try fixture.io("IO-999", campaign: "C-2", show: "S-2")
    try fixture.io("IO-1001", campaign: "C-2", show: "S-1", status: .cancelled)
    #expect(try fixture.ios.list().map(\.ioID) == ["IO-999", "IO-1001", "IO-1002"])
    #expect(try fixture.ios.list(.init(status: .live)).map(\.ioID) == ["IO-1002"])
    #expect(try fixture.ios.list(.init(showID: "S-1")).map(\.ioID) == ["IO-1001", "IO-1002"])
    #expect(try fixture.ios.list(.init(campaignID: "C-2")).map(\.ioID) == ["IO-999", "IO-1001"])
    #expect(throws: PipelineError.showNotFound("S-9")) {
      try fixture.ios.list(.init(showID: "S-9"))
    }
    #expect(throws: PipelineError.campaignNotFound("C-9")) {
      try fixture.ios.list(.init(campaignID: "C-9"))
    }
  }
}
