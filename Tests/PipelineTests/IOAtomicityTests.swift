import Foundation
import Pipeline
import Store
import Testing

/// The status change and its event commit together or not at all.
@Suite struct IOAtomicityTests {
  @Test("a failing event insert rolls the status change back", arguments: IOAction.allCases)
  func eventFailureRollsBack(action: IOAction) throws {
    let fixture = try PipelineFixture.standard()
    let from: IOStatus =
      switch action {
      case .schedule, .cancel: .draft
      case .start: .scheduled
      case .deliver: .live
      }
    try fixture.io("IO-1", campaign: "C-1", show: "S-1", status: from)
    try fixture.execute(
      "CREATE TRIGGER boom AFTER INSERT ON events BEGIN SELECT RAISE(ABORT, 'boom'); END")
    let before = try fixture.dump()
    #expect(throws: (any Error).self) {
      switch action {
      case .schedule: _ = try fixture.ios.schedule("IO-1")
      case .start: try fixture.ios.start("IO-1", force: true)
      case .deliver: _ = try fixture.ios.deliver("IO-1", force: true)
      case .cancel: _ = try fixture.ios.cancel("IO-1", reason: "pulled")
      }
    }
    #expect(try fixture.dump() == before)
    #expect(try fixture.scalar("SELECT status FROM io_bookings") == from.rawValue)
  }

  @Test("a failing event insert rolls the new IO back")
  func createRollsBack() throws {
    let fixture = try PipelineFixture.standard()
    try fixture.execute(
      "CREATE TRIGGER boom AFTER INSERT ON events BEGIN SELECT RAISE(ABORT, 'boom'); END")
    let before = try fixture.dump()
    #expect(throws: (any Error).self) { try fixture.ios.create(try IOServiceTests.request()) }
    #expect(try fixture.dump() == before)
  }
}
