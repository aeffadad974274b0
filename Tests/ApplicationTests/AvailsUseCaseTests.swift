import Application
import Avails
import CuesheetTesting
import Foundation
import GRDB
import Pipeline
import Store
import Testing

/// `CheckAvails` and the IO avails check on a database with a known weekly pattern.
///
/// Show `weekly` releases on Mondays; on the 28 days 2026-10-28 … 2026-11-24 (the as-of day) it has
/// `100 × (weekday + 1) + 10 × week` impressions (Monday 0), so the week 2026-11-25 … 2026-12-01
/// forecasts 2905 and its mid placement (share 0.4) 1162. Show `young` has 15 days of metrics.
@Suite("avails use case on a fixture database")
struct AvailsUseCaseTests {
  static let window = (from: Day(parsing: "2026-11-25")!, through: Day(parsing: "2026-12-01")!)

  static func store() throws -> (TemporaryDatabase, CuesheetStore) {
    let database = try TemporaryDatabase()
    let store = try database.openMigrated()
    let stamp = "2026-11-01T00:00:00Z"
    try store.writer.write { db in
      for show in ["weekly", "young"] {
        try db.execute(
          sql: """
            INSERT INTO shows (show_id, name, creator, cpm_cents, created_at, updated_at)
            VALUES (?, ?, 'Host', 2500, ?, ?)
            """, arguments: [show, show.capitalized, stamp, stamp])
      }
      let asOf = Day(parsing: "2026-11-24")!
      var releases: [Day] = []
      for week in 0..<6 {
        let day = Day(parsing: "2026-10-19")!.adding(days: 7 * week)
        releases.append(day)
        try db.execute(
          sql: """
            INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds,
              created_at, updated_at) VALUES (?, 'weekly', 'Episode', ?, 1800, ?, ?)
            """, arguments: ["weekly-\(week)", day.description, stamp, stamp])
      }
      try db.execute(
        sql: """
          INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds,
            created_at, updated_at) VALUES ('young-0', 'young', 'Episode', '2026-11-10', 1800, ?, ?)
          """, arguments: [stamp, stamp])
      let start = asOf.adding(days: -27)
      for offset in 0..<28 {
        let day = start.adding(days: offset)
        let weekday = ((day.ordinal + 3) % 7 + 7) % 7
        let episode = releases.lastIndex { $0 <= day }!
        let impressions = 100 * (weekday + 1) + 10 * (offset / 7)
        try db.execute(
          sql: """
            INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
            VALUES (?, ?, 'megaphone', ?, 0, ?)
            """, arguments: [day.description, "weekly-\(episode)", impressions, impressions])
        if offset >= 13 {
          try db.execute(
            sql: """
              INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions)
              VALUES (?, 'young-0', 'megaphone', 100, 0, 100)
              """, arguments: [day.description])
        }
      }
      for (advertiser, category) in [
        ("adv-a", "finance"), ("adv-b", "Finance "), ("adv-c", "food"),
      ] {
        try db.execute(
          sql: """
            INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, created_at,
              updated_at) VALUES (?, ?, ?, 5000, ?, ?)
            """, arguments: [advertiser, advertiser, category, stamp, stamp])
        try db.execute(
          sql: """
            INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at,
              budget_cents, starts_on, ends_on, created_at, updated_at)
            VALUES (?, ?, 'Campaign', 'closed_won', ?, 100000, '2026-11-01', '2027-01-31', ?, ?)
            """, arguments: ["cmp-\(advertiser)", advertiser, stamp, stamp, stamp])
      }
    }
    return (database, store)
  }

  static func book(
    _ store: CuesheetStore, _ id: String, advertiser: String, goal: Int64,
    status: String = "scheduled", flight: (String, String) = ("2026-11-25", "2026-12-01")
  ) throws {
    try store.writer.write { db in
      try db.execute(
        sql: """
          INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, flight_start,
            flight_end, rate_type, rate_cents, impressions_goal, status, status_changed_at,
            created_at, updated_at)
          VALUES (?, ?, 'weekly', 'mid', ?, ?, 'cpm', 2500, ?, ?, 'x', 'x', 'x')
          """, arguments: [id, "cmp-\(advertiser)", flight.0, flight.1, goal, status])
    }
  }

