import Foundation
import Store

/// The network's headline figures on the index page: downloads and ad impressions over the last
/// 30 days of metrics (against the 30 before), live IOs, live IOs at risk, and the weighted open
/// pipeline.
///
/// Definitions match the operations dashboard (`reports/ops.md`): one measurement source per
/// episode and day (the highest); an IO is at risk when live and pacing under 90% (delivered ÷
/// (goal × elapsed flight days ÷ flight days)); the open pipeline weights lead 10%, qualified 25%,
/// proposal 50%, negotiation 75%, and leaves out campaigns whose end date has passed.
struct HeadlineFigures: Sendable, Equatable, Codable {
  var downloads30: Int64 = 0
  var downloadsPrevious30: Int64 = 0
  var impressions30: Int64 = 0
  var impressionsPrevious30: Int64 = 0
  var liveIOs: Int64 = 0
  var atRiskIOs: Int64 = 0
  /// Weighted open pipeline, in cents.
  var weightedPipelineCents: Int64 = 0

  static let sql = """
    WITH asof AS MATERIALIZED (SELECT coalesce(max(day), :today) AS d FROM metrics_daily),
    recent AS MATERIALIZED (
      SELECT m.day, m.downloads, m.impressions FROM metrics_daily_resolved m
      WHERE m.day > date((SELECT d FROM asof), '-60 days')
    ),
    live AS MATERIALIZED (
      SELECT io.io_id, io.show_id, io.flight_start, io.flight_end, io.impressions_goal,
        julianday(io.flight_end) - julianday(io.flight_start) + 1 AS flight_days,
        max(0, min(julianday(io.flight_end), julianday((SELECT d FROM asof)))
          - julianday(io.flight_start) + 1) AS elapsed_days
      FROM io_bookings io WHERE io.status = 'live'
    ),
    delivery AS (
      SELECT live.*, (SELECT coalesce(sum(m.impressions), 0)
          FROM episodes e JOIN metrics_daily_resolved m ON m.episode_id = e.episode_id
          WHERE e.show_id = live.show_id AND m.day BETWEEN live.flight_start AND live.flight_end)
        AS delivered
      FROM live WHERE live.impressions_goal > 0 AND live.elapsed_days > 0
    )
    SELECT
      (SELECT coalesce(sum(downloads), 0) FROM recent WHERE day > date((SELECT d FROM asof), '-30 days')),
      (SELECT coalesce(sum(downloads), 0) FROM recent WHERE day <= date((SELECT d FROM asof), '-30 days')),
      (SELECT coalesce(sum(impressions), 0) FROM recent WHERE day > date((SELECT d FROM asof), '-30 days')),
      (SELECT coalesce(sum(impressions), 0) FROM recent WHERE day <= date((SELECT d FROM asof), '-30 days')),
      (SELECT count(*) FROM live),
      (SELECT count(*) FROM delivery
        WHERE delivered * 1.0 / (impressions_goal * elapsed_days / flight_days) < 0.9),
      (SELECT coalesce(CAST(round(sum(budget_cents * CASE stage WHEN 'lead' THEN 0.1
          WHEN 'qualified' THEN 0.25 WHEN 'proposal' THEN 0.5 WHEN 'negotiation' THEN 0.75 END)) AS INTEGER), 0)
        FROM campaigns
        WHERE stage IN ('lead', 'qualified', 'proposal', 'negotiation')
          AND (ends_on IS NULL OR ends_on >= :today))
    """

  /// Reads the figures with the report build's connection and parameters (`:today`).
  static func read(_ runner: QueryRunner, parameters: TemplateRecord) throws -> HeadlineFigures {
    let result: QueryResult
    do {
      result = try runner.run(sql, parameters: parameters)
    } catch {
      throw ReportError.query(
        file: "index", location: TemplateLocation(line: 1, column: 1), query: "headline figures",
        message: error.message)
    }
    guard let row = result.rows.first else { return HeadlineFigures() }
    func int(_ index: Int) -> Int64 {
      if case .int(let value) = row.values[index] { return value }
      return Int64(row.values[index].doubleValue ?? 0)
    }
    return HeadlineFigures(
      downloads30: int(0), downloadsPrevious30: int(1), impressions30: int(2),
      impressionsPrevious30: int(3), liveIOs: int(4), atRiskIOs: int(5),
      weightedPipelineCents: int(6))
  }

  /// The figures of the previous build when nothing they are read from changed (the tables
  /// ``sql`` reads, `:today`, the program), else read afresh.
  static func cached(
    _ previous: Manifest.Headline?, runner: QueryRunner, parameters: TemplateRecord,
    versions: DataVersions?
  ) throws -> Manifest.Headline {
    var inputs: String?
    if let versions, let found = runner.dependencies(of: sql), !found.volatile,
      let data = versions.marker(of: found.tables)
    {
      var hasher = PageHasher()
      hasher.add("headline")
      hasher.add(PageHasher.rendererIdentity)
      var hashed = parameters
      hashed.set("built_at", .null)  // not read by the figures' SQL; changes every build
      hasher.add(hashed)
      hasher.add(data)
      inputs = hasher.hex
    }
    if let inputs, let previous, previous.inputs == inputs { return previous }
    return Manifest.Headline(inputs: inputs, figures: try read(runner, parameters: parameters))
  }

  /// The figures as KPI cards.
  var kpis: [KPI] {
    func change(_ now: Int64, _ before: Int64) -> Double? {
      before == 0 ? nil : Double(now - before) / Double(before)
    }
    return [
      KPI(
        label: "Downloads (30 days)", value: ValueFormat.number.format(.int(downloads30)),
        change: change(downloads30, downloadsPrevious30)),
      KPI(
        label: "Ad impressions (30 days)", value: ValueFormat.number.format(.int(impressions30)),
        change: change(impressions30, impressionsPrevious30)),
      KPI(label: "Live IOs", value: ValueFormat.number.format(.int(liveIOs)), change: nil),
      KPI(
        label: "Live IOs at risk (pacing under 90%)",
        value: ValueFormat.number.format(.int(atRiskIOs)), change: nil),
      KPI(
        label: "Weighted open pipeline",
        value: CompactNumber.format(Double(weightedPipelineCents), format: .currency, places: 1),
        change: nil),
    ]
  }
}
