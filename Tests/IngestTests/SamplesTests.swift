import CuesheetTesting
import Foundation
import GRDB
import Testing

@testable import Ingest

/// `samples/` imports cleanly and has what the demo and dashboards rely on.
@Suite(.timeLimit(.minutes(20))) struct SamplesTests {
  static let samples = PackageRoot.path("samples")

  @Test func samplesImportAndCoverEveryStageAndStatus() throws {
    let work = try TestWorkspace()
    let results = try work.importer.importDirectory(Self.samples)
    #expect(results.map(\.kind) == ImportKind.dependencyOrder)
    #expect(results.allSatisfy { $0.rejected == 0 && $0.inserted == $0.rowsTotal })

    #expect(try work.count("SELECT count(*) FROM shows") == 12)
    #expect(try work.count("SELECT count(*) FROM shows WHERE explicit = 1") >= 2)
    #expect(try work.count("SELECT count(*) FROM episodes") == 120)
    #expect(try work.count("SELECT count(DISTINCT stage) FROM campaigns") == 6)
    #expect(try work.count("SELECT count(DISTINCT status) FROM io_bookings") == 5)
    #expect(
      try work.count(
        "SELECT count(*) FROM io_bookings WHERE promo_code IS NULL OR vanity_url IS NULL")
        == 0)
    #expect(
      try work.count(
        "SELECT count(*) FROM io_bookings WHERE status = 'live' AND NOT ('2026-11-24' BETWEEN flight_start AND flight_end)"
      ) == 0)
    #expect(try work.count("SELECT count(DISTINCT day) FROM metrics_daily") == 90)
    #expect(try work.count("SELECT max(day) = '2026-11-24' FROM metrics_daily") == 1)
    #expect(try work.count("SELECT count(DISTINCT source) FROM metrics_daily") == 3)
    #expect(
      try work.count("SELECT count(*) FROM advertisers WHERE excluded_categories <> '[]'") >= 3)
    // Sources mostly agree; a few deliberate disagreements above 5%.
    let spread = try work.store.writer.read { db in
      try Row.fetchOne(
        db,
        sql: """
          WITH m AS (SELECT day, episode_id, max(downloads) AS hi, min(downloads) AS lo
                     FROM metrics_daily GROUP BY 1, 2)
          SELECT count(*) AS pairs, sum(hi > lo * 1.05) AS apart FROM m
          """)!
    }
    let pairs: Int = spread["pairs"]
    let apart: Int = spread["apart"]
    #expect(apart > 0)
    #expect(Double(apart) < Double(pairs) * 0.05)
  }
}
