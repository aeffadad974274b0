import Foundation
import GRDB
import Store
import Testing

@testable import Ingest

/// The `metrics_daily` fast path runs with `PRAGMA ignore_check_constraints` (issue #16): the
/// importer itself must refuse every row one of the table's CHECKs would refuse, and the flag must
/// never outlive the import.
@Suite struct CheckConstraintTests {
  static let header = "day,episode_id,source,downloads,listeners,impressions\n"

  /// Rows each of which breaks one CHECK of `metrics_daily`.
  static let checkBreakers = [
    "2026-02-32,e1,megaphone,5,1,1",  // date(day) IS day: no such day
    "2026-13-01,e1,megaphone,5,1,1",  // month 13
    "2026-1-01,e1,megaphone,5,1,1",  // not YYYY-MM-DD
    "2026-11-01 ,e1,megaphone,5,1,1",  // trailing space
    "2026-11-01T00:00,e1,megaphone,5,1,1",  // a timestamp, not a day
    "2026-11-01,e1,\(String(repeating: "s", count: 33)),5,1,1",  // source longer than 32
    "2026-11-01,e1,,5,1,1",  // empty source
    "2026-11-01,e1,megaphone,-5,0,1",  // downloads >= 0
    "2026-11-01,e1,megaphone,5,-1,1",  // listeners >= 0
    "2026-11-01,e1,megaphone,5,1,-1",  // impressions >= 0
    "2026-11-01,e1,megaphone,5,6,1",  // listeners <= downloads
  ]

  @Test(arguments: checkBreakers)
  func theImporterRefusesWhatACheckWould(row: String) throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    // The row is indeed one SQLite's CHECKs (or NOT NULL) refuse, when inserted directly.
    let fields = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    #expect(throws: DatabaseError.self) {
      try work.store.writer.write { db in
        try db.execute(
          sql:
            "INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions) VALUES (?, ?, ?, ?, ?, ?)",
          arguments: [
            fields[0], fields[1], fields[2], Int(fields[3]) ?? -1, Int(fields[4]) ?? -1,
            Int(fields[5]) ?? -1,
          ])
      }
    }
    let path = try work.write("m.csv", Self.header + "2026-11-02,e1,apple,5,1,1\n" + row + "\n")
    let result = try work.importer.importFile(
      .metricsDaily, path: path, options: ImportOptions(skipInvalid: true))
    #expect(result.rejected == 1, "\(row) was not refused")
    #expect(result.inserted == 1)
    #expect(try work.count("SELECT count(*) FROM metrics_daily") == 1)
    // And all or nothing still holds without --skip-invalid.
    let before = try work.dump()
    let strict = try work.write("n.csv", Self.header + "2026-11-03,e1,apple,5,1,1\n" + row + "\n")
    #expect(throws: (any Error).self) {
      try work.importer.importFile(.metricsDaily, path: strict)
    }
    let after = try work.dump()
    #expect(
      after.components(separatedBy: "# imports")[0]
        == before.components(separatedBy: "# imports")[0])
  }

  @Test func theFlagIsOffAfterAnImport() throws {
    let work = try TestWorkspace()
    try work.seedNetwork()
    let path = try work.write("m.csv", Self.header + "2026-11-02,e1,apple,5,1,1\n")
    _ = try work.importer.importFile(.metricsDaily, path: path)
    let flag = try work.store.writer.read { db in
      try Bool.fetchOne(db, sql: "PRAGMA ignore_check_constraints")
    }
    #expect(flag == false)
    #expect(throws: DatabaseError.self) {
      try work.store.writer.write { db in
        try db.execute(
          sql:
            "INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions) VALUES ('2026-13-01', 'e1', 'x', 1, 1, 1)"
        )
      }
    }
  }
}
