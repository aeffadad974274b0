import Foundation
import GRDB

/// One issued IO document revision: a row of `io_documents`.
public struct IODocumentRecord: Sendable, Equatable, Codable {
  /// `io` or `campaign`.
  public var scope: String
  /// The IO id or the campaign id.
  public var scopeID: String
  public var campaignID: String
  public var revision: Int
  /// SHA-256 (hex) of the canonical content.
  public var contentSHA256: String
  /// `md`, `html` or `pdf`.
  public var format: String
  /// ISO 8601 UTC.
  public var issuedAt: String

  /// The first 12 hex digits of the content hash, as printed on the document.
  public var shortHash: String { String(contentSHA256.prefix(12)) }

  enum CodingKeys: String, CodingKey {
    case scope, revision, format
    case scopeID = "scope_id"
    case campaignID = "campaign_id"
    case contentSHA256 = "content_sha256"
    case issuedAt = "issued_at"
  }

  public init(
    scope: String, scopeID: String, campaignID: String, revision: Int, contentSHA256: String,
    format: String, issuedAt: String
  ) {
    self.scope = scope
    self.scopeID = scopeID
    self.campaignID = campaignID
    self.revision = revision
    self.contentSHA256 = contentSHA256
    self.format = format
    self.issuedAt = issuedAt
  }

  init(row: Row) {
    scope = row["scope"]
    scopeID = row["scope_id"]
    campaignID = row["campaign_id"]
    revision = row["revision"]
    contentSHA256 = row["content_sha256"]
    format = row["format"]
    issuedAt = row["issued_at"]
  }
}

/// Reads and appends `io_documents`, the immutable record of issued IO documents.
///
/// Issuing happens inside the caller's transaction (``issue(_:scope:scopeID:campaignID:sha256:content:format:at:)``
/// writes the row and its `io.document_issued` event together); callers run it in an immediate
/// transaction so two concurrent exports cannot both take the next revision number.
public enum IODocumentRecords {
  /// What ``issue(_:scope:scopeID:campaignID:sha256:content:format:at:)`` did.
  public struct Issue: Sendable, Equatable {
    public var record: IODocumentRecord
    /// True when a row (and an event) was written; false when this content was already issued
    /// in this format at the latest revision.
    public var recorded: Bool
  }

  static let columns =
    "scope, scope_id, campaign_id, revision, content_sha256, format, issued_at"

  /// The latest revision of a document (`scope`, `scopeID`), any format.
  public static func latest(_ db: Database, scope: String, scopeID: String) throws
    -> IODocumentRecord?
  {
    try Row.fetchOne(
      db,
      sql: """
        SELECT \(columns) FROM io_documents WHERE scope = ? AND scope_id = ?
        ORDER BY revision DESC, document_id ASC LIMIT 1
        """, arguments: [scope, scopeID]
    ).map(IODocumentRecord.init(row:))
  }

  /// Records an issue of content `sha256` (its text `content`) in `format`.
  ///
  /// Same content as the latest revision → that revision (a new row only for a format not issued
  /// at it yet); different content, or no revision yet → the next revision number. Each new row
  /// comes with an `io.document_issued` event on subject `<scope>:<scopeID>`.
  public static func issue(
    _ db: Database, scope: String, scopeID: String, campaignID: String, sha256: String,
    content: String, format: String, at date: Date
  ) throws -> Issue {
    let latest = try Self.latest(db, scope: scope, scopeID: scopeID)
    let (revision, issuedAt) = planned(after: latest, sha256: sha256, at: date)
    if let latest, latest.contentSHA256 == sha256 {
      if let existing = try Row.fetchOne(
        db,
        sql: """
          SELECT \(columns) FROM io_documents
          WHERE scope = ? AND scope_id = ? AND revision = ? AND format = ?
          """, arguments: [scope, scopeID, revision, format])
      {
        return Issue(record: IODocumentRecord(row: existing), recorded: false)
      }
    }
    try db.execute(
      sql: "INSERT INTO io_documents (\(columns), content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      arguments: [scope, scopeID, campaignID, revision, sha256, format, issuedAt, content])
    let record = IODocumentRecord(
      scope: scope, scopeID: scopeID, campaignID: campaignID, revision: revision,
      contentSHA256: sha256, format: format, issuedAt: issuedAt)
    try EventLog.record(
      db, type: "io.document_issued", subject: "\(scope):\(scopeID)",
      payload: IssuedPayload(
        scope: scope, scope_id: scopeID, campaign_id: campaignID, revision: revision,
        content_sha256: sha256, format: format),
      at: date)
    return Issue(record: record, recorded: true)
  }

  /// The revision and issue time an issue of content `sha256` at `date` gets after `latest`:
  /// the latest revision and its issue time (whatever the format) for the same content, else the
  /// next number issued now. The async export renders with this plan before it issues.
  public static func planned(after latest: IODocumentRecord?, sha256: String, at date: Date)
    -> (revision: Int, issuedAt: String)
  {
    if let latest, latest.contentSHA256 == sha256 { return (latest.revision, latest.issuedAt) }
    return ((latest?.revision ?? 0) + 1, Timestamp.string(date))
  }

  private struct IssuedPayload: Encodable {
    var scope: String
    var scope_id: String
    var campaign_id: String
    var revision: Int
    var content_sha256: String
    var format: String
  }

  /// Every issued row, oldest first; only `campaignID`'s documents (campaign and IO scope) when given.
  public static func list(_ db: Database, campaignID: String? = nil) throws -> [IODocumentRecord] {
    var sql = "SELECT \(columns) FROM io_documents"
    var arguments: StatementArguments = []
    if let campaignID {
      sql += " WHERE campaign_id = ?"
      arguments += [campaignID]
    }
    return try Row.fetchAll(db, sql: sql + " ORDER BY document_id", arguments: arguments)
      .map(IODocumentRecord.init(row:))
  }

  /// The rows whose content hash is `sha256`, oldest first.
  public static func matching(_ db: Database, sha256: String) throws -> [IODocumentRecord] {
    try Row.fetchAll(
      db, sql: "SELECT \(columns) FROM io_documents WHERE content_sha256 = ? ORDER BY document_id",
      arguments: [sha256]
    ).map(IODocumentRecord.init(row:))
  }

  /// The stored canonical content of a revision, if issued.
  public static func content(_ db: Database, scope: String, scopeID: String, revision: Int) throws
    -> String?
  {
    try String.fetchOne(
      db,
      sql:
        "SELECT content FROM io_documents WHERE scope = ? AND scope_id = ? AND revision = ? LIMIT 1",
      arguments: [scope, scopeID, revision])
  }
}
