extension MigrationPack {
  /// Version 1: the network (shows, episodes, metrics), sales (advertisers, campaigns, IO bookings),
  /// matches, the event log and import provenance.
  ///
  /// Documented column by column in `docs/schema.md`. Money is integer cents; days are `YYYY-MM-DD`
  /// text; instants are ISO 8601 UTC text (`2026-11-25T20:01:02Z`); lists are JSON arrays of strings.
  static let coreSchema = MigrationPack(
    version: 1,
    name: "core-schema",
    up: #"""
      CREATE TABLE shows (
        show_id     TEXT PRIMARY KEY CHECK (length(show_id) BETWEEN 1 AND 64),
        name        TEXT NOT NULL CHECK (length(name) > 0),
        creator     TEXT NOT NULL,
        categories  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories) AND json_type(categories) = 'array'),
        explicit    INTEGER NOT NULL DEFAULT 0 CHECK (explicit IN (0, 1)),
        language    TEXT NOT NULL DEFAULT 'en',
        country     TEXT NOT NULL DEFAULT 'US',
        cpm_cents   INTEGER NOT NULL CHECK (cpm_cents >= 0),
        description TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE episodes (
        episode_id       TEXT PRIMARY KEY CHECK (length(episode_id) BETWEEN 1 AND 64),
        show_id          TEXT NOT NULL REFERENCES shows(show_id) ON DELETE RESTRICT,
        title            TEXT NOT NULL,
        published_on     TEXT NOT NULL CHECK (date(published_on) IS published_on),
        duration_seconds INTEGER NOT NULL CHECK (duration_seconds >= 0),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX ix_episodes_show ON episodes(show_id, published_on);

      CREATE TABLE imports (
        import_id       INTEGER PRIMARY KEY AUTOINCREMENT,
        kind            TEXT NOT NULL CHECK (kind IN ('metrics-daily', 'io-bookings', 'shows', 'episodes', 'advertisers', 'campaigns')),
        file_name       TEXT NOT NULL,
        sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
        status          TEXT NOT NULL CHECK (status IN ('completed', 'failed', 'dry_run')),
        rows_total      INTEGER NOT NULL DEFAULT 0 CHECK (rows_total >= 0),
        rows_inserted   INTEGER NOT NULL DEFAULT 0 CHECK (rows_inserted >= 0),
        rows_updated    INTEGER NOT NULL DEFAULT 0 CHECK (rows_updated >= 0),
        rows_unchanged  INTEGER NOT NULL DEFAULT 0 CHECK (rows_unchanged >= 0),
        rows_rejected   INTEGER NOT NULL DEFAULT 0 CHECK (rows_rejected >= 0),
        started_at      TEXT NOT NULL,
        finished_at     TEXT NOT NULL,
        duration_ms     INTEGER NOT NULL CHECK (duration_ms >= 0)
      ) STRICT;

      CREATE TABLE metrics_daily (
        day         TEXT NOT NULL CHECK (date(day) IS day),
        episode_id  TEXT NOT NULL REFERENCES episodes(episode_id) ON DELETE RESTRICT,
        source      TEXT NOT NULL CHECK (length(source) BETWEEN 1 AND 32),
        downloads   INTEGER NOT NULL CHECK (downloads >= 0),
        listeners   INTEGER NOT NULL CHECK (listeners >= 0),
        impressions INTEGER NOT NULL CHECK (impressions >= 0),
        import_id   INTEGER REFERENCES imports(import_id) ON DELETE SET NULL,
        CHECK (listeners <= downloads)
      ) STRICT;
      CREATE UNIQUE INDEX ux_metrics_daily_day_ep_source ON metrics_daily(day, episode_id, source);
      CREATE INDEX ix_metrics_daily_episode_day ON metrics_daily(episode_id, day);

      CREATE TABLE advertisers (
        advertiser_id         TEXT PRIMARY KEY CHECK (length(advertiser_id) BETWEEN 1 AND 64),
        name                  TEXT NOT NULL CHECK (length(name) > 0),
        category              TEXT NOT NULL,
        target_categories     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(target_categories) AND json_type(target_categories) = 'array'),
        excluded_categories   TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(excluded_categories) AND json_type(excluded_categories) = 'array'),
        allows_explicit       INTEGER NOT NULL DEFAULT 0 CHECK (allows_explicit IN (0, 1)),
        max_cpm_cents         INTEGER NOT NULL CHECK (max_cpm_cents >= 0),
        min_downloads         INTEGER NOT NULL DEFAULT 0 CHECK (min_downloads >= 0),
        agency                TEXT,
        agency_commission_bps INTEGER CHECK (agency_commission_bps BETWEEN 0 AND 10000),
        contact_name          TEXT,
        contact_email         TEXT,
        created_at            TEXT NOT NULL,
        updated_at            TEXT NOT NULL
      ) STRICT;

      CREATE TABLE campaigns (
        campaign_id      TEXT PRIMARY KEY CHECK (length(campaign_id) BETWEEN 1 AND 64),
        advertiser_id    TEXT NOT NULL REFERENCES advertisers(advertiser_id) ON DELETE RESTRICT,
        name             TEXT NOT NULL CHECK (length(name) > 0),
        stage            TEXT NOT NULL CHECK (stage IN ('lead', 'qualified', 'proposal', 'negotiation', 'closed_won', 'closed_lost')),
        stage_changed_at TEXT NOT NULL,
        budget_cents     INTEGER NOT NULL CHECK (budget_cents >= 0),
        starts_on        TEXT NOT NULL CHECK (date(starts_on) IS starts_on),
        ends_on          TEXT NOT NULL CHECK (date(ends_on) IS ends_on),
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL,
        CHECK (ends_on >= starts_on)
      ) STRICT;
      CREATE INDEX ix_campaigns_advertiser ON campaigns(advertiser_id);

      CREATE TABLE io_bookings (
        io_id             TEXT PRIMARY KEY CHECK (length(io_id) BETWEEN 1 AND 64),
        campaign_id       TEXT NOT NULL REFERENCES campaigns(campaign_id) ON DELETE RESTRICT,
        show_id           TEXT NOT NULL REFERENCES shows(show_id) ON DELETE RESTRICT,
        placement         TEXT NOT NULL CHECK (placement IN ('pre', 'mid', 'post')),
        ad_format         TEXT NOT NULL DEFAULT 'host_read' CHECK (ad_format IN ('host_read', 'produced')),
        spots             INTEGER CHECK (spots >= 0),
        flight_start      TEXT NOT NULL CHECK (date(flight_start) IS flight_start),
        flight_end        TEXT NOT NULL CHECK (date(flight_end) IS flight_end),
        rate_type         TEXT NOT NULL CHECK (rate_type IN ('cpm', 'flat')),
        rate_cents        INTEGER NOT NULL CHECK (rate_cents >= 0),
        impressions_goal  INTEGER CHECK (impressions_goal >= 0),
        promo_code        TEXT,
        vanity_url        TEXT,
        status            TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'live', 'completed', 'cancelled')),
        status_changed_at TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        updated_at        TEXT NOT NULL,
        CHECK (flight_end >= flight_start),
        CHECK (rate_type <> 'cpm' OR impressions_goal IS NOT NULL),
        CHECK (rate_type <> 'flat' OR spots IS NOT NULL)
      ) STRICT;
      CREATE INDEX ix_io_bookings_campaign ON io_bookings(campaign_id);
      CREATE INDEX ix_io_bookings_show_flight ON io_bookings(show_id, flight_start, flight_end);

      CREATE TABLE matches (
        advertiser_id TEXT NOT NULL REFERENCES advertisers(advertiser_id) ON DELETE CASCADE,
        show_id       TEXT NOT NULL REFERENCES shows(show_id) ON DELETE CASCADE,
        score         REAL NOT NULL CHECK (score >= 0),
        rank          INTEGER NOT NULL CHECK (rank >= 1),
        signals       TEXT NOT NULL CHECK (json_valid(signals)),
        reasons       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
        rule_set      TEXT NOT NULL,
        rule_hash     TEXT NOT NULL,
        calculated_at TEXT NOT NULL,
        PRIMARY KEY (advertiser_id, show_id)
      ) STRICT;
      CREATE INDEX ix_matches_advertiser_rank ON matches(advertiser_id, rank);

      CREATE TABLE events (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        type        TEXT NOT NULL CHECK (type GLOB '[a-z]*.[a-z_]*'),
        occurred_at TEXT NOT NULL,
        subject     TEXT NOT NULL,
        payload     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload) AND json_type(payload) = 'object')
      ) STRICT;
      CREATE INDEX ix_events_type ON events(type, id);
      CREATE INDEX ix_events_subject ON events(subject, id);
      CREATE TRIGGER tr_events_no_update BEFORE UPDATE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      CREATE TRIGGER tr_events_no_delete BEFORE DELETE ON events
        BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
      """#,
    down: #"""
      DROP TABLE events;
      DROP TABLE matches;
      DROP TABLE io_bookings;
      DROP TABLE campaigns;
      DROP TABLE advertisers;
      DROP TABLE metrics_daily;
      DROP TABLE imports;
      DROP TABLE episodes;
      DROP TABLE shows;
      """#
  )
}
