import GRDB
import Store

/// Deal pipeline and IO workflow: pure state machines and the services that apply them to the store.
///
/// - ``DealStage`` and ``DealPipeline``: the sales stages, their win probabilities and the allowed
///   moves; ``DealService`` applies a move with its `deal.stage_changed` event.
/// - ``IOStatus`` and ``IOWorkflow``: the insertion-order statuses and actions; ``IOService`` creates,
///   schedules (with competitive separation), starts, delivers and cancels IOs, each with its event.
/// - ``DeliveryCalculator``: impressions delivered in a flight and pacing against the goal.
///
/// Every change runs in one immediate transaction together with its event, so a refused command
/// leaves the database exactly as it was.
public enum Pipeline {
  /// Runs `body` in one `BEGIN IMMEDIATE` transaction: it takes the write lock before reading, so the
  /// checks a command makes still hold when it writes, even with another process writing.
  static func write<T>(_ store: CuesheetStore, _ body: (Database) throws -> T) throws -> T {
    try store.writer.writeWithoutTransaction { db in
      var result: T?
      try db.inTransaction(.immediate) {
        result = try body(db)
        return .commit
      }
      return result!
    }
  }
}
