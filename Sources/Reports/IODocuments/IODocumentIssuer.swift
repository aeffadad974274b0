import Foundation
import GRDB
import Store

/// Issues IO documents: gives a document its revision and records it, immutably.
///
/// Issuing a non-draft document writes a row of `io_documents` and an `io.document_issued` event
/// in one immediate transaction (``IODocumentRecords/issue(_:scope:scopeID:campaignID:sha256:content:format:at:)``),
/// and runs `produce` (render and write the file) inside it, so a failed export records nothing.
/// The revision changes only with the content (``IODocument/canonicalText``): re-exporting the same
/// content gives the same revision, issue date and sign-by date — the same document; changed content
/// gets the next number. Two concurrent exports are serialised by the transaction, and a trigger
/// refuses a revision number given to two different contents.
///
/// Drafts are not issued: they get their hash but no revision, and nothing is written.
///
/// ```swift
/// let issued = try IODocumentIssuer(store: store).issue(document, format: "pdf", at: Date()) { document in
///   try write(renderer.render(document))
/// }
/// print(issued.document.revision!)  // 3
/// ```
public struct IODocumentIssuer: Sendable {
  /// The issued document and what was recorded.
  public struct Issued: Sendable {
    /// The document with its revision, hash, issue date and sign-by date.
    public var document: IODocument
    /// The `io_documents` row (nil for a draft).
    public var record: IODocumentRecord?
    /// True when this export wrote a new row (a new revision, or a new format of it).
    public var recorded: Bool
  }

  let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Issues `document` in `format` at `date`, calling `produce` with the final document before the
  /// record commits; an error from `produce` rolls the record back.
  public func issue(
    _ document: IODocument, format: String, at date: Date,
    produce: (IODocument) throws -> Void = { _ in }
  ) throws -> Issued {
    var document = document
    let text = document.canonicalText
    document.contentSHA256 = IOCanonical.sha256(text)
    if document.isDraft {
      try produce(document)
      return Issued(document: document, record: nil, recorded: false)
    }
    var result: Issued?
    try store.writer.writeWithoutTransaction { db in
      try db.inTransaction(.immediate) {
        let issue = try IODocumentRecords.issue(
          db, scope: document.scope.kind, scopeID: document.scope.id,
          campaignID: document.campaignID, sha256: document.contentSHA256!, content: text,
          format: format, at: date)
        document.revision = issue.record.revision
        document.issueDate = String(issue.record.issuedAt.prefix(10))
        document.signBy = document.terms.signByDays.map {
          IODocumentAssembler.day(document.issueDate, minus: -$0)
        }
        try produce(document)
        result = Issued(document: document, record: issue.record, recorded: issue.recorded)
        return .commit
      }
    }
    return result!
  }
}
