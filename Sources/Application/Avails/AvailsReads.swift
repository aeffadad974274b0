import Avails
import GRDB
import Pipeline
import Store

/// The SQL reads behind avails, forecasts and backtests: histories, bookings, holds and scores.
///
/// Impressions come from `metrics_daily_resolved` (one source per episode and day, as delivery
/// counts them), summed per show and day.
enum AvailsReads {
  /// The last day with any metrics row, or `nil` for an empty table.
  static func lastMetricsDay(_ db: Database) throws -> Day? {
    try String.fetchOne(db, sql: "SELECT max(day) FROM metrics_daily").flatMap(Day.init(parsing:))
  }

  /// Show ids and names, by id; `only` restricts them (an unknown id is an error).
  static func shows(_ db: Database, only: [String]) throws -> [(id: String, name: String)] {
    let rows = try Row.fetchAll(db, sql: "SELECT show_id, name FROM shows ORDER BY show_id")
    let all = rows.map { (id: $0[0] as String, name: $0[1] as String) }
    guard !only.isEmpty else { return all }
    let byID = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    var seen = Set<String>()
    return try only.compactMap { id in
      guard let show = byID[id] else { throw PipelineError.showNotFound(id) }
      return seen.insert(id).inserted ? show : nil
    }
  }

  /// Each show's history: first metrics day, impressions per day over `from...through`, releases.
  static func histories(_ db: Database, showIDs: [String], from: Day, through: Day) throws
    -> [String: ShowHistory]
  {
    let wanted = Set(showIDs)
    var firstDays: [String: Day] = [:]
    // Per episode the first day comes from ix_metrics_daily_episode_day, one probe each.
    for row in try Row.fetchAll(
      db,
      sql: """
        SELECT e.show_id,
          min((SELECT min(m.day) FROM metrics_daily m WHERE m.episode_id = e.episode_id))
        FROM episodes e GROUP BY e.show_id
        """)
    {
      let show: String = row[0]
      if wanted.contains(show), let text: String = row[1], let day = Day(parsing: text) {
        firstDays[show] = day
      }
    }
    // Episode → show (wanted shows only) and each show's releases, from one scan of episodes.
    var showOfEpisode: [String: String] = [:]
    var releases: [String: [Day]] = [:]
    for row in try Row.fetchAll(
      db,
      sql: "SELECT episode_id, show_id, published_on FROM episodes ORDER BY show_id, published_on")
    {
      let show: String = row[1]
      guard wanted.contains(show) else { continue }
      showOfEpisode[row[0]] = show
      if let day = Day(parsing: row[2]) { releases[show, default: []].append(day) }
    }
    // One row per episode and day (the view picks the source); summed per show here rather than
    // with GROUP BY, which would sort every row in a temporary B-tree.
    var daily: [String: [Day: Int64]] = [:]
    var days: [String: Day] = [:]
    let cursor = try Row.fetchCursor(
      db,
      sql: """
        SELECT m.episode_id, m.day, m.impressions FROM metrics_daily_resolved m
        WHERE m.day BETWEEN ? AND ?
        """, arguments: [from.description, through.description])
    while let row = try cursor.next() {
      let episode: String = row[0]
      guard let show = showOfEpisode[episode] else { continue }
      let text: String = row[1]
      let day: Day
      if let known = days[text] {
        day = known
      } else {
        guard let parsed = Day(parsing: text) else { continue }
        days[text] = parsed
        day = parsed
      }
      daily[show, default: [:]][day, default: 0] += row[2]
    }
    var result: [String: ShowHistory] = [:]
    for show in showIDs {
      result[show] = ShowHistory(
        showID: show, firstDay: firstDays[show], impressions: daily[show] ?? [:],
        releases: releases[show] ?? [])
    }
    return result
  }

