import CuesheetTesting
import Diagnostics
import Foundation
import GRDB
import Rules
import Store
import Testing

@testable import Matchmaking

/// A small network with hand-computed scores under this rule set:
///
/// - category fit (0.5): 1 when the show has one of the advertiser's target categories
/// - reach (0.5): min(1, downloads_30d / min_downloads)
/// - keep score >= 0.5, top 2 per advertiser
///
/// tech-co (targets technology, min 1000, no explicit):
///   s-a technology, 2000 dl → 0.5 + 0.5 = 1.0
///   s-b technology,  500 dl → 0.5 + 0.25 = 0.75
///   s-c technology, explicit → rejected (brand safety)
///   s-d comedy,     2000 dl → 0 + 0.5 = 0.5 (kept, but 3rd → cut by top 2)
/// fun-co (targets comedy, min 4000, explicit ok):
///   s-c comedy+technology explicit, 4000 dl → 1.0; s-d comedy 2000 → 0.75; s-a → 0.25 dropped
@Suite("MatchRecalculation")
struct MatchRecalculationTests {
  static let rules = """
    flag ENABLE_MATCHMAKING {
      default off
      when env == "test" => on
    }
    matchmaking default {
      require "brand safety": !show.explicit || advertiser.allows_explicit
      signal "category fit" weight 0.5: show.categories.exists(c, c in advertiser.target_categories) ? 1.0 : 0.0
      signal "reach" weight 0.5: math.least(1.0, double(show.downloads_30d) / double(advertiser.min_downloads))
      keep score >= 0.5
      top 2 per advertiser
    }
    """

  final class Fixture {
    let database: TemporaryDatabase
    let store: CuesheetStore
    let book: RuleBook

