extension MigrationPack {
  /// Version 3: the view `metrics_daily_resolved`, one row per day and episode.
  ///
  /// Sources measure the same downloads, so they are never added together. Where several sources
  /// report the same day and episode, the view keeps one, in this order of preference: `megaphone`
  /// (the hosting platform's server-side counts), `spotify`, `apple`, `csv`, then any other source
  /// alphabetically. Delivery, pacing, dashboards and matchmaking all read this view, so they agree.
  ///
  /// The correlated subquery uses `ux_metrics_daily_day_ep_source`, and SQLite pushes a caller's
  /// `WHERE` on `day` or `episode_id` into the view, so filtered reads stay index lookups.
  static let resolvedMetrics = MigrationPack(
    version: 3,
    name: "metrics-resolved-view",
    up: #"""
      CREATE VIEW metrics_daily_resolved AS
        SELECT m.day, m.episode_id, m.source, m.downloads, m.listeners, m.impressions
        FROM metrics_daily m
        WHERE m.source = (
          SELECT p.source FROM metrics_daily p
          WHERE p.day = m.day AND p.episode_id = m.episode_id
          ORDER BY CASE p.source
                     WHEN 'megaphone' THEN 0 WHEN 'spotify' THEN 1 WHEN 'apple' THEN 2
                     WHEN 'csv' THEN 3 ELSE 4 END,
                   p.source
          LIMIT 1);
      """#,
    down: #"""
      DROP VIEW metrics_daily_resolved;
      """#
  )
}
