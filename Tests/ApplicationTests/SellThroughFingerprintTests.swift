import Avails
import CuesheetTesting
import Foundation
import GRDB
import Pipeline
import Store
import Testing

@testable import Application

/// Issue 16: a sell-through refresh whose inputs did not change is skipped, by the fingerprint kept
/// in `derived_state` (migration pack 10); any change of an input still recomputes.
@Suite("sell-through refresh skipped when its inputs did not change")
struct SellThroughFingerprintTests {
  /// Whether a refresh now would compute (`false`: skipped by the fingerprint).
  static func wouldCompute(_ store: CuesheetStore, shares: PlacementShares = .standard) throws
    -> Bool
  {
    try store.writer.read { db in
      try RefreshSellThrough.computeIfChanged(db, shares: shares).0 != nil
    }
  }

  static func table(_ store: CuesheetStore) throws -> [String] {
    try store.writer.read { db in try RefreshSellThrough.storedKeys(db) }
  }

  /// The table as a fresh computation gives it.
  static func expected(_ store: CuesheetStore, shares: PlacementShares = .standard) throws
    -> [String]
  {
    try store.writer.read { db in
      try RefreshSellThrough.compute(db, shares: shares).map(RefreshSellThrough.key).sorted()
    }
  }

  static func versions(_ store: CuesheetStore) throws -> DataVersions {
    try store.writer.read { db in try DataVersions.read(db) }
  }

  @Test("a second refresh with no change skips: no computation, no write, the same table")
  func skipsWithoutChange() async throws {
    let (_, store) = try AvailsUseCaseTests.store()
    let refresh = RefreshSellThrough(store: store)
    #expect(try Self.wouldCompute(store))
    #expect(try refresh.run())
    let table = try Self.table(store)
    let before = try Self.versions(store)
    #expect(try !Self.wouldCompute(store))
    #expect(try !refresh.run())
    #expect(try await refresh.refresh() == false)
    #expect(try Self.table(store) == table)
    #expect(try Self.versions(store) == before)
    #expect(table.sorted() == (try Self.expected(store)))
  }

  struct Change: Sendable, CustomStringConvertible {
    var description: String
    var sql: String
  }

  static let changes: [Change] = [
    Change(
      description: "an import that changes a metric",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-11-24', 'weekly-5', 'megaphone', 1, 0, 99999)
        ON CONFLICT (day, episode_id, source) DO UPDATE SET impressions = excluded.impressions
        """),
    Change(
      description: "an import of a new day",
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
        VALUES ('2026-11-25', 'weekly-5', 'megaphone', 1, 0, 500)
        """),
    Change(
      description: "a new IO booking",
      sql: """
        INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, flight_start,
          flight_end, rate_type, rate_cents, impressions_goal, status, status_changed_at,
          created_at, updated_at)
        VALUES ('IO-9', 'cmp-adv-c', 'weekly', 'mid', '2026-11-25', '2026-12-01', 'cpm', 2500,
          300, 'scheduled', 'x', 'x', 'x')
        """),
    Change(
      description: "a booking's goal changed",
      sql: "UPDATE io_bookings SET impressions_goal = 650 WHERE io_id = 'IO-1'"),
    Change(
      description: "a booking cancelled",
      sql: "UPDATE io_bookings SET status = 'cancelled' WHERE io_id = 'IO-1'"),
    Change(
      description: "the sell_through table edited by hand",
      sql: "DELETE FROM sell_through WHERE show_id = 'young'"),
  ]

  @Test(
    "a change of an input recomputes, and the table matches a fresh computation", arguments: changes
  )
  func changeRecomputes(_ change: Change) throws {
    let (_, store) = try AvailsUseCaseTests.store()
    try AvailsUseCaseTests.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let refresh = RefreshSellThrough(store: store)
    try refresh.run()
    try store.writer.write { db in try db.execute(sql: change.sql) }
    let changed = try Self.table(store)
    #expect(try Self.wouldCompute(store))
    #expect(try refresh.run())
    #expect(try Self.table(store) != changed)
    #expect(try Self.table(store).sorted() == (try Self.expected(store)))
    #expect(try !Self.wouldCompute(store))
  }

