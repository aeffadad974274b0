import GRDB

extension Migrator {
  /// The applied and pending packs of `store`, read in one transaction.
  public func status(of store: CuesheetStore) async throws -> MigrationStatus {
    try await store.writer.read { db in try status(db) }
  }
}

extension SchemaVerifier {
  /// Verifies `store`: every table, column, index and trigger, integrity and foreign keys.
  public func verify(_ store: CuesheetStore) async throws -> VerificationReport {
    try await store.writer.read { db in try verify(db) }
  }
}
