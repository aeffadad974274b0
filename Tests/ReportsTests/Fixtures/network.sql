-- A small network for the report tests: 3 shows (one with a hostile name), 6 episodes, 55 days of
-- metrics from two sources (one day disagreeing by more than 5%), 2 advertisers, 3 campaigns,
-- 4 IOs, matches, imports and events. Loaded into a freshly migrated database.
INSERT INTO shows (show_id, name, creator, categories, explicit, cpm_cents, description, created_at, updated_at) VALUES
  ('show-tech', 'Tech Daily', 'Ada Lovelace', '["technology","business"]', 0, 2500, 'Daily tech news.', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('show-xss', '<script>alert(1)</script>', 'Mallory & Co', '["comedy"]', 1, 1800, '**bold** <b>tag</b>', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('show-run', 'Running Late', 'Grace Hopper', '["sports","health"]', 0, 2000, '', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO episodes (episode_id, show_id, title, published_on, duration_seconds, created_at, updated_at) VALUES
  ('ep-tech-1', 'show-tech', 'Chips and *Dips*', '2026-10-01', 1800, '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z'),
  ('ep-tech-2', 'show-tech', 'The | Pipe Episode', '2026-11-01', 2100, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z'),
  ('ep-xss-1', 'show-xss', '<img src=x onerror=alert(2)>', '2026-10-05', 1500, '2026-10-05T00:00:00Z', '2026-10-05T00:00:00Z'),
  ('ep-xss-2', 'show-xss', 'Plain title', '2026-11-05', 1600, '2026-11-05T00:00:00Z', '2026-11-05T00:00:00Z'),
  ('ep-run-1', 'show-run', 'Marathon Prep', '2026-10-10', 2400, '2026-10-10T00:00:00Z', '2026-10-10T00:00:00Z'),
  ('ep-run-2', 'show-run', 'Rest Days', '2026-11-10', 2000, '2026-11-10T00:00:00Z', '2026-11-10T00:00:00Z');

INSERT INTO imports (import_id, kind, file_name, sha256, status, rows_total, rows_inserted, rows_updated, rows_unchanged, rows_rejected, started_at, finished_at, duration_ms) VALUES
  (1, 'metrics-daily', 'metrics_2026-11-24.csv', 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'completed', 660, 660, 0, 0, 0, '2026-11-24T05:00:00Z', '2026-11-24T05:00:02Z', 2000),
  (2, 'io-bookings', 'io_bookings.csv', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'failed', 4, 0, 0, 0, 4, '2026-11-24T05:10:00Z', '2026-11-24T05:10:01Z', 1000);

WITH RECURSIVE days(n, day) AS (
  SELECT 0, '2026-10-01' UNION ALL SELECT n + 1, date(day, '+1 day') FROM days WHERE n < 54
)
INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions, import_id)
SELECT days.day, e.episode_id, s.source,
       (100 + (days.n * 7 + length(e.episode_id) * 13) % 50) * (CASE e.show_id WHEN 'show-tech' THEN 10 WHEN 'show-run' THEN 4 ELSE 2 END),
       (60 + (days.n * 3) % 30) * (CASE e.show_id WHEN 'show-tech' THEN 10 WHEN 'show-run' THEN 4 ELSE 2 END),
       (80 + (days.n * 5) % 40) * (CASE e.show_id WHEN 'show-tech' THEN 10 WHEN 'show-run' THEN 4 ELSE 2 END)
         * (CASE s.source WHEN 'spotify' THEN 1 ELSE 1 END),
       1
FROM days JOIN episodes e ON days.day >= e.published_on
JOIN (SELECT 'megaphone' AS source UNION ALL SELECT 'spotify') s;

-- One day where the sources disagree by more than 5% (IAB tolerance).
UPDATE metrics_daily SET downloads = downloads * 2, listeners = listeners * 2
WHERE day = '2026-11-20' AND episode_id = 'ep-tech-2' AND source = 'spotify';

INSERT INTO advertisers (advertiser_id, name, category, target_categories, excluded_categories, allows_explicit, max_cpm_cents, min_downloads, agency, agency_commission_bps, contact_name, contact_email, created_at, updated_at) VALUES
  ('adv-acme', 'Acme Mattresses', 'home', '["health","technology"]', '["comedy"]', 0, 3000, 1000, 'Big Agency', 1500, 'Wile E.', 'wile@acme.test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('adv-evil', 'Evil "Corp" <b>', 'finance', '["business"]', '[]', 1, 2000, 0, NULL, NULL, NULL, NULL, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at, budget_cents, starts_on, ends_on, created_at, updated_at) VALUES
  ('camp-acme-q4', 'adv-acme', 'Acme Q4 Sleep Sale', 'closed_won', '2026-10-01T10:00:00Z', 5000000, '2026-10-15', '2026-12-31', '2026-09-01T00:00:00Z', '2026-10-01T10:00:00Z'),
  ('camp-acme-q1', 'adv-acme', 'Acme Q1 Launch', 'proposal', '2026-11-20T10:00:00Z', 2000000, '2027-01-01', '2027-03-31', '2026-11-01T00:00:00Z', '2026-11-20T10:00:00Z'),
  ('camp-evil', 'adv-evil', 'Evil <i>Brand</i> Push', 'negotiation', '2026-11-22T10:00:00Z', 1000000, '2026-12-01', '2026-12-31', '2026-11-01T00:00:00Z', '2026-11-22T10:00:00Z');

INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, ad_format, spots, flight_start, flight_end, rate_type, rate_cents, impressions_goal, promo_code, vanity_url, status, status_changed_at, created_at, updated_at) VALUES
  ('IO-1001', 'camp-acme-q4', 'show-tech', 'pre', 'host_read', NULL, '2026-11-01', '2026-11-30', 'cpm', 2500, 300000, 'ACME20', 'acme.test/tech', 'live', '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'),
  ('IO-1002', 'camp-acme-q4', 'show-run', 'mid', 'produced', NULL, '2026-11-01', '2026-12-15', 'cpm', 2000, 400000, 'RUNACME', 'acme.test/run', 'live', '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z'),
  ('IO-1003', 'camp-acme-q4', 'show-tech', 'post', 'host_read', 4, '2026-12-01', '2026-12-31', 'flat', 150000, NULL, 'ACMEDEC', NULL, 'scheduled', '2026-11-10T00:00:00Z', '2026-10-01T00:00:00Z', '2026-11-10T00:00:00Z'),
  ('IO-1004', 'camp-acme-q4', 'show-xss', 'pre', 'host_read', NULL, '2026-10-15', '2026-10-31', 'cpm', 1800, 20000, '<script>x</script>', 'javascript:alert(3)', 'completed', '2026-11-01T00:00:00Z', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z');

INSERT INTO matches (advertiser_id, show_id, score, rank, signals, reasons, rule_set, rule_hash, calculated_at) VALUES
  ('adv-acme', 'show-run', 0.92, 1, '{"reach":0.8}', '["targets health","audience above minimum"]', 'matchmaking', 'h1', '2026-11-24T06:00:00Z'),
  ('adv-acme', 'show-tech', 0.81, 2, '{"reach":0.9}', '["targets technology"]', 'matchmaking', 'h1', '2026-11-24T06:00:00Z'),
  ('adv-evil', 'show-tech', 0.55, 1, '{"reach":0.9}', '["targets business","<b>markup</b> in reason"]', 'matchmaking', 'h1', '2026-11-24T06:00:00Z');

INSERT INTO events (type, occurred_at, subject, payload) VALUES
  ('deal.stage_changed', '2026-11-20T10:00:00Z', 'campaign:camp-acme-q1', '{"campaign_id":"camp-acme-q1","advertiser_id":"adv-acme","from":"qualified","to":"proposal","reason":null}'),
  ('io.scheduled', '2026-11-10T00:00:00Z', 'io:IO-1003', '{"io_id":"IO-1003"}'),
  ('etl.import_completed', '2026-11-24T05:00:02Z', 'import:1', '{"import_id":1,"kind":"metrics-daily"}'),
  ('etl.error', '2026-11-24T05:10:01Z', 'import:io-bookings', '{"kind":"io-bookings","file_name":"io_bookings.csv","errors_total":4,"errors":[{"line":3,"column":5,"value":"<x>","message":"bad date"}]}');

-- Sell-through (normally written by RefreshSellThrough from the Avails model): show-tech sells part
-- of its inventory, show-xss is oversold ahead (negative available at pre-roll), show-run has too
-- little history to forecast.
INSERT INTO sell_through (show_id, period, placement, first_day, last_day, status, inventory, sold_delivered, sold_undelivered, available, as_of) VALUES
  ('show-tech', 'last_30_days', 'pre',  '2026-10-26', '2026-11-24', 'ok', 12000, 5000, 0, 7000, '2026-11-24'),
  ('show-tech', 'last_30_days', 'mid',  '2026-10-26', '2026-11-24', 'ok', 12000, 3000, 500, 8500, '2026-11-24'),
  ('show-tech', 'last_30_days', 'post', '2026-10-26', '2026-11-24', 'ok', 6000, 0, 0, 6000, '2026-11-24'),
  ('show-tech', 'next_4_weeks', 'pre',  '2026-11-25', '2026-12-22', 'ok', 11000, 0, 4000, 7000, '2026-11-24'),
  ('show-tech', 'next_4_weeks', 'mid',  '2026-11-25', '2026-12-22', 'ok', 11000, 0, 2000, 9000, '2026-11-24'),
  ('show-tech', 'next_4_weeks', 'post', '2026-11-25', '2026-12-22', 'ok', 5500, 0, 0, 5500, '2026-11-24'),
  ('show-xss', 'last_30_days', 'pre',  '2026-10-26', '2026-11-24', 'ok', 2400, 2400, 0, 0, '2026-11-24'),
  ('show-xss', 'last_30_days', 'mid',  '2026-10-26', '2026-11-24', 'ok', 2400, 0, 0, 2400, '2026-11-24'),
  ('show-xss', 'last_30_days', 'post', '2026-10-26', '2026-11-24', 'ok', 1200, 0, 0, 1200, '2026-11-24'),
  ('show-xss', 'next_4_weeks', 'pre',  '2026-11-25', '2026-12-22', 'ok', 2000, 0, 3000, -1000, '2026-11-24'),
  ('show-xss', 'next_4_weeks', 'mid',  '2026-11-25', '2026-12-22', 'ok', 2000, 0, 0, 2000, '2026-11-24'),
  ('show-xss', 'next_4_weeks', 'post', '2026-11-25', '2026-12-22', 'ok', 1000, 0, 0, 1000, '2026-11-24'),
  ('show-run', 'last_30_days', 'pre',  '2026-10-26', '2026-11-24', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24'),
  ('show-run', 'last_30_days', 'mid',  '2026-10-26', '2026-11-24', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24'),
  ('show-run', 'last_30_days', 'post', '2026-10-26', '2026-11-24', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24'),
  ('show-run', 'next_4_weeks', 'pre',  '2026-11-25', '2026-12-22', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24'),
  ('show-run', 'next_4_weeks', 'mid',  '2026-11-25', '2026-12-22', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24'),
  ('show-run', 'next_4_weeks', 'post', '2026-11-25', '2026-12-22', 'insufficient_history', NULL, NULL, NULL, NULL, '2026-11-24');
