extension MigrationPack {
  /// Version 6: immutable IO document revisions (`io_documents`) and the content an insertion order
  /// carries (legal names, addresses, billing contact, PO number, talking points, spot length).
  ///
  /// `io_documents` is append-only (triggers refuse `UPDATE` and `DELETE`), and a revision number is
  /// never given to two different contents of the same document (a trigger checks every insert).
  /// The new columns are all optional; rollback drops them (SQLite 3.35+ `DROP COLUMN`).
  /// Documented in `docs/schema.md` (`## io_documents`) and `docs/io-documents.md`.
  static let ioDocuments = MigrationPack(
    version: 6,
    name: "io-documents",
    up: #"""
      CREATE TABLE io_documents (
        document_id    INTEGER PRIMARY KEY AUTOINCREMENT,
        scope          TEXT NOT NULL CHECK (scope IN ('io', 'campaign')),
        scope_id       TEXT NOT NULL CHECK (length(scope_id) BETWEEN 1 AND 64),
        campaign_id    TEXT NOT NULL REFERENCES campaigns(campaign_id) ON DELETE RESTRICT,
        revision       INTEGER NOT NULL CHECK (revision >= 1),
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        content        TEXT NOT NULL,
        format         TEXT NOT NULL CHECK (format IN ('md', 'html', 'pdf')),
        issued_at      TEXT NOT NULL,
        UNIQUE (scope, scope_id, revision, format)
      ) STRICT;
      CREATE INDEX ix_io_documents_campaign ON io_documents(campaign_id, document_id);
      CREATE INDEX ix_io_documents_sha ON io_documents(content_sha256);
      CREATE TRIGGER tr_io_documents_no_update BEFORE UPDATE ON io_documents
        BEGIN SELECT RAISE(ABORT, 'io_documents are immutable'); END;
      CREATE TRIGGER tr_io_documents_no_delete BEFORE DELETE ON io_documents
        BEGIN SELECT RAISE(ABORT, 'io_documents are immutable'); END;
      CREATE TRIGGER tr_io_documents_one_content BEFORE INSERT ON io_documents
        WHEN EXISTS (SELECT 1 FROM io_documents d WHERE d.scope = NEW.scope AND d.scope_id = NEW.scope_id
          AND d.revision = NEW.revision AND d.content_sha256 <> NEW.content_sha256)
        BEGIN SELECT RAISE(ABORT, 'an IO document revision is never reused for different content'); END;

      ALTER TABLE advertisers ADD COLUMN legal_name TEXT;
      ALTER TABLE advertisers ADD COLUMN address TEXT;
      ALTER TABLE advertisers ADD COLUMN billing_contact_name TEXT;
      ALTER TABLE advertisers ADD COLUMN billing_contact_email TEXT;
      ALTER TABLE advertisers ADD COLUMN invoice_to TEXT CHECK (invoice_to IN ('advertiser', 'agency'));
      ALTER TABLE advertisers ADD COLUMN agency_legal_name TEXT;
      ALTER TABLE advertisers ADD COLUMN agency_address TEXT;
      ALTER TABLE advertisers ADD COLUMN agency_contact_name TEXT;
      ALTER TABLE advertisers ADD COLUMN agency_contact_email TEXT;
      ALTER TABLE campaigns ADD COLUMN po_number TEXT CHECK (length(po_number) BETWEEN 1 AND 64);
      ALTER TABLE campaigns ADD COLUMN talking_points TEXT;
      ALTER TABLE io_bookings ADD COLUMN spot_length_seconds INTEGER CHECK (spot_length_seconds BETWEEN 1 AND 600);
      """#,
    down: #"""
      ALTER TABLE io_bookings DROP COLUMN spot_length_seconds;
      ALTER TABLE campaigns DROP COLUMN talking_points;
      ALTER TABLE campaigns DROP COLUMN po_number;
      ALTER TABLE advertisers DROP COLUMN agency_contact_email;
      ALTER TABLE advertisers DROP COLUMN agency_contact_name;
      ALTER TABLE advertisers DROP COLUMN agency_address;
      ALTER TABLE advertisers DROP COLUMN agency_legal_name;
      ALTER TABLE advertisers DROP COLUMN invoice_to;
      ALTER TABLE advertisers DROP COLUMN billing_contact_email;
      ALTER TABLE advertisers DROP COLUMN billing_contact_name;
      ALTER TABLE advertisers DROP COLUMN address;
      ALTER TABLE advertisers DROP COLUMN legal_name;
      DROP TABLE io_documents;
      """#
  )
}