  /// Scheduled and live IOs on `showIDs` whose flights overlap `from...through`, with CPM lines'
  /// delivery as of `asOf`.
  static func contending(
    _ db: Database, showIDs: Set<String>, from: Day, through: Day, asOf: Day, excluding: String?
  ) throws -> [ContendingIO] {
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT io.io_id, c.advertiser_id, io.show_id, io.placement, io.flight_start, io.flight_end,
          io.status, io.rate_type, io.impressions_goal, io.spots
        FROM io_bookings io JOIN campaigns c ON c.campaign_id = io.campaign_id
        WHERE io.status IN ('scheduled', 'live') AND io.flight_start <= ? AND io.flight_end >= ?
          AND io.io_id IS NOT ?
        ORDER BY io.show_id, io.io_id
        """, arguments: [through.description, from.description, excluding])
    var result: [ContendingIO] = []
    for row in rows {
      let show: String = row["show_id"]
      guard showIDs.contains(show), let placement = Placement(rawValue: row["placement"]),
        let start = Day(parsing: row["flight_start"]), let end = Day(parsing: row["flight_end"]),
        let flight = Flight(start: start, end: end), let status = IOStatus(rawValue: row["status"])
      else { continue }
      let goal: ContendingIO.Goal
      if (row["rate_type"] as String) == "cpm" {
        let delivered = try DeliveryCalculator.impressions(
          db, showID: show, from: start, through: min(end, asOf))
        goal = .cpm(goal: row["impressions_goal"] ?? 0, delivered: delivered)
      } else {
        goal = .flat(spots: row["spots"] ?? 0)
      }
      result.append(
        ContendingIO(
          ioID: row["io_id"], advertiserID: row["advertiser_id"], showID: show,
          placement: placement, flight: flight, status: status, goal: goal))
    }
    return result
  }

  /// Booked IOs (scheduled, live, completed) of advertisers other than `advertiserID` whose
  /// category is `category` (compared trimmed, without regard to case; an empty category holds
  /// nothing), overlapping `from...through`.
  static func holds(
    _ db: Database, category: String, advertiserID: String?, from: Day, through: Day
  ) throws -> [SeparationHold] {
    let trimmed = category.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty else { return [] }
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT io.io_id, c.advertiser_id, a.category, io.show_id, io.placement, io.flight_start,
          io.flight_end, io.status
        FROM io_bookings io JOIN campaigns c ON c.campaign_id = io.campaign_id
        JOIN advertisers a ON a.advertiser_id = c.advertiser_id
        WHERE io.status IN ('scheduled', 'live', 'completed')
          AND io.flight_start <= ? AND io.flight_end >= ?
          AND lower(trim(a.category)) = lower(?)
          AND c.advertiser_id IS NOT ?
        ORDER BY io.show_id, io.io_id
        """, arguments: [through.description, from.description, trimmed, advertiserID])
    return rows.compactMap { row in
      guard let placement = Placement(rawValue: row["placement"]),
        let start = Day(parsing: row["flight_start"]), let end = Day(parsing: row["flight_end"]),
        let flight = Flight(start: start, end: end), let status = IOStatus(rawValue: row["status"])
      else { return nil }
      return SeparationHold(
        ioID: row["io_id"], advertiserID: row["advertiser_id"], category: row["category"],
        showID: row["show_id"], placement: placement, flight: flight, status: status)
    }
  }

  /// The advertiser's category; throws when the advertiser does not exist.
  static func category(_ db: Database, advertiserID: String) throws -> String {
    guard
      let category = try String.fetchOne(
        db, sql: "SELECT category FROM advertisers WHERE advertiser_id = ?",
        arguments: [advertiserID])
    else { throw PipelineError.advertiserNotFound(advertiserID) }
    return category
  }

  /// The advertiser's stored match scores and ranks by show.
  static func scores(_ db: Database, advertiserID: String) throws -> [String: (Double, Int)] {
    var result: [String: (Double, Int)] = [:]
    for row in try Row.fetchAll(
      db, sql: "SELECT show_id, score, rank FROM matches WHERE advertiser_id = ?",
      arguments: [advertiserID])
    {
      result[row[0]] = (row[1], row[2])
    }
    return result
  }
}
