import Foundation
import Pipeline
import Store
import Testing

/// The IO workflow: every action from every status, pure and on the store.
@Suite struct IOWorkflowTests {
  /// The allowed transitions, by hand: action, from → to.
  static let allowed: [String: IOStatus] = [
    "schedule draft": .scheduled,
    "start scheduled": .live,
    "deliver live": .completed,
    "cancel draft": .cancelled,
    "cancel scheduled": .cancelled,
    "cancel live": .cancelled,
  ]

  static func expected(_ action: IOAction, _ status: IOStatus) -> IOStatus? {
    allowed["\(action.rawValue) \(status.rawValue)"]
  }

  @Test("every action from every status", arguments: IOAction.allCases, IOStatus.allCases)
  func pure(action: IOAction, status: IOStatus) {
    #expect(IOWorkflow.target(of: action, from: status) == Self.expected(action, status))
    let listed = IOWorkflow.allowedActions(from: status)
    #expect(listed.contains(action) == (Self.expected(action, status) != nil))
  }

  @Test(
    "every action on the store: allowed ones change status and log their event, refused ones nothing",
    arguments: IOAction.allCases, IOStatus.allCases)
  func onStore(action: IOAction, status: IOStatus) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io("IO-1", campaign: "C-1", show: "S-1", status: status)
    let run = {
      switch action {
      case .schedule: _ = try fixture.ios.schedule("IO-1", now: PipelineFixture.now)
      case .start: try fixture.ios.start("IO-1", force: true, now: PipelineFixture.now)
      case .deliver: _ = try fixture.ios.deliver("IO-1", force: true, now: PipelineFixture.now)
      case .cancel:
        _ = try fixture.ios.cancel("IO-1", reason: "client pulled out", now: PipelineFixture.now)
      }
    }
    guard let target = Self.expected(action, status) else {
      try fixture.expectRefusal(
        .actionRefused(
          io: "IO-1", action: action, status: status,
          allowed: IOWorkflow.allowedActions(from: status))
      ) { try run() }
      return
    }
    try run()
    #expect(try fixture.scalar("SELECT status FROM io_bookings") == target.rawValue)
    #expect(
      try fixture.scalar("SELECT status_changed_at FROM io_bookings") == "2026-11-25T12:00:00Z")
    let events = try fixture.events()
    #expect(events.count == 1)
    let event = try #require(events.first)
    let eventType: String =
      switch action {
      case .schedule: "io.scheduled"
      case .start: "io.started"
      case .deliver: "io.delivered"
      case .cancel: "io.cancelled"
      }
    #expect(event.type == eventType)
    #expect(event.subject == "io:IO-1")
    #expect(try PipelineFixture.payload(event)["io_id"] == .string("IO-1"))
    if action == .cancel {
      #expect(try PipelineFixture.payload(event)["from_status"] == .string(status.rawValue))
      #expect(try PipelineFixture.payload(event)["reason"] == .string("client pulled out"))
    }
  }

  @Test("cancel needs a non-blank reason")
  func cancelNeedsReason() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io("IO-1", campaign: "C-1", show: "S-1", status: .scheduled)
    try fixture.expectRefusal(
      .invalidArgument("Cancelling IO IO-1 needs a reason; pass --reason TEXT.")
    ) { _ = try fixture.ios.cancel("IO-1", reason: "  ") }
  }

  @Test("unknown IO ids are named", arguments: IOAction.allCases)
  func unknownIO(action: IOAction) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.expectRefusal(.ioNotFound("IO-404")) {
      switch action {
      case .schedule: _ = try fixture.ios.schedule("IO-404")
      case .start: try fixture.ios.start("IO-404")
      case .deliver: _ = try fixture.ios.deliver("IO-404")
      case .cancel: _ = try fixture.ios.cancel("IO-404", reason: "x")
      }
    }
  }

  @Test("scheduling needs the campaign closed_won", arguments: DealStage.allCases)
  func scheduleNeedsWonDeal(stage: DealStage) throws {
    let fixture = try PipelineFixture.standard()
    try fixture.campaign("C-9", advertiser: "A-1", stage: stage)
    try fixture.io("IO-1", campaign: "C-9", show: "S-1")
    if stage == .closedWon {
      try fixture.ios.schedule("IO-1")
      #expect(try fixture.scalar("SELECT status FROM io_bookings") == "scheduled")
    } else {
      try fixture.expectRefusal(.campaignNotWon(io: "IO-1", campaign: "C-9", stage: stage)) {
        _ = try fixture.ios.schedule("IO-1")
      }
    }
  }

  @Test("io.scheduled carries the flight and no conflicts")
  func scheduledPayload() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", placement: .pre, flight: "2026-12-01..2026-12-31")
    try fixture.ios.schedule("IO-1")
    let event = try #require(try fixture.events(type: "io.scheduled").first)
    #expect(
      try PipelineFixture.payload(event) == [
        "io_id": .string("IO-1"), "campaign_id": .string("C-1"), "show_id": .string("S-1"),
        "placement": .string("pre"), "flight_start": .string("2026-12-01"),
        "flight_end": .string("2026-12-31"), "allow_conflict": .bool(false),
        "conflicts": .array([]),
      ])
  }

  @Test("deliver records delivered impressions against the goal")
  func deliverPayload() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", flight: "2026-12-01..2026-12-02", status: .live,
      goal: 1000)
    try fixture.metric("2026-12-01", episode: "E-1", source: "megaphone", impressions: 300)
    try fixture.metric("2026-12-02", episode: "E-1", source: "megaphone", impressions: 500)
    // After the flight: not counted.
    try fixture.metric("2026-12-03", episode: "E-1", source: "megaphone", impressions: 9000)
    let delivery = try fixture.ios.deliver("IO-1", now: Self.day("2026-12-03"))
    #expect(delivery.delivered == 800)
    let event = try #require(try fixture.events(type: "io.delivered").first)
    #expect(
      try PipelineFixture.payload(event) == [
        "io_id": .string("IO-1"), "delivered_impressions": .int(800),
        "impressions_goal": .int(1000), "delivery_ratio": .double(0.8),
      ])
  }

  // MARK: - Flight dates (issue #14)

  static func day(_ text: String) -> Date { Timestamp.parse(text + "T12:00:00Z")! }

  @Test("start before the flight's first day is refused with the dates, unless forced")
  func startBeforeFlight() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", flight: "2026-12-01..2026-12-10", status: .scheduled)
    try fixture.expectRefusal(
      .flightNotStarted(
        io: "IO-1", start: Day(parsing: "2026-12-01")!, today: Day(parsing: "2026-11-30")!)
    ) { try fixture.ios.start("IO-1", now: Self.day("2026-11-30")) }
    #expect(
      PipelineError.flightNotStarted(
        io: "IO-1", start: Day(parsing: "2026-12-01")!, today: Day(parsing: "2026-11-30")!
      ).description.contains("it starts 2026-12-01 and today is 2026-11-30"))
    try fixture.ios.start("IO-1", force: true, now: Self.day("2026-11-30"))
    let event = try #require(try fixture.events(type: "io.started").first)
    #expect(
      try PipelineFixture.payload(event) == [
        "io_id": .string("IO-1"), "forced": .bool(true), "flight_start": .string("2026-12-01"),
      ])
  }

  @Test("start on the first day needs no force and records no force")
  func startOnFirstDay() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", flight: "2026-12-01..2026-12-10", status: .scheduled)
    try fixture.ios.start("IO-1", now: Self.day("2026-12-01"))
    let event = try #require(try fixture.events(type: "io.started").first)
    #expect(try PipelineFixture.payload(event) == ["io_id": .string("IO-1")])
  }

  @Test("deliver before the flight's last day is refused, unless forced")
  func deliverBeforeFlightEnds() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-1", campaign: "C-1", show: "S-1", flight: "2026-12-01..2026-12-10", status: .live)
    try fixture.expectRefusal(
      .flightNotOver(
        io: "IO-1", end: Day(parsing: "2026-12-10")!, today: Day(parsing: "2026-12-09")!)
    ) { _ = try fixture.ios.deliver("IO-1", now: Self.day("2026-12-09")) }
    _ = try fixture.ios.deliver("IO-1", force: true, now: Self.day("2026-12-09"))
    let event = try #require(try fixture.events(type: "io.delivered").first)
    #expect(try PipelineFixture.payload(event)["forced"] == .bool(true))
    #expect(try PipelineFixture.payload(event)["flight_end"] == .string("2026-12-10"))
    #expect(try fixture.scalar("SELECT status FROM io_bookings") == "completed")
  }

  @Test("a status refusal comes before the date refusal")
  func statusFirst() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.io("IO-1", campaign: "C-1", show: "S-1", status: .draft)
    try fixture.expectRefusal(
      .actionRefused(io: "IO-1", action: .start, status: .draft, allowed: [.schedule, .cancel])
    ) { try fixture.ios.start("IO-1", now: Self.day("2026-11-01")) }
  }
}