  static func mid(
    _ store: CuesheetStore, advertiser: String? = nil, category: String? = nil,
    impressions: Int64? = nil
  ) throws -> CheckAvails.Report {
    try store.writer.read { db in
      try CheckAvails.run(
        db,
        .init(
          from: window.from, through: window.through, placements: [.mid],
          advertiserID: advertiser, category: category, impressions: impressions))
    }
  }

  @Test("the forecast from the database: the as-of day is the last metrics day")
  func forecast() throws {
    let (_, store) = try Self.store()
    let report = try Self.mid(store)
    #expect(report.asOf == Day(parsing: "2026-11-24"))
    let weekly = try #require(report.rows.first { $0.avails.showID == "weekly" })
    #expect(weekly.avails.inventory == 1162)
    #expect(weekly.avails.available == 1162)
    #expect(weekly.avails.cycle == .dayOfWeek(cadenceDays: 7))
  }

  @Test("too little history is reported per show, with no figures")
  func tooShort() throws {
    let (_, store) = try Self.store()
    let young = try #require(try Self.mid(store).rows.first { $0.avails.showID == "young" })
    #expect(
      young.avails.gap
        == .insufficientHistory(
          firstDay: Day(parsing: "2026-11-10"), daysAvailable: 15, needed: 28))
    #expect(!young.avails.hasForecast)
  }

  @Test("a booked IO reduces avails by exactly its allocation; drafts do not")
  func bookingReduces() throws {
    let (_, store) = try Self.store()
    let before = try Self.mid(store, category: "food").rows.first { $0.avails.showID == "weekly" }!
      .avails
    try Self.book(store, "IO-1", advertiser: "adv-b", goal: 700, status: "draft")
    #expect(
      try Self.mid(store, category: "food").rows.first { $0.avails.showID == "weekly" }!.avails
        .available == before.available)
    try store.writer.write { db in
      try db.execute(sql: "UPDATE io_bookings SET status = 'scheduled' WHERE io_id = 'IO-1'")
    }
    let after = try Self.mid(store, category: "food").rows.first { $0.avails.showID == "weekly" }!
      .avails
    #expect(after.showID == "weekly")
    #expect(after.contenders.map(\.impressions) == [700])
    #expect(before.available - after.available == 700)
  }

  @Test("a competitor's IO blocks its placement for the asking category only")
  func separation() throws {
    let (_, store) = try Self.store()
    try Self.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let finance = try Self.mid(store, advertiser: "adv-a").rows.first {
      $0.avails.showID == "weekly"
    }!.avails
    #expect(finance.blocked == 462)
    #expect(finance.available == 0)
    #expect(finance.holds.map(\.ioID) == ["IO-1"])
    let food = try Self.mid(store, category: "food").rows.first { $0.avails.showID == "weekly" }!
      .avails
    #expect(food.blocked == 0 && food.available == 462)
    // The advertiser's own IO never blocks it.
    let own = try Self.mid(store, advertiser: "adv-b").rows.first {
      $0.avails.showID == "weekly"
    }!.avails
    #expect(own.blocked == 0 && own.available == 462)
  }

  @Test("an oversold show reports negative avails and names the contending IOs")
  func oversold() throws {
    let (_, store) = try Self.store()
    try Self.book(store, "IO-1", advertiser: "adv-b", goal: 700, status: "live")
    try Self.book(store, "IO-2", advertiser: "adv-c", goal: 1000)
    let report = try Self.mid(store, impressions: 100)
    let weekly = try #require(report.rows.first { $0.avails.showID == "weekly" })
    #expect(weekly.avails.available == -538)
    #expect(weekly.avails.oversold)
    #expect(weekly.avails.contenders.map(\.ioID) == ["IO-1", "IO-2"])
    #expect(weekly.fits == false)
    #expect(report.plan?.filled == false)
  }

  @Test("requests outside the forecast's reach are refused with the fix")
  func refusals() throws {
    let (_, store) = try Self.store()
    func run(_ from: String, _ through: String) throws {
      _ = try store.writer.read { db in
        try CheckAvails.run(
          db, .init(from: Day(parsing: from)!, through: Day(parsing: through)!))
      }
    }
    #expect(throws: AvailsError.self) { try run("2026-11-24", "2026-11-30") }
    #expect(throws: AvailsError.self) { try run("2026-11-25", "2027-02-17") }
    #expect(throws: AvailsError.self) { try run("2026-12-02", "2026-12-01") }
    #expect(throws: PipelineError.showNotFound("nope")) {
      _ = try store.writer.read { db in
        try CheckAvails.run(
          db, .init(from: Self.window.from, through: Self.window.through, showIDs: ["nope"]))
      }
    }
  }

  @Test("io create warns when the goal exceeds the avails; strict refuses and writes nothing")
  func ioWarnings() async throws {
    let (_, store) = try Self.store()
    try Self.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let service = ManageIOs(store: store)
    let flight = try Flight(parsing: "2026-11-25..2026-12-01")
    let request = NewIO(
      campaignID: "cmp-adv-c", showID: "weekly", placement: .mid, flight: flight,
      rate: .cpm(Money(cents: 2500), impressions: 500), ioID: "IO-9")
    let (id, warnings) = try await service.create(request, strict: false, shares: .standard)
    #expect(id == "IO-9")
    let warning = try #require(warnings.first)
    #expect(warning.wanted == 500 && warning.available == 462)
    #expect(warning.contendingIOs == ["IO-1"])
    #expect(warning.description.contains("IO-9 wants 500 impressions on weekly mid"))

    var strict = request
    strict.ioID = "IO-10"
    await #expect(throws: AvailsError.self) {
      _ = try await service.create(strict, strict: true, shares: .standard)
    }
    let count = try await store.writer.read { db in
      try Int.fetchOne(db, sql: "SELECT count(*) FROM io_bookings WHERE io_id = 'IO-10'")
    }
    #expect(count == 0)

    var small = request
    small.ioID = "IO-11"
    small.rate = .cpm(Money(cents: 2500), impressions: 400)
    #expect(try await service.create(small, strict: true, shares: .standard).1.isEmpty)
  }

  @Test("io schedule: strict refuses when the goal exceeds the avails and nothing changes")
  func scheduleStrict() async throws {
    let (_, store) = try Self.store()
    try Self.book(store, "IO-1", advertiser: "adv-c", goal: 1200, status: "draft")
    let service = ManageIOs(store: store)
    await #expect(throws: AvailsError.self) {
      _ = try await service.schedule("IO-1", allowConflict: false, strict: true, shares: .standard)
    }
    let status = try await store.writer.read { db in
      try String.fetchOne(db, sql: "SELECT status FROM io_bookings WHERE io_id = 'IO-1'")
    }
    #expect(status == "draft")
    let (_, warnings) = try await service.schedule(
      "IO-1", allowConflict: false, strict: false, shares: .standard)
    #expect(warnings.map(\.wanted) == [1200])
    #expect(warnings.first?.contendingIOs == [])
  }

  @Test("the sell_through table: both periods per show and placement, rewritten only on change")
  func sellThroughTable() throws {
    let (_, store) = try Self.store()
    try Self.book(store, "IO-1", advertiser: "adv-b", goal: 700)
    let refresh = RefreshSellThrough(store: store)
    #expect(try refresh.run())
    #expect(try !refresh.run())
    let rows = try store.writer.read { db in
      try Row.fetchAll(
        db,
        sql: """
          SELECT show_id, period, placement, status, inventory, sold_delivered, sold_undelivered,
            available, first_day, last_day, as_of
          FROM sell_through ORDER BY show_id, period, placement
          """)
    }
    #expect(rows.count == 12)
    let future = try #require(
      rows.first {
        $0["show_id"] == "weekly" && $0["period"] == "next_4_weeks" && $0["placement"] == "mid"
      })
    #expect(future["inventory"] == 4648 as Int64)
    #expect(future["sold_undelivered"] == 700 as Int64)
    #expect(future["available"] == 3948 as Int64)
    #expect(future["first_day"] == "2026-11-25" && future["last_day"] == "2026-12-22")
    let past = try #require(
      rows.first {
        $0["show_id"] == "weekly" && $0["period"] == "last_30_days" && $0["placement"] == "pre"
      })
    #expect(past["inventory"] == 4648 as Int64)
    #expect(past["available"] == 4648 as Int64)
    let young = try #require(
      rows.first {
        $0["show_id"] == "young" && $0["period"] == "next_4_weeks" && $0["placement"] == "pre"
      })
    #expect(young["status"] == "insufficient_history")
    #expect((young["inventory"] as Int64?) == nil)
    try Self.book(store, "IO-2", advertiser: "adv-c", goal: 100)
    #expect(try refresh.run())
  }
}
