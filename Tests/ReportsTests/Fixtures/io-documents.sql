-- IO documents: loaded after network.sql. An advertiser with a 15% agency commission whose campaign
-- has three flat lines of $33.33 (gross $99.99, commission 1,499.85 cents → $15.00, net $84.99), a
-- draft without a promo code and a cancelled IO; and a campaign of 40 lines that must paginate.
INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, agency, agency_commission_bps, contact_name, contact_email, created_at, updated_at) VALUES
  ('adv-round', 'Round & Co', 'home', 3000, 'Cents Agency', 1500, 'Rita Round', 'rita@round.test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'),
  ('adv-big', 'Big Spender', 'finance', 5000, NULL, NULL, 'Bo Big', 'bo@big.test', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');

INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at, budget_cents, starts_on, ends_on, created_at, updated_at) VALUES
  ('camp-cents', 'adv-round', 'Cents Test', 'closed_won', '2026-11-01T10:00:00Z', 9999, '2026-12-01', '2026-12-31', '2026-11-01T00:00:00Z', '2026-11-01T10:00:00Z'),
  ('camp-big', 'adv-big', 'Forty Lines', 'closed_won', '2026-11-01T10:00:00Z', 10000000, '2026-12-01', '2027-03-31', '2026-11-01T00:00:00Z', '2026-11-01T10:00:00Z'),
  ('camp-empty', 'adv-big', 'No Lines Yet', 'proposal', '2026-11-01T10:00:00Z', 0, '2027-01-01', '2027-01-31', '2026-11-01T00:00:00Z', '2026-11-01T10:00:00Z');

INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, ad_format, spots, flight_start, flight_end, rate_type, rate_cents, impressions_goal, promo_code, vanity_url, status, status_changed_at, created_at, updated_at) VALUES
  ('IO-2001', 'camp-cents', 'show-tech', 'pre', 'host_read', 1, '2026-12-01', '2026-12-07', 'flat', 3333, NULL, 'CENTS1', 'round.test/one', 'scheduled', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
  ('IO-2002', 'camp-cents', 'show-run', 'mid', 'produced', 1, '2026-12-08', '2026-12-14', 'flat', 3333, NULL, 'CENTS2', 'round.test/two', 'scheduled', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
  ('IO-2003', 'camp-cents', 'show-tech', 'post', 'host_read', 1, '2026-12-15', '2026-12-21', 'flat', 3333, NULL, 'CENTS3', 'round.test/three', 'scheduled', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
  ('IO-2004', 'camp-cents', 'show-run', 'post', 'host_read', NULL, '2026-12-22', '2026-12-31', 'cpm', 3333, 1500, NULL, NULL, 'draft', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'),
  ('IO-2005', 'camp-cents', 'show-run', 'pre', 'host_read', 2, '2026-12-22', '2026-12-31', 'flat', 5000, NULL, 'GONE', 'round.test/gone', 'cancelled', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');

WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, ad_format, spots, flight_start, flight_end, rate_type, rate_cents, impressions_goal, promo_code, vanity_url, status, status_changed_at, created_at, updated_at)
SELECT printf('IO-3%03d', i), 'camp-big', CASE i % 3 WHEN 0 THEN 'show-tech' WHEN 1 THEN 'show-run' ELSE 'show-xss' END,
  CASE i % 3 WHEN 0 THEN 'pre' WHEN 1 THEN 'mid' ELSE 'post' END, 'host_read', NULL,
  date('2026-12-01', printf('+%d days', i)), date('2026-12-01', printf('+%d days', i + 20)), 'cpm', 2000 + i, 10000 * i,
  printf('BIG%02d', i), printf('big.test/%d', i), 'scheduled', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z'
FROM n;

INSERT INTO events (type, occurred_at, subject, payload) VALUES
  ('io.created', '2026-11-01T00:00:00Z', 'io:IO-2001', '{"io_id":"IO-2001"}'),
  ('io.scheduled', '2026-11-02T00:00:00Z', 'io:IO-2001', '{"io_id":"IO-2001"}');

-- IO document parties (migration pack 6): Acme with its agency and a PO; Round & Co invoiced
-- directly; a 60-second spot length on IO-1001.
UPDATE advertisers SET legal_name = 'Acme Mattresses Inc.', address = '1 Desert Road, Phoenix, AZ 85001, USA',
  billing_contact_name = 'Road Runner', billing_contact_email = 'ap@acme.test', invoice_to = 'agency',
  agency_legal_name = 'Big Agency LLC', agency_address = '9 Madison Avenue, New York, NY 10010, USA',
  agency_contact_name = 'Ada Agent', agency_contact_email = 'ada@bigagency.test'
  WHERE advertiser_id = 'adv-acme';
UPDATE advertisers SET legal_name = 'Round & Company Ltd.', invoice_to = 'advertiser' WHERE advertiser_id = 'adv-round';
UPDATE campaigns SET po_number = 'PO-77', talking_points = 'Sleep better | wake happier.' WHERE campaign_id = 'camp-acme-q4';
UPDATE io_bookings SET spot_length_seconds = 60 WHERE io_id = 'IO-1001';