  @Test("changed shares recompute; the same shares again skip")
  func sharesRecompute() throws {
    let (_, store) = try AvailsUseCaseTests.store()
    let refresh = RefreshSellThrough(store: store)
    try refresh.run()
    let shares = PlacementShares(
      default: PlacementShares.standardSplit, shows: ["weekly": [.pre: 0.5, .mid: 0.3, .post: 0.2]])
    #expect(try Self.wouldCompute(store, shares: shares))
    #expect(try refresh.run(shares: shares))
    #expect(try Self.table(store).sorted() == (try Self.expected(store, shares: shares)))
    #expect(try !Self.wouldCompute(store, shares: shares))
    #expect(try Self.wouldCompute(store))
    #expect(try refresh.run())
  }

  @Test("the fingerprint covers every table the computation reads")
  func inputTablesAreTheReads() throws {
    let (_, store) = try AvailsUseCaseTests.store()
    try AvailsUseCaseTests.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let read = try store.writer.read { db -> Set<String> in
      final class Statements: @unchecked Sendable { var sql: [String] = [] }
      let statements = Statements()
      db.trace(options: .statement) { event in
        if case .statement(let statement) = event { statements.sql.append(statement.sql) }
      }
      _ = try RefreshSellThrough.compute(db, shares: .standard)
      db.trace(options: [])
      #expect(!statements.sql.isEmpty)
      var region = DatabaseRegion()
      for sql in statements.sql { region.formUnion(try db.makeStatement(sql: sql).databaseRegion) }
      return Set(
        try DataVersions.read(db).tables.keys.filter {
          region.isModified(byEventsOfKind: .delete(tableName: $0))
        })
    }
    #expect(read == Set(RefreshSellThrough.inputTables))
  }

  @Test("a restored copy keeps figures that match its own data")
  func restoredCopy() throws {
    let (database, store) = try AvailsUseCaseTests.store()
    try AvailsUseCaseTests.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let refresh = RefreshSellThrough(store: store)
    try refresh.run()
    let copy = database.file("copy.db")
    try store.writer.writeWithoutTransaction { db in
      try db.execute(sql: "VACUUM INTO ?", arguments: [copy])
    }
    try AvailsUseCaseTests.book(store, "IO-2", advertiser: "adv-c", goal: 100)
    #expect(try refresh.run())
    let restored = try CuesheetStore.open(path: copy)
    try RefreshSellThrough(store: restored).run()
    #expect(try Self.table(restored).sorted() == (try Self.expected(restored)))
    try AvailsUseCaseTests.book(restored, "IO-3", advertiser: "adv-c", goal: 100)
    #expect(try Self.wouldCompute(restored))
    #expect(try RefreshSellThrough(store: restored).run())
    #expect(try Self.table(restored).sorted() == (try Self.expected(restored)))
  }

  @Test("rolled back below pack 10 it always recomputes; migrated again it records afresh")
  func rollback() throws {
    let (database, store) = try AvailsUseCaseTests.store()
    let refresh = RefreshSellThrough(store: store)
    try refresh.run()
    _ = try Migrator().rollback(store, to: 9, backupDirectory: database.backups)
    #expect(try Self.wouldCompute(store))
    try AvailsUseCaseTests.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    #expect(try refresh.run())
    #expect(try Self.wouldCompute(store))
    _ = try Migrator().migrate(store, backupDirectory: database.backups)
    #expect(try Self.wouldCompute(store))
    #expect(try !refresh.run())
    #expect(try !Self.wouldCompute(store))
    _ = try Migrator().rollback(store, to: 8, backupDirectory: database.backups)
    _ = try Migrator().migrate(store, backupDirectory: database.backups)
    #expect(try Self.wouldCompute(store))
    #expect(try !refresh.run())
    #expect(try Self.table(store).sorted() == (try Self.expected(store)))
  }
}
