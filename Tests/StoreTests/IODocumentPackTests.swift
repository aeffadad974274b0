import CuesheetTesting
import Foundation
import GRDB
import Store
import Testing

@Suite("migration pack 6: IO documents")
struct IODocumentPackTests {
  static let advertiser = """
    INSERT INTO advertisers (advertiser_id, name, category, max_cpm_cents, legal_name, invoice_to, created_at, updated_at)
    VALUES ('adv-a', 'A', 'home', 100, 'A Inc.', 'advertiser', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    INSERT INTO campaigns (campaign_id, advertiser_id, name, stage, stage_changed_at, budget_cents, starts_on, ends_on, po_number, created_at, updated_at)
    VALUES ('cmp-a', 'adv-a', 'A Q1', 'closed_won', '2026-01-01T00:00:00Z', 100, '2026-01-01', '2026-01-31', 'PO-1', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    """

  @Test(
    "rolling back to 5 drops io_documents and the new columns and keeps the rows; up again restores them empty"
  )
  func rollback() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in
      try db.execute(sql: Self.advertiser)
      _ = try IODocumentRecords.issue(
        db, scope: "campaign", scopeID: "cmp-a", campaignID: "cmp-a",
        sha256: String(repeating: "b", count: 64), content: "x", format: "md", at: Date())
    }
    _ = try Migrator().rollback(store, to: 5, backupDirectory: temp.backups)
    let (hasTable, columns, name) = try store.writer.read { db in
      (
        try db.tableExists("io_documents"),
        try db.columns(in: "advertisers").map(\.name) + db.columns(in: "campaigns").map(\.name)
          + db.columns(in: "io_bookings").map(\.name),
        try String.fetchOne(db, sql: "SELECT name FROM advertisers")
      )
    }
    #expect(!hasTable)
    for column in ["legal_name", "invoice_to", "po_number", "spot_length_seconds"] {
      #expect(!columns.contains(column), "\(column) survived the rollback")
    }
    #expect(name == "A")
    _ = try Migrator().migrate(store, backupDirectory: temp.backups)
    let (documents, legalName) = try store.writer.read { db in
      (
        try Int.fetchOne(db, sql: "SELECT count(*) FROM io_documents"),
        try String.fetchOne(db, sql: "SELECT legal_name FROM advertisers")
      )
    }
    #expect(documents == 0)
    #expect(legalName == nil)
  }

  @Test("invoice_to and spot lengths are checked")
  func checks() throws {
    let temp = try TemporaryDatabase()
    let store = try temp.openMigrated()
    try store.writer.write { db in try db.execute(sql: Self.advertiser) }
    #expect(throws: DatabaseError.self) {
      try store.writer.write { db in
        try db.execute(sql: "UPDATE advertisers SET invoice_to = 'nobody'")
      }
    }
  }
}
