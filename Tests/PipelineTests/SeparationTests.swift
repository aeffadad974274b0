import Foundation
import Pipeline
import Store
import Testing

/// Competitive separation when scheduling: share category `auto` (case differs),
/// A-3 is `food`. IO-NEW (A-1, show S-1, mid, 2026-12-10..2026-12-20) is being scheduled.
@Suite struct SeparationTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    var campaign = "C-2"
    var show = "S-1"
    var placement = Placement.mid
    var flight = "2026-12-01..2026-12-10"
    var status = IOStatus.scheduled
    let conflicts: Bool
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "same category, show, placement, flight touching on one day", conflicts: true),
    Case(name: "flight inside", flight: "2026-12-12..2026-12-13", conflicts: true),
    Case(name: "flight around", flight: "2026-11-01..2027-01-31", conflicts: true),
    Case(name: "live competitor", status: .live, conflicts: true),
    Case(name: "completed competitor", status: .completed, conflicts: true),
    Case(name: "draft competitor holds nothing", status: .draft, conflicts: false),
    Case(name: "cancelled competitor", status: .cancelled, conflicts: false),
    Case(name: "flight ends the day before", flight: "2026-12-01..2026-12-09", conflicts: false),
    Case(name: "flight starts the day after", flight: "2026-12-21..2026-12-31", conflicts: false),
    Case(name: "other placement", placement: .pre, conflicts: false),
    Case(name: "other show", show: "S-2", conflicts: false),
    Case(name: "other category", campaign: "C-3", conflicts: false),
    Case(name: "same advertiser", campaign: "C-1", conflicts: false),
  ]

  static func setUp(_ other: Case) throws -> PipelineFixture {
    let fixture = try PipelineFixture.standard()
    try fixture.io(
      "IO-OTHER", campaign: other.campaign, show: other.show, placement: other.placement,
      flight: other.flight, status: other.status)
    try fixture.io("IO-NEW", campaign: "C-1", show: "S-1", flight: "2026-12-10..2026-12-20")
    return fixture
  }

  @Test("conflicts are refused, naming the other IO; the rest schedule", arguments: cases)
  func separation(other: Case) throws {
    let fixture = try Self.setUp(other)
    if other.conflicts {
      let conflict = SeparationConflict(
        ioID: "IO-OTHER", advertiserID: "A-2", category: "Auto", showID: "S-1", placement: .mid,
        flight: try Flight(parsing: other.flight), status: other.status)
      try fixture.expectRefusal(.separationConflict(io: "IO-NEW", conflicts: [conflict])) {
        _ = try fixture.ios.schedule("IO-NEW")
      }
      #expect(
        PipelineError.separationConflict(io: "IO-NEW", conflicts: [conflict]).description
          .contains("IO-OTHER"))
    } else {
      let outcome = try fixture.ios.schedule("IO-NEW")
      #expect(outcome.overridden.isEmpty)
      #expect(
        try fixture.scalar("SELECT status FROM io_bookings WHERE io_id = 'IO-NEW'") == "scheduled")
    }
  }

  @Test("--allow-conflict schedules anyway and records the overridden IOs")
  func override() throws {
    let fixture = try Self.setUp(Self.cases[0])
    try fixture.io(
      "IO-THIRD", campaign: "C-2", show: "S-1", flight: "2026-12-20..2026-12-25", status: .live)
    let outcome = try fixture.ios.schedule("IO-NEW", allowConflict: true)
    #expect(outcome.overridden.map(\.ioID) == ["IO-OTHER", "IO-THIRD"])
    #expect(
      try fixture.scalar("SELECT status FROM io_bookings WHERE io_id = 'IO-NEW'") == "scheduled")
    let event = try #require(try fixture.events(type: "io.scheduled").first)
    let payload = try PipelineFixture.payload(event)
    #expect(payload["allow_conflict"] == .bool(true))
    #expect(payload["conflicts"] == .array([.string("IO-OTHER"), .string("IO-THIRD")]))
  }

  @Test("--allow-conflict without a conflict records an empty list")
  func overrideWithoutConflict() throws {
    let fixture = try Self.setUp(Self.cases.first { !$0.conflicts }!)
    try fixture.ios.schedule("IO-NEW", allowConflict: true)
    let payload = try PipelineFixture.payload(try #require(try fixture.events().first))
    #expect(payload["allow_conflict"] == .bool(true))
    #expect(payload["conflicts"] == .array([]))
  }

  @Test("an empty category competes with nobody")
  func emptyCategory() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.advertiser("A-8", category: "")
    try fixture.advertiser("A-9", category: "")
    try fixture.campaign("C-8", advertiser: "A-8")
    try fixture.campaign("C-9", advertiser: "A-9")
    try fixture.io("IO-8", campaign: "C-8", show: "S-1", status: .scheduled)
    try fixture.io("IO-9", campaign: "C-9", show: "S-1")
    try fixture.ios.schedule("IO-9")
  }
}
