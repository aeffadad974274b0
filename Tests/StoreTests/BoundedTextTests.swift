import CuesheetTesting
import Foundation
import GRDB
import Testing

@testable import Store

@Suite("Bounded text, event payloads and the WAL")
struct BoundedTextTests {
  @Test(
    "values are clipped to 200 characters with their full size",
    arguments: [
      ("short", "short"),
      (String(repeating: "é", count: 200), String(repeating: "é", count: 200)),
      (String(repeating: "x", count: 201), String(repeating: "x", count: 200) + "… (201 bytes)"),
      (String(repeating: "é", count: 300), String(repeating: "é", count: 200) + "… (600 bytes)"),
    ])
  func clip(text: String, expected: String) {
    #expect(BoundedText.clip(text) == expected)
  }

  @Test func aFiftyMegabyteValueBecomesAShortOne() {
    let huge = String(repeating: "A", count: 50 * 1024 * 1024)
    let clipped = BoundedText.clip(huge)
    #expect(clipped.utf8.count < 300)
    #expect(clipped.hasSuffix("… (52428800 bytes)"))
  }

  @Test func freeTextOverTheLimitIsNamed() {
    #expect(BoundedText.lengthProblem("budget cut", field: "reason") == nil)
    #expect(BoundedText.lengthProblem(nil, field: "reason") == nil)
    let problem = BoundedText.lengthProblem(
      String(repeating: "r", count: 900_000), field: "reason")
    #expect(problem == "The reason has 900000 characters; at most 2000 are accepted. Shorten it.")
  }

  @Test("an event payload is bounded: strings clipped, else a summary")
  func eventPayloadIsBounded() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    let huge = String(repeating: "v", count: 5 * 1024 * 1024)
    try store.writer.write { db in
      try EventLog.record(
        db, type: "etl.error", subject: "import:shows",
        payload: ["file_name": JSONValue.string("a.csv"), "value": .string(huge)])
      try EventLog.record(
        db, type: "etl.error", subject: "import:shows",
        payload: ["values": JSONValue.array(Array(repeating: .string(huge), count: 3))])
      try EventLog.record(
        db, type: "etl.error", subject: "import:shows",
        payload: [
          "keys": JSONValue.object(
            Dictionary(uniqueKeysWithValues: (0..<5000).map { ("key-\($0)", JSONValue.int(1)) }))
        ])
      try EventLog.record(db, type: "io.scheduled", subject: "io:IO-1", payload: ["io_id": "IO-1"])
    }
    let events = try store.writer.read { db in try EventLog.list(db) }
    for event in events {
      #expect(event.payload.utf8.count <= EventLog.maxPayloadBytes, "\(event.payload.prefix(200))")
    }
    let first = try JSONValue(parsing: events[0].payload)
    guard case .object(let fields) = first, case .string(let value) = fields["value"] else {
      Issue.record("payload lost its shape: \(events[0].payload.prefix(300))")
      return
    }
    #expect(fields["file_name"] == .string("a.csv"))
    #expect(value.hasSuffix("… (5242880 bytes)"))
    #expect(events[2].payload.contains("\"payload_truncated\":true"))
    #expect(events[3].payload == #"{"io_id":"IO-1"}"#)
  }

  @Test("the writer limits the WAL, and a checkpoint truncates it to zero bytes")
  func walIsTruncated() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try Self.fillWAL(store)
    let checkpoint = try store.checkpointWAL()
    #expect(!checkpoint.busy)
    #expect(checkpoint.walBytes == 0)
  }

  @Test("the async checkpoint (the server's, through GRDB's async write) truncates it too")
  func walIsTruncatedAsynchronously() async throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try Self.fillWAL(store)
    let checkpoint = try await store.checkpointWAL()
    #expect(!checkpoint.busy)
    #expect(checkpoint.walBytes == 0)
  }

  /// Checks the writer's WAL limit, then writes 10 MB so the WAL is over 5 MB.
  static func fillWAL(_ store: CuesheetStore) throws {
    let limit = try store.writer.write { db in
      try Int.fetchOne(db, sql: "PRAGMA journal_size_limit")
    }
    #expect(limit == CuesheetStore.walSizeLimitBytes)
    let blob = String(repeating: "w", count: 256 * 1024)
    try store.writer.write { db in
      for index in 0..<40 {
        try EventLog.record(db, type: "test.fill", subject: "fill:\(index)", payload: ["n": index])
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS filler (b TEXT)")
        try db.execute(sql: "INSERT INTO filler VALUES (?)", arguments: [blob])
      }
    }
    let wal = store.path + "-wal"
    let before =
      (try FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?
      .intValue ?? 0
    #expect(before > 5 * 1024 * 1024)
  }
}
