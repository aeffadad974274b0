import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

@Suite struct ImporterTests {
  @Test func importsEveryKindThenChangesNothingTheSecondTime() throws {
    let work = try TestWorkspace()
    try work.write("data/shows.csv", TestData.shows)
    try work.write("data/episodes.csv", TestData.episodes)
    try work.write("data/advertisers.csv", TestData.advertisers)
    try work.write("data/campaigns.csv", TestData.campaigns)
    try work.write("data/io_bookings.csv", TestData.ioBookings)
    try work.write("data/metrics-daily.csv", TestData.metrics)
    let directory = work.directory.appendingPathComponent("data").path

    let first = try work.importer.importDirectory(directory)
    #expect(first.map(\.kind) == ImportKind.dependencyOrder)
    #expect(first.map(\.inserted) == [2, 3, 2, 2, 2, 4])
    #expect(first.allSatisfy { $0.updated == 0 && $0.unchanged == 0 && $0.rejected == 0 })
    #expect(try work.count("SELECT cpm_cents FROM shows WHERE show_id = 's2'") == 3850)
    #expect(
      try work.count("SELECT count(*) FROM shows WHERE categories = '[\"true_crime\",\"society\"]'")
        == 1)
    #expect(try work.count("SELECT explicit FROM shows WHERE show_id = 's2'") == 0)
    #expect(
      try work.count("SELECT count(*) FROM io_bookings WHERE spots IS NULL AND io_id = 'IO-1'") == 1
    )

    let dataBefore = try work.store.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM campaigns").description
        + Row.fetchAll(db, sql: "SELECT * FROM metrics_daily").description
    }
    let second = try work.importer.importDirectory(directory, now: Date().addingTimeInterval(3600))
    #expect(second.map(\.unchanged) == [2, 3, 2, 2, 2, 4])
    #expect(second.allSatisfy { $0.inserted == 0 && $0.updated == 0 })
    let dataAfter = try work.store.writer.read { db in
      try Row.fetchAll(db, sql: "SELECT * FROM campaigns").description
        + Row.fetchAll(db, sql: "SELECT * FROM metrics_daily").description
    }
    #expect(dataBefore == dataAfter)
  }

  @Test func correctedFileUpdatesExactlyTheChangedRows() throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let path = try work.write("m.csv", TestData.metrics)
    let first = try work.importer.importFile(.metricsDaily, path: path)
    let corrected =
      TestData.metrics.replacingOccurrences(
        of: "2026-11-20,e1,spotify,98,77,140", with: "2026-11-20,e1,spotify,99,77,140")
      + "2026-11-22,e3,apple,5,5,5\n"
    try work.write("m.csv", corrected)
    let second = try work.importer.importFile(.metricsDaily, path: path)
    #expect((second.inserted, second.updated, second.unchanged) == (1, 1, 3))
    #expect(
      try work.count("SELECT import_id FROM metrics_daily WHERE source = 'spotify'")
        == Int(second.importID!))
    #expect(
      try work.count(
        "SELECT import_id FROM metrics_daily WHERE source = 'megaphone' AND episode_id = 'e1'")
        == Int(first.importID!))
  }

  @Test func stageChangeStampsOnlyWhenTheStageChanges() throws {
    let work = try TestWorkspace()
    try work.write("advertisers.csv", TestData.advertisers)
    let campaigns = try work.write("campaigns.csv", TestData.campaigns)
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)
    _ = try work.importer.importFiles(
      [
        (.advertisers, work.directory.appendingPathComponent("advertisers.csv").path),
        (.campaigns, campaigns),
      ],
      now: t0)
    let renamed = TestData.campaigns.replacingOccurrences(of: "Holiday", with: "Holiday 2")
      .replacingOccurrences(of: "c2,a2,Launch,lead", with: "c2,a2,Launch,qualified")
    try work.write("campaigns.csv", renamed)
    let t1 = t0.addingTimeInterval(86400)
    let result = try work.importer.importFile(.campaigns, path: campaigns, now: t1)
    #expect(result.updated == 2)
    let stamps = try work.store.writer.read { db in
      try Row.fetchAll(
        db, sql: "SELECT campaign_id, stage_changed_at, updated_at FROM campaigns ORDER BY 1"
      )
      .map { [$0[0] as String, $0[1] as String, $0[2] as String] }
    }
    #expect(stamps[0] == ["c1", Timestamp.string(t0), Timestamp.string(t1)])
    #expect(stamps[1] == ["c2", Timestamp.string(t1), Timestamp.string(t1)])
  }

  @Test func provenanceRowAndEventCarryTheSameFigures() throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let path = try work.write("m.csv", TestData.metrics)
    let result = try work.importer.importFile(.metricsDaily, path: path)
    let id = try #require(result.importID)
    let row = try #require(
      try work.store.writer.read { db in
        try Row.fetchOne(db, sql: "SELECT * FROM imports WHERE import_id = ?", arguments: [id])
      })
    #expect(row["status"] as String == "completed")
    #expect(row["kind"] as String == "metrics-daily")
    #expect(row["rows_inserted"] as Int == 4)
    #expect((row["sha256"] as String) == Importer.sha256(ofFile: path))
    let events = try work.store.writer.read { db in
      try EventLog.list(db, filter: EventFilter(subject: "import:\(id)"))
    }
    let event = try #require(events.first)
    #expect(event.type == "etl.import_completed")
    let payload = try JSONValue(parsing: event.payload)
    guard case .object(let fields) = payload else { Issue.record("payload not an object"); return }
    #expect(fields["inserted"] == JSONValue.int(4))
    #expect(fields["rows_total"] == JSONValue.int(4))
    #expect(fields["sha256"] == JSONValue.string(result.sha256))
    #expect(fields["skip_invalid"] == JSONValue.bool(false))
    #expect(fields["import_id"] == JSONValue.int(id))
  }

  @Test func dryRunCountsButWritesNothing() throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let path = try work.write("m.csv", TestData.metrics)
    _ = try work.importer.importFile(.metricsDaily, path: path)
    try work.write(
      "m.csv",
      TestData.metrics.replacingOccurrences(of: "50,40,60", with: "51,40,60")
        + "2026-11-23,e1,apple,1,1,1\n")
    let before = try work.dump()
    let result = try work.importer.importFile(
      .metricsDaily, path: path, options: ImportOptions(dryRun: true))
    #expect((result.inserted, result.updated, result.unchanged) == (1, 1, 3))
    #expect(result.importID == nil)
    #expect(try work.dump() == before)
  }

  @Test func directoryImportIsOneTransaction() throws {
    let work = try TestWorkspace()
    try work.write("d/shows.csv", TestData.shows)
    try work.write("d/episodes.csv", TestData.episodes)
    try work.write("d/metrics_daily.csv", TestData.metrics + "2026-11-22,nope,apple,1,1,1\n")
    let before = try work.dump()
    #expect(throws: ImportError.self) {
      try work.importer.importDirectory(work.directory.appendingPathComponent("d").path)
    }
    #expect(try work.count("SELECT count(*) FROM shows") == 0)
    #expect(try work.count("SELECT count(*) FROM imports WHERE status = 'failed'") == 1)
    #expect(try work.count("SELECT count(*) FROM imports WHERE status = 'completed'") == 0)
    _ = before
  }

  @Test func directoryWithoutKnownFilesIsAnError() throws {
    let work = try TestWorkspace()
    try work.write("d/other.csv", "a\n1\n")
    #expect(throws: ImportError.self) {
      try work.importer.importDirectory(work.directory.appendingPathComponent("d").path)
    }
  }
}
