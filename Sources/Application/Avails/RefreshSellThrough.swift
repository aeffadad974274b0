import Avails
import Foundation
import GRDB
import Pipeline
import Store

/// Recomputes the `sell_through` table the dashboards read (``SellThrough``): every show ×
/// placement, the last 30 days and the next 4 weeks, as of the last day with metrics.
///
/// Runs before a dashboard build (`reports build`, `reports run --due`, the server's dashboard
/// pages, `demo`). The table is replaced only when a figure changed, so a refresh on unchanged data
/// writes nothing (and does not invalidate the server's dashboard cache). Placement shares come
/// from `./avails.json` when it exists (see docs/avails.md).
///
/// A refresh whose inputs did not change since the last one is skipped without computing: the
/// fingerprint of the inputs (the `data_versions` markers of ``inputTables``, the number of
/// metrics rows, the shares — the figures do not depend on the clock: the as-of day is the last
/// day with metrics) and of the table itself (its marker after the refresh's own write) is kept in
/// `derived_state` (migration pack 10). A database without pack 10 is always recomputed.
public struct RefreshSellThrough: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Recomputes; returns `true` when the table changed.
  @discardableResult
  public func run(shares: PlacementShares = .standard) throws -> Bool {
    let (rows, inputs) = try store.writer.read { db in try Self.computeIfChanged(db, shares: shares)
    }
    guard let rows else { return false }
    return try store.writer.write { db in try Self.replace(db, with: rows, inputs: inputs) }
  }

  /// ``run(shares:)`` through the store's asynchronous reads and writes, for callers on Swift's
  /// cooperative threads (the server).
  @discardableResult
  public func refresh(shares: PlacementShares = .standard) async throws -> Bool {
    let (rows, inputs) = try await store.writer.read { db in
      try Self.computeIfChanged(db, shares: shares)
    }
    guard let rows else { return false }
    return try await store.writer.write { db in try Self.replace(db, with: rows, inputs: inputs) }
  }

  /// The tables ``compute(_:shares:)`` reads (`metrics_daily_resolved` is a view of
  /// `metrics_daily`). A test compares the list with the tables SQLite reports its statements read.
  static let inputTables = ["campaigns", "episodes", "io_bookings", "metrics_daily", "shows"]

  /// The name of the table's row in `derived_state`.
  static let derivedStateName = "sell_through"

  /// The figures, or `nil` when the fingerprint recorded by the last refresh matches (nothing to
  /// do); with the inputs' part of the fingerprint (`nil` when the database cannot mark them).
  static func computeIfChanged(_ db: Database, shares: PlacementShares) throws -> (
    [Figures]?, String?
  ) {
    let inputs = try Self.inputsFingerprint(db, shares: shares)
    if let inputs, let recorded = try Self.recordedFingerprint(db),
      recorded == (try Self.fingerprint(db, inputs: inputs))
    {
      return (nil, inputs)
    }
    return (try Self.compute(db, shares: shares), inputs)
  }

  /// The part of the fingerprint the figures follow from: the markers of ``inputTables``, the
  /// number of metrics rows (a `VACUUM` may renumber rowids, which the `metrics_daily` marker
  /// uses) and the shares; `nil` without pack 10 or when a table has no marker.
  static func inputsFingerprint(_ db: Database, shares: PlacementShares) throws -> String? {
    guard try db.tableExists("derived_state") else { return nil }
    guard let marker = try DataVersions.read(db).marker(of: inputTables) else { return nil }
    let rows = try Int64.fetchOne(db, sql: "SELECT count(*) FROM metrics_daily") ?? 0
    return "\(marker);metrics_rows=\(rows);shares=\(Self.describe(shares))"
  }

  /// `inputs` with the table's own marker: a write to `sell_through` by anything but a refresh
  /// (a restore, an edit) makes the next refresh recompute.
  static func fingerprint(_ db: Database, inputs: String) throws -> String? {
    guard let own = try DataVersions.read(db).tables["sell_through"] else { return nil }
    return "\(inputs);sell_through=\(own)"
  }

  /// The fingerprint the last refresh recorded, if any.
  static func recordedFingerprint(_ db: Database) throws -> String? {
    guard try db.tableExists("derived_state") else { return nil }
    return try String.fetchOne(
      db, sql: "SELECT fingerprint FROM derived_state WHERE name = ?",
      arguments: [derivedStateName])
  }

  /// The shares as stable text: every placement of the default, then every show's, sorted.
  static func describe(_ shares: PlacementShares) -> String {
    func split(_ split: PlacementShares.Split) -> String {
      Placement.allCases.map { "\($0.rawValue):\(split[$0].map { String($0) } ?? "-")" }
        .joined(separator: ",")
    }
    let shows = shares.shows.keys.sorted().map { "\($0)=\(split(shares.shows[$0]!))" }
    return ([split(shares.defaultSplit)] + shows).joined(separator: "/")
  }

  /// ``replace(_:with:)``, then records the fingerprint of `inputs` (read with the figures) and of
  /// the table as it now is, when the database can mark them.
  static func replace(_ db: Database, with rows: [Figures], inputs: String?) throws -> Bool {
    let changed = try replace(db, with: rows)
    if let inputs, let fingerprint = try Self.fingerprint(db, inputs: inputs) {
      try db.execute(
        sql: """
          INSERT INTO derived_state (name, fingerprint) VALUES (?, ?)
          ON CONFLICT (name) DO UPDATE SET fingerprint = excluded.fingerprint
          """, arguments: [derivedStateName, fingerprint])
    }
    return changed
  }

  /// The table's rows as comparable keys (``key(_:)``), in key order.
  static func storedKeys(_ db: Database) throws -> [String] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT show_id, period, placement, first_day, last_day, status, inventory,
          sold_delivered, sold_undelivered, available, as_of
        FROM sell_through ORDER BY show_id, period, placement
        """
    ).map(Self.key)
  }

  /// Replaces the table with `rows` when they differ from it; returns whether it did.
  static func replace(_ db: Database, with rows: [Figures]) throws -> Bool {
    let current = try storedKeys(db)
    let wanted = rows.map(Self.key).sorted()
    guard current.sorted() != wanted else { return false }
    try db.execute(sql: "DELETE FROM sell_through")
    for figures in rows {
      let known = figures.gap == nil
      try db.execute(
        sql: """
          INSERT INTO sell_through (show_id, period, placement, first_day, last_day, status,
            inventory, sold_delivered, sold_undelivered, available, as_of)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
          """,
        arguments: [
          figures.showID, figures.period.rawValue, figures.placement.rawValue,
          figures.first.description, figures.last.description,
          known ? "ok" : "insufficient_history", known ? figures.inventory : nil,
          known ? figures.soldDelivered : nil, known ? figures.soldUndelivered : nil,
          known ? figures.available : nil, figures.asOf.description,
        ])
    }
    return true
  }

  /// ``runForDashboards(throttle:)`` through the store's asynchronous reads and writes.
  @discardableResult
  public func refreshForDashboards(throttle: TimeInterval = 0) async -> String? {
    if throttle > 0, !Self.recent.claim(store.path, within: throttle) { return nil }
    do {
      try await refresh(shares: PlacementShares.resolve(explicit: nil))
      return nil
    } catch {
      return "the sell-through figures were not refreshed: \(error)"
    }
  }

  /// Refreshes and never fails the caller: a dashboard build goes on with the figures it has.
  /// Returns the error's sentence when the refresh failed. With `throttle`, a store refreshed less
  /// than that many seconds ago (by this process) is left as it is: the server's dashboard pages
  /// refresh at most once a minute rather than on every request.
  @discardableResult
  public func runForDashboards(throttle: TimeInterval = 0) -> String? {
    if throttle > 0, !Self.recent.claim(store.path, within: throttle) { return nil }
    do {
      try run(shares: PlacementShares.resolve(explicit: nil))
      return nil
    } catch {
      return "the sell-through figures were not refreshed: \(error)"
    }
  }

  /// When each store was last refreshed by this process.
  static let recent = RecentRefreshes()

  final class RecentRefreshes: @unchecked Sendable {
    private let lock = NSLock()
    private var last: [String: Date] = [:]

    /// True (and records now) when `path` was not refreshed within `seconds`.
    func claim(_ path: String, within seconds: TimeInterval) -> Bool {
      lock.lock()
      defer { lock.unlock() }
      let now = Date()
      if let previous = last[path], now.timeIntervalSince(previous) < seconds { return false }
      last[path] = now
      return true
    }
  }

  /// The figures of every show and placement.
  static func compute(_ db: Database, shares: PlacementShares) throws -> [Figures] {
    guard let asOf = try AvailsReads.lastMetricsDay(db) else { return [] }
    let shows = try AvailsReads.shows(db, only: []).map(\.id)
    let histories = try AvailsReads.histories(
      db, showIDs: shows, from: asOf.adding(days: -(SellThrough.pastDays - 1)), through: asOf)
    let from = asOf.adding(days: 1)
    let through = asOf.adding(days: SellThrough.futureDays)
    let contending = Dictionary(
      grouping: try AvailsReads.contending(
        db, showIDs: Set(shows), from: from, through: through, asOf: asOf, excluding: nil),
      by: \.showID)
    let booked = Dictionary(
      grouping: try Self.booked(
        db, from: asOf.adding(days: -(SellThrough.pastDays - 1)), through: asOf),
      by: \.showID)
    var rows: [Figures] = []
    for show in shows {
      guard let history = histories[show] else { continue }
      let forecast = ForecastModel.forecast(history, asOf: asOf, from: from, through: through)
      for placement in Placement.allCases {
        let share = shares.share(placement, show: show)
        rows.append(
          Figures(
            SellThrough.past(
              history: history, placement: placement, share: share, asOf: asOf,
              bookings: booked[show] ?? []), asOf: asOf))
        rows.append(
          Figures(
            SellThrough.future(
              forecast: forecast, placement: placement, share: share, asOf: asOf,
              contending: contending[show] ?? []), asOf: asOf))
      }
    }
    return rows
  }

  /// Scheduled, live and completed IOs overlapping `from...through`, with their goals.
  static func booked(_ db: Database, from: Day, through: Day) throws -> [ContendingIO] {
    try Row.fetchAll(
      db,
      sql: """
        SELECT io.io_id, c.advertiser_id, io.show_id, io.placement, io.flight_start, io.flight_end,
          io.status, io.rate_type, io.impressions_goal, io.spots
        FROM io_bookings io JOIN campaigns c ON c.campaign_id = io.campaign_id
        WHERE io.status IN ('scheduled', 'live', 'completed')
          AND io.flight_start <= ? AND io.flight_end >= ?
        """, arguments: [through.description, from.description]
    ).compactMap { row in
      guard let placement = Placement(rawValue: row["placement"]),
        let start = Day(parsing: row["flight_start"]), let end = Day(parsing: row["flight_end"]),
        let flight = Flight(start: start, end: end), let status = IOStatus(rawValue: row["status"])
      else { return nil }
      let goal: ContendingIO.Goal =
        (row["rate_type"] as String) == "cpm"
        ? .cpm(goal: row["impressions_goal"] ?? 0, delivered: 0) : .flat(spots: row["spots"] ?? 0)
      return ContendingIO(
        ioID: row["io_id"], advertiserID: row["advertiser_id"], showID: row["show_id"],
        placement: placement, flight: flight, status: status, goal: goal)
    }
  }

  /// One row of the table.
  struct Figures {
    let figures: SellThroughFigures
    let asOf: Day
    init(_ figures: SellThroughFigures, asOf: Day) {
      self.figures = figures
      self.asOf = asOf
    }
    var showID: String { figures.showID }
    var period: SellThroughFigures.Period { figures.period }
    var placement: Placement { figures.placement }
    var first: Day { figures.first }
    var last: Day { figures.last }
    var gap: ShowForecast.Gap? { figures.gap }
    var inventory: Int64 { figures.inventory }
    var soldDelivered: Int64 { figures.soldDelivered }
    var soldUndelivered: Int64 { figures.soldUndelivered }
    var available: Int64 { figures.available }
  }

  /// A row as comparable text.
  static func key(_ row: Row) -> String {
    (0..<11).map { index in
      let value: DatabaseValue = row[index]
      return value.isNull ? "∅" : "\(value.storage)"
    }.joined(separator: "|")
  }

  static func key(_ figures: Figures) -> String {
    let known = figures.gap == nil
    let values: [DatabaseValueConvertible?] = [
      figures.showID, figures.period.rawValue, figures.placement.rawValue,
      figures.first.description, figures.last.description, known ? "ok" : "insufficient_history",
      known ? figures.inventory : nil, known ? figures.soldDelivered : nil,
      known ? figures.soldUndelivered : nil, known ? figures.available : nil,
      figures.asOf.description,
    ]
    return values.map { value in
      let dbValue = value?.databaseValue ?? .null
      return dbValue.isNull ? "∅" : "\(dbValue.storage)"
    }.joined(separator: "|")
  }
}