    init(rules: String = MatchRecalculationTests.rules) throws {
      database = try TemporaryDatabase(prefix: "matchmaking")
      store = try database.openMigrated()
      book = try RuleLoader.load([SourceFile(name: "t.rules", text: rules)])
      try store.writer.write { db in
        let now = "2026-11-01T00:00:00Z"
        for (id, categories, explicit, downloads) in [
          ("s-a", #"["technology"]"#, 0, 2000), ("s-b", #"["technology"]"#, 0, 500),
          ("s-c", #"["comedy","technology"]"#, 1, 4000), ("s-d", #"["comedy"]"#, 0, 2000),
        ] {
          try db.execute(
            sql: """
              INSERT INTO shows (show_id, name, creator, categories, explicit, cpm_cents, created_at, updated_at)
              VALUES (?, ?, 'c', ?, ?, 2000, ?, ?)
              """, arguments: [id, id.uppercased(), categories, explicit, now, now])
          try db.execute(
            sql: """
              INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at)
              VALUES (?, ?, 'e', '2026-10-01', 60, ?, ?)
              """, arguments: ["\(id)-e1", id, now, now])
          // Two sources for the same day: the resolved view keeps one (megaphone), never the sum.
          for (source, count) in [("megaphone", downloads), ("spotify", downloads * 3)] {
            try db.execute(
              sql: """
                INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
                VALUES ('2026-11-20', ?, ?, ?, 0, 0)
                """, arguments: ["\(id)-e1", source, count])
          }
        }
        for (id, targets, explicit, minimum) in [
          ("tech-co", #"["technology"]"#, 0, 1000), ("fun-co", #"["comedy"]"#, 1, 4000),
        ] {
          try db.execute(
            sql: """
              INSERT INTO advertisers (advertiser_id, name, category, target_categories, allows_explicit, max_cpm_cents, min_downloads, created_at, updated_at)
              VALUES (?, ?, 'x', ?, ?, 3000, ?, ?, ?)
              """, arguments: [id, id, targets, explicit, minimum, now, now])
        }
      }
    }

    func context(_ env: String = "test") throws -> FlagContext {
      try book.flags.context(json: #"{"env": "\#(env)"}"#)
    }

    func run(_ options: RecalculationOptions = RecalculationOptions(), env: String = "test")
      async throws -> RecalculationOutcome
    {
      try await MatchRecalculation.run(
        store: store, rules: book, gateContext: try context(env), options: options)
    }

    func rows() throws -> [String] {
      try store.writer.read { db in
        try Row.fetchAll(
          db,
          sql:
            "SELECT advertiser_id, show_id, rank, score FROM matches ORDER BY advertiser_id, rank"
        ).map { "\($0[0] as String) \($0[1] as String) #\($0[2] as Int) \($0[3] as Double)" }
      }
    }

    func eventCount() throws -> Int {
      try store.writer.read { db in
        try Int.fetchOne(db, sql: "SELECT count(*) FROM events WHERE type = 'match.recalculated'")
          ?? 0
      }
    }
  }

  @Test("rankings match the hand-computed scores, with requirements, threshold and top-N")
  func rankings() async throws {
    let fixture = try Fixture()
    let outcome = try await fixture.run()
    #expect(outcome.ran)
    #expect(outcome.pairsEvaluated == 8)
    #expect(outcome.pairsKept == 4)
    #expect(
      try fixture.rows() == [
        "fun-co s-c #1 1.0", "fun-co s-d #2 0.75", "tech-co s-a #1 1.0", "tech-co s-b #2 0.75",
      ])
    let tech = try #require(outcome.results.first { $0.advertiserID == "tech-co" })
    #expect(tech.rejected == [1])
    #expect(tech.kept == 3, "s-d is kept at 0.5 but cut by top 2")
    #expect(try fixture.eventCount() == 1)
    let stored = try await fixture.store.writer.read { db in
      try StoredMatch.fetch(db, advertiserID: "tech-co")
    }
    #expect(stored.first?.signals.map(\.name) == ["category fit", "reach"])
    #expect(stored.first?.reasons.first == "category fit: 1.00 × 0.50 = 0.50")
  }

  @Test("with the gate off nothing is computed or written, and the reason is given")
  func gateOff() async throws {
    let fixture = try Fixture()
    let outcome = try await fixture.run(env: "production")
    #expect(!outcome.ran)
    #expect(outcome.gate.reason == .default)
    #expect(try fixture.rows().isEmpty)
    #expect(try fixture.eventCount() == 0)
  }

  @Test("a rule set that fails on some pair writes nothing and names the pair")
  func ruleError() async throws {
    let broken = Self.rules.replacingOccurrences(
      of: "double(show.downloads_30d) / double(advertiser.min_downloads)",
      with: "double(show.downloads_30d / (advertiser.min_downloads - 1000))")
    let fixture = try Fixture(rules: broken)
    _ = try? await fixture.run()  // tech-co: division by zero
    #expect(try fixture.rows().isEmpty)
    #expect(try fixture.eventCount() == 0)
    await #expect(throws: MatchmakingError.self) { _ = try await fixture.run() }
  }

  @Test("results are the same whatever the number of workers", arguments: [1, 2, 3, 8])
  func determinism(workers: Int) async throws {
    let fixture = try Fixture()
    var options = RecalculationOptions()
    options.workers = workers
    _ = try await fixture.run(options)
    #expect(
      try fixture.rows() == [
        "fun-co s-c #1 1.0", "fun-co s-d #2 0.75", "tech-co s-a #1 1.0", "tech-co s-b #2 0.75",
      ])
  }

  @Test("--advertiser only touches that advertiser's rows")
  func oneAdvertiser() async throws {
    let fixture = try Fixture()
    _ = try await fixture.run()
    try await fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE matches SET score = 0.01 WHERE advertiser_id = 'fun-co'")
    }
    var options = RecalculationOptions()
    options.advertiserIDs = ["tech-co"]
    let outcome = try await fixture.run(options)
    #expect(outcome.advertisers == 1)
    #expect(
      try fixture.rows().filter { $0.hasPrefix("fun-co") } == [
        "fun-co s-c #1 0.01", "fun-co s-d #2 0.01",
      ])
    var unknown = RecalculationOptions()
    unknown.advertiserIDs = ["nope"]
    await #expect(throws: MatchmakingError.unknownAdvertiser("nope")) {
      _ = try await fixture.run(unknown)
    }
  }

  @Test("--dry-run reports new, dropped and re-ranked matches and writes nothing")
  func dryRun() async throws {
    let fixture = try Fixture()
    _ = try await fixture.run()
    try await fixture.store.writer.write { db in
      try db.execute(sql: "UPDATE matches SET rank = 3 - rank WHERE advertiser_id = 'tech-co'")
      try db.execute(sql: "DELETE FROM matches WHERE advertiser_id = 'fun-co' AND show_id = 's-d'")
      try db.execute(
        sql: """
          INSERT INTO matches (advertiser_id, show_id, score, rank, signals, reasons, rule_set, rule_hash, calculated_at)
          VALUES ('fun-co', 's-a', 0.9, 2, '[]', '[]', 'default', 'x', 'x')
          """)
    }
    let before = try fixture.rows()
    var options = RecalculationOptions()
    options.dryRun = true
    let outcome = try await fixture.run(options)
    #expect(try fixture.rows() == before)
    #expect(try fixture.eventCount() == 1)
    let fun = try #require(outcome.changes.first { $0.advertiserID == "fun-co" })
    #expect(fun.added == ["s-d"])
    #expect(fun.dropped == ["s-a"])
    let tech = try #require(outcome.changes.first { $0.advertiserID == "tech-co" })
    #expect(tech.reranked.count == 2)
  }

  @Test("derived metrics take one source per episode and day")
  func derivedMetrics() throws {
    let fixture = try Fixture()
    let shows = try fixture.store.writer.read { db in
      try MatchInputLoader.shows(db, asOf: Day(parsing: "2026-11-24")!)
    }
    guard case .record(let record) = try #require(shows.first).value else {
      Issue.record("not a record")
      return
    }
    let index = try #require(record.type.index(of: "downloads_30d"))
    guard case .int(let downloads) = record.fields[index] else {
      Issue.record("downloads_30d is not an int")
      return
    }
    #expect(downloads == 2000, "megaphone's 2000, not spotify's 6000 or the sum")
    let outside = try fixture.store.writer.read { db in
      try MatchInputLoader.shows(db, asOf: Day(parsing: "2026-12-25")!)
    }
    guard case .record(let late) = try #require(outside.first).value,
      case .int(let none) = late.fields[index]
    else { return }
    #expect(none == 0, "2026-11-20 is outside the 30 days ending 2026-12-25")
  }
}
