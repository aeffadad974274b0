import CuesheetTesting
import Foundation
import GRDB
import Testing

@testable import Store

@Suite("EventLog")
struct EventLogTests {
  struct Payload: Encodable { let io_id: String; let impressions: Int }

  @Test("recorded events come back oldest first, payload as sorted-key JSON")
  func recordAndList() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let at = Date(timeIntervalSince1970: 1_795_000_000)
    try store.writer.write { db in
      try EventLog.record(
        db, type: "io.scheduled", subject: "io:IO-1",
        payload: Payload(io_id: "IO-1", impressions: 5),
        at: at)
      try EventLog.record(
        db, type: "io.delivered", subject: "io:IO-1", at: at.addingTimeInterval(60))
      try EventLog.record(
        db, type: "deal.stage_changed", subject: "campaign:C-1", at: at.addingTimeInterval(120))
    }
    let all = try store.writer.read { db in try EventLog.list(db) }
    #expect(all.map(\.type) == ["io.scheduled", "io.delivered", "deal.stage_changed"])
    #expect(all[0].payload == #"{"impressions":5,"io_id":"IO-1"}"#)
    #expect(all[0].occurredAt == Timestamp.string(at))

    let io = try store.writer.read { db in try EventLog.list(db, filter: EventFilter(type: "io.*"))
    }
    #expect(io.map(\.type) == ["io.scheduled", "io.delivered"])
    let exact = try store.writer.read { db in
      try EventLog.list(db, filter: EventFilter(type: "io.delivered"))
    }
    #expect(exact.count == 1)
    let newest = try store.writer.read { db in try EventLog.list(db, filter: EventFilter(limit: 2))
    }
    #expect(
      newest.map(\.type) == ["io.delivered", "deal.stage_changed"], "newest two, newest last")
    let since = try store.writer.read { db in
      try EventLog.list(db, filter: EventFilter(since: Timestamp.string(at.addingTimeInterval(60))))
    }
    #expect(since.count == 2)
    let subject = try store.writer.read { db in
      try EventLog.list(db, filter: EventFilter(subject: "campaign:C-1"))
    }
    #expect(subject.count == 1)
  }

  @Test(
    "the log refuses updates and deletes",
    arguments: [
      "UPDATE events SET type = 'x.y'", "DELETE FROM events",
    ])
  func appendOnly(sql: String) throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in try EventLog.record(db, type: "io.started", subject: "io:IO-1") }
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in try db.execute(sql: sql) }
    }
    #expect(try store.writer.read { db in try EventLog.list(db) }.count == 1)
  }

  @Test("an event recorded in a transaction that rolls back is never written")
  func bothOrNeither() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    struct Refused: Error {}
    #expect(throws: Refused.self) {
      try store.writer.write { db in
        try EventLog.record(db, type: "io.scheduled", subject: "io:IO-1")
        throw Refused()
      }
    }
    #expect(try store.writer.read { db in try EventLog.list(db) }.isEmpty)
  }
}
