extension MigrationPack {
  /// Version 5: `metrics_daily_resolved` answered from the unique index, without a sort per row.
  ///
  /// Same rows and columns as version 3 (one row per day and episode; where several sources report
  /// the same day and episode, the first of `megaphone`, `spotify`, `apple`, `csv`, then any other
  /// source alphabetically). Version 3 picked that source with `ORDER BY CASE … LIMIT 1` in a
  /// correlated subquery, which SQLite runs with a temporary B-tree for every row. This form keeps a
  /// row when no row of the same day and episode has a better-ranked source, a `NOT EXISTS` read
  /// from `ux_metrics_daily_day_ep_source` alone: a `megaphone` row needs no probe, `spotify`,
  /// `apple` and `csv` rows probe the index for the exact better sources, and any other source probes
  /// the `(day, episode_id)` prefix for a named source or a smaller one (binary collation, as
  /// `ORDER BY p.source` compared).
  /// `Tests/StoreTests/ResolvedMetricsViewTests.swift` compares both definitions row for row.
  static let resolvedMetricsIndexed = MigrationPack(
    version: 5,
    name: "metrics-resolved-indexed",
    up: #"""
      DROP VIEW metrics_daily_resolved;
      CREATE VIEW metrics_daily_resolved AS
        SELECT m.day, m.episode_id, m.source, m.downloads, m.listeners, m.impressions
        FROM metrics_daily m
        WHERE CASE m.source
          WHEN 'megaphone' THEN 1
          WHEN 'spotify' THEN NOT EXISTS (
            SELECT 1 FROM metrics_daily p
            WHERE p.day = m.day AND p.episode_id = m.episode_id AND p.source = 'megaphone')
          WHEN 'apple' THEN NOT EXISTS (
            SELECT 1 FROM metrics_daily p
            WHERE p.day = m.day AND p.episode_id = m.episode_id
              AND p.source IN ('megaphone', 'spotify'))
          WHEN 'csv' THEN NOT EXISTS (
            SELECT 1 FROM metrics_daily p
            WHERE p.day = m.day AND p.episode_id = m.episode_id
              AND p.source IN ('megaphone', 'spotify', 'apple'))
          ELSE NOT EXISTS (
            SELECT 1 FROM metrics_daily p
            WHERE p.day = m.day AND p.episode_id = m.episode_id
              AND (p.source < m.source OR p.source IN ('megaphone', 'spotify', 'apple', 'csv')))
        END;
      """#,
    down: #"""
      DROP VIEW metrics_daily_resolved;
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
      """#
  )
}
