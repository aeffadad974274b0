import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// Killing `cuesheet import` mid-way leaves the database as it was: the transaction never commits.
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

  @Test(arguments: [SIGKILL, SIGINT])
  func killedImportLeavesDatabaseUnchanged(signal: Int32) throws {
    guard let executable = Self.executable else {
      withKnownIssue("the cuesheet executable was not found next to the tests") {
        Issue.record("skipped")
      }
      return
    }
    let work = try TestWorkspace()
    let episodes = 200
    var shows =
      "show_id,name,creator,categories,explicit,language,country,cpm\ns1,S,C,,no,en,US,1\n"
    shows += ""
    var episodeCSV = "episode_id,show_id,title,published_on,duration_seconds\n"
    for index in 0..<episodes { episodeCSV += "e\(index),s1,T,2026-01-01,1\n" }
    try work.write("net/shows.csv", shows)
    try work.write("net/episodes.csv", episodeCSV)
    _ = try work.importer.importDirectory(work.directory.appendingPathComponent("net").path)

    var metrics = "day,episode_id,source,downloads,listeners,impressions\n"
    metrics.reserveCapacity(40 << 20)
    var day = Day(year: 2024, month: 1, day: 1)!
    for _ in 0..<1000 {
      for index in 0..<episodes {
        metrics += "\(day),e\(index),megaphone,10,5,20\n\(day),e\(index),apple,10,5,20\n"
      }
      day = day.adding(days: 1)
    }
    let big = try work.write("big.csv", metrics)  // 400,000 rows
    let before = try work.dump()

    let process = Process()
    process.executableURL = executable
    process.arguments = ["import", "metrics-daily", big, "--db", work.store.path]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the child has the write lock (a read shows no change, and it is still running).
    Thread.sleep(forTimeInterval: 1.5)
    guard process.isRunning else {
      process.waitUntilExit()
      withKnownIssue("the import finished before it could be interrupted; nothing was tested") {
        Issue.record("import finished in under 1.5 s")
      }
      return
    }
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    #expect(process.terminationReason == .uncaughtSignal)

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
