import CuesheetTesting
import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// Killing `cuesheet import` mid-way leaves the database as it was: the transaction never commits.
///
/// Deterministic: the child runs with `CUESHEET_TEST_PAUSE_IMPORT=1`, so after writing its first
/// rows inside the import's transaction it says so on stderr and waits; the test checks the write
/// lock is held, then sends the signal. No sleep, no "finished too early" path.
@Suite struct InterruptTests {
  /// The debug `cuesheet` executable next to the test bundle (built by `swift test`).
  static let executable: URL? = {
    let candidates = [
      Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("cuesheet"),
      Bundle.main.bundleURL.appendingPathComponent("cuesheet"),
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appendingPathComponent("cuesheet"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }()

  @Test(
    "a killed import (SIGKILL, SIGINT) leaves the database unchanged", .timeLimit(.minutes(20)),
    arguments: [SIGKILL, SIGINT])
  func killedImportLeavesDatabaseUnchanged(signal: Int32) throws {
    try HostTools.require(
      HostTools.missing("the cuesheet executable next to the tests", unless: Self.executable != nil)
    )
    let executable = try #require(Self.executable)
    let work = try TestWorkspace()
    let episodes = 200
    let shows =
      "show_id,name,creator,categories,explicit,language,country,cpm\ns1,S,C,,no,en,US,1\n"
    var episodeCSV = "episode_id,show_id,title,published_on,duration_seconds\n"
    for index in 0..<episodes { episodeCSV += "e\(index),s1,T,2026-01-01,1\n" }
    try work.write("net/shows.csv", shows)
    try work.write("net/episodes.csv", episodeCSV)
    _ = try work.importer.importDirectory(work.directory.appendingPathComponent("net").path)

    // 40,000 rows: more than the first progress report (every 16,384 rows), where the child
    // pauses.
    var metrics = "day,episode_id,source,downloads,listeners,impressions\n"
    var day = Day(year: 2024, month: 1, day: 1)!
    for _ in 0..<100 {
      for index in 0..<episodes {
        metrics += "\(day),e\(index),megaphone,10,5,20\n\(day),e\(index),apple,10,5,20\n"
      }
      day = day.adding(days: 1)
    }
    let big = try work.write("big.csv", metrics)
    let before = try work.dump()

    let process = Process()
    process.executableURL = executable
    process.arguments = ["import", "metrics-daily", big, "--db", work.store.path]
    process.environment = ProcessInfo.processInfo.environment.merging(
      ["CUESHEET_TEST_PAUSE_IMPORT": "1"]) { $1 }
    let stderr = Pipe()
    process.standardOutput = FileHandle.nullDevice
    process.standardError = stderr
    try process.run()

    // Wait for the child's word that it holds the write lock with rows written.
    var said = ""
    while !said.contains("\n") {
      let data = stderr.fileHandleForReading.availableData
      if data.isEmpty { break }  // the child exited without pausing
      said += String(decoding: data, as: UTF8.self)
    }
    try #require(
      said.hasPrefix("cuesheet-test: import paused holding the write lock after"),
      "the child did not pause inside the import: \(said)")

    // The lock is really held: another writer cannot begin.
    let other = try DatabaseQueue(path: work.store.path)
    #expect(throws: DatabaseError.self) {
      try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    }
    try other.close()

    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)
    #expect(process.terminationStatus == signal)

    let reopened = try CuesheetStore.open(path: work.store.path)
    let (rows, integrity) = try reopened.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM metrics_daily") ?? -1,
        try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? ""
      )
    }
    #expect(rows == 0)
    #expect(integrity == "ok")
    #expect(try work.dump() == before)
  }
}
