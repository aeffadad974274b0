extension MigrationPack {
  /// Version 2: `report_runs`, one row per scheduled report: its last successful run and the claim
  /// that makes `cuesheet reports run --due` build a due report exactly once when runs overlap.
  ///
  /// Documented in `docs/schema.md` (`## report_runs`).
  static let reports = MigrationPack(
    version: 2,
    name: "reports",
    up: #"""
      CREATE TABLE report_runs (
        report          TEXT PRIMARY KEY CHECK (length(report) BETWEEN 1 AND 128),
        schedule        TEXT,
        time_zone       TEXT,
        last_run_at     TEXT,
        last_success_at TEXT,
        last_status     TEXT CHECK (last_status IN ('succeeded', 'failed')),
        last_error      TEXT,
        pages           INTEGER CHECK (pages >= 0),
        duration_ms     INTEGER CHECK (duration_ms >= 0),
        claim_token     TEXT,
        claimed_at      TEXT,
        updated_at      TEXT NOT NULL,
        CHECK ((claim_token IS NULL) = (claimed_at IS NULL))
      ) STRICT;
      """#,
    down: #"""
      DROP TABLE report_runs;
      """#
  )
}
