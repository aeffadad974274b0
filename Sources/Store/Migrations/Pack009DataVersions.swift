extension MigrationPack {
  /// Version 9: `data_versions`, a change counter per table that survives across connections and
  /// processes, so a dashboard build can tell which pages' inputs changed without running their
  /// queries (issue 16).
  ///
  /// SQLite's `PRAGMA data_version` is per connection and starts afresh with every process, so it
  /// cannot tell a later build what changed. Here an `AFTER INSERT`, `AFTER UPDATE` and `AFTER
  /// DELETE` trigger on every table adds one to the table's row in `data_versions` — except inserts
  /// into `metrics_daily`, where a trigger per row would slow the importer: a new metrics row always
  /// takes a rowid above every existing one (the table has no `INTEGER PRIMARY KEY` and nothing
  /// inserts an explicit rowid), so `max(rowid)` marks inserts there, and the triggers mark updates
  /// (an upsert that changes a value) and deletes (after which a rowid could be reused).
  /// `DataVersions.read` combines the two. The counters only ever grow; a rolled-back transaction
  /// rolls its increments back with its rows. Documented in `docs/schema.md` and `docs/reports.md`.
  static let dataVersions = MigrationPack(
    version: 9,
    name: "data-versions",
    up: #"""
      CREATE TABLE data_versions (
        table_name TEXT PRIMARY KEY,
        version    INTEGER NOT NULL DEFAULT 0 CHECK (version >= 0)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO data_versions (table_name) VALUES
        ('shows'),
        ('episodes'),
        ('imports'),
        ('metrics_daily'),
        ('advertisers'),
        ('campaigns'),
        ('io_bookings'),
        ('matches'),
        ('events'),
        ('report_runs'),
        ('api_tokens'),
        ('io_documents'),
        ('sell_through');
      CREATE TRIGGER tr_shows_version_insert AFTER INSERT ON shows
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'shows'; END;
      CREATE TRIGGER tr_shows_version_update AFTER UPDATE ON shows
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'shows'; END;
      CREATE TRIGGER tr_shows_version_delete AFTER DELETE ON shows
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'shows'; END;
      CREATE TRIGGER tr_episodes_version_insert AFTER INSERT ON episodes
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'episodes'; END;
      CREATE TRIGGER tr_episodes_version_update AFTER UPDATE ON episodes
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'episodes'; END;
      CREATE TRIGGER tr_episodes_version_delete AFTER DELETE ON episodes
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'episodes'; END;
      CREATE TRIGGER tr_imports_version_insert AFTER INSERT ON imports
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'imports'; END;
      CREATE TRIGGER tr_imports_version_update AFTER UPDATE ON imports
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'imports'; END;
      CREATE TRIGGER tr_imports_version_delete AFTER DELETE ON imports
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'imports'; END;
      CREATE TRIGGER tr_metrics_daily_version_update AFTER UPDATE ON metrics_daily
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'metrics_daily'; END;
      CREATE TRIGGER tr_metrics_daily_version_delete AFTER DELETE ON metrics_daily
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'metrics_daily'; END;
      CREATE TRIGGER tr_advertisers_version_insert AFTER INSERT ON advertisers
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'advertisers'; END;
      CREATE TRIGGER tr_advertisers_version_update AFTER UPDATE ON advertisers
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'advertisers'; END;
      CREATE TRIGGER tr_advertisers_version_delete AFTER DELETE ON advertisers
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'advertisers'; END;
      CREATE TRIGGER tr_campaigns_version_insert AFTER INSERT ON campaigns
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'campaigns'; END;
      CREATE TRIGGER tr_campaigns_version_update AFTER UPDATE ON campaigns
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'campaigns'; END;
      CREATE TRIGGER tr_campaigns_version_delete AFTER DELETE ON campaigns
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'campaigns'; END;
      CREATE TRIGGER tr_io_bookings_version_insert AFTER INSERT ON io_bookings
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_bookings'; END;
      CREATE TRIGGER tr_io_bookings_version_update AFTER UPDATE ON io_bookings
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_bookings'; END;
      CREATE TRIGGER tr_io_bookings_version_delete AFTER DELETE ON io_bookings
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_bookings'; END;
      CREATE TRIGGER tr_matches_version_insert AFTER INSERT ON matches
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'matches'; END;
      CREATE TRIGGER tr_matches_version_update AFTER UPDATE ON matches
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'matches'; END;
      CREATE TRIGGER tr_matches_version_delete AFTER DELETE ON matches
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'matches'; END;
      CREATE TRIGGER tr_events_version_insert AFTER INSERT ON events
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'events'; END;
      CREATE TRIGGER tr_events_version_update AFTER UPDATE ON events
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'events'; END;
      CREATE TRIGGER tr_events_version_delete AFTER DELETE ON events
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'events'; END;
      CREATE TRIGGER tr_report_runs_version_insert AFTER INSERT ON report_runs
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'report_runs'; END;
      CREATE TRIGGER tr_report_runs_version_update AFTER UPDATE ON report_runs
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'report_runs'; END;
      CREATE TRIGGER tr_report_runs_version_delete AFTER DELETE ON report_runs
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'report_runs'; END;
      CREATE TRIGGER tr_api_tokens_version_insert AFTER INSERT ON api_tokens
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'api_tokens'; END;
      CREATE TRIGGER tr_api_tokens_version_update AFTER UPDATE ON api_tokens
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'api_tokens'; END;
      CREATE TRIGGER tr_api_tokens_version_delete AFTER DELETE ON api_tokens
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'api_tokens'; END;
      CREATE TRIGGER tr_io_documents_version_insert AFTER INSERT ON io_documents
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_documents'; END;
      CREATE TRIGGER tr_io_documents_version_update AFTER UPDATE ON io_documents
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_documents'; END;
      CREATE TRIGGER tr_io_documents_version_delete AFTER DELETE ON io_documents
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'io_documents'; END;
      CREATE TRIGGER tr_sell_through_version_insert AFTER INSERT ON sell_through
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'sell_through'; END;
      CREATE TRIGGER tr_sell_through_version_update AFTER UPDATE ON sell_through
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'sell_through'; END;
      CREATE TRIGGER tr_sell_through_version_delete AFTER DELETE ON sell_through
        BEGIN UPDATE data_versions SET version = version + 1 WHERE table_name = 'sell_through'; END;
      """#,
    down: #"""
      DROP TRIGGER tr_shows_version_insert;
      DROP TRIGGER tr_shows_version_update;
      DROP TRIGGER tr_shows_version_delete;
      DROP TRIGGER tr_episodes_version_insert;
      DROP TRIGGER tr_episodes_version_update;
      DROP TRIGGER tr_episodes_version_delete;
      DROP TRIGGER tr_imports_version_insert;
      DROP TRIGGER tr_imports_version_update;
      DROP TRIGGER tr_imports_version_delete;
      DROP TRIGGER tr_metrics_daily_version_update;
      DROP TRIGGER tr_metrics_daily_version_delete;
      DROP TRIGGER tr_advertisers_version_insert;
      DROP TRIGGER tr_advertisers_version_update;
      DROP TRIGGER tr_advertisers_version_delete;
      DROP TRIGGER tr_campaigns_version_insert;
      DROP TRIGGER tr_campaigns_version_update;
      DROP TRIGGER tr_campaigns_version_delete;
      DROP TRIGGER tr_io_bookings_version_insert;
      DROP TRIGGER tr_io_bookings_version_update;
      DROP TRIGGER tr_io_bookings_version_delete;
      DROP TRIGGER tr_matches_version_insert;
      DROP TRIGGER tr_matches_version_update;
      DROP TRIGGER tr_matches_version_delete;
      DROP TRIGGER tr_events_version_insert;
      DROP TRIGGER tr_events_version_update;
      DROP TRIGGER tr_events_version_delete;
      DROP TRIGGER tr_report_runs_version_insert;
      DROP TRIGGER tr_report_runs_version_update;
      DROP TRIGGER tr_report_runs_version_delete;
      DROP TRIGGER tr_api_tokens_version_insert;
      DROP TRIGGER tr_api_tokens_version_update;
      DROP TRIGGER tr_api_tokens_version_delete;
      DROP TRIGGER tr_io_documents_version_insert;
      DROP TRIGGER tr_io_documents_version_update;
      DROP TRIGGER tr_io_documents_version_delete;
      DROP TRIGGER tr_sell_through_version_insert;
      DROP TRIGGER tr_sell_through_version_update;
      DROP TRIGGER tr_sell_through_version_delete;
      DROP TABLE data_versions;
      """#
  )
}
