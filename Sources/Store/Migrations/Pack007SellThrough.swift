extension MigrationPack {
  /// Version 7: `sell_through`, the avails figures the dashboards show (issue 25).
  ///
  /// Per show, period and placement: inventory split into sold and delivered, sold and not
  /// delivered, and available, for the last 30 days (recorded impressions) and the next 4 weeks
  /// (the forecast). Computed by the `Avails` model in Swift (`RefreshSellThrough`, before every
  /// dashboard build), since report SQL cannot run the forecast; the table is a cache the
  /// refresh replaces whole when its figures change. Documented in `docs/schema.md` and
  /// `docs/avails.md`.
  static let sellThrough = MigrationPack(
    version: 7,
    name: "sell-through",
    up: #"""
      CREATE TABLE sell_through (
        show_id          TEXT NOT NULL REFERENCES shows(show_id) ON DELETE CASCADE,
        period           TEXT NOT NULL CHECK (period IN ('last_30_days', 'next_4_weeks')),
        placement        TEXT NOT NULL CHECK (placement IN ('pre', 'mid', 'post')),
        first_day        TEXT NOT NULL CHECK (date(first_day) IS first_day),
        last_day         TEXT NOT NULL CHECK (date(last_day) IS last_day),
        status           TEXT NOT NULL CHECK (status IN ('ok', 'insufficient_history')),
        inventory        INTEGER,
        sold_delivered   INTEGER,
        sold_undelivered INTEGER,
        available        INTEGER,
        as_of            TEXT NOT NULL CHECK (date(as_of) IS as_of),
        PRIMARY KEY (show_id, period, placement),
        CHECK ((status = 'ok') = (inventory IS NOT NULL))
      ) STRICT;
      """#,
    down: #"""
      DROP TABLE sell_through;
      """#
  )
}
