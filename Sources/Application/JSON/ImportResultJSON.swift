import Foundation
import Ingest

/// An import result: `cuesheet import --json` and `POST /api/v1/etl/upload` (the same keys).
public struct ImportResultJSON: Encodable, Sendable {
  public let importID: Int64?
  public let kind, file, sha256: String
  public let dryRun, skipInvalid: Bool
  public let rowsTotal, inserted, updated, unchanged, rejected, durationMs, errorsTotal: Int
  public let errors: [RowError]

  /// The result; `file` is the name the caller knows the file by (an upload's own name, not the
  /// temporary path it was received into).
  public init(_ r: ImportResult, file: String? = nil) {
    importID = r.importID
    kind = r.kind.rawValue
    self.file = file ?? r.fileName
    sha256 = r.sha256
    dryRun = r.dryRun
    skipInvalid = r.skipInvalid
    rowsTotal = r.rowsTotal
    inserted = r.inserted
    updated = r.updated
    unchanged = r.unchanged
    rejected = r.rejected
    durationMs = r.durationMS
    errorsTotal = r.errorsTotal
    errors = r.errors
  }
}

/// A failed import in `cuesheet import --json`.
public struct ImportFailureJSON: Encodable, Sendable {
  public let status: String
  public let kind: String?
  public let file: String?
  public let errorsTotal: Int
  public let errors: [RowError]
  public var message: String?

  public init(_ error: ImportError) {
    status = "failed"
    kind = error.kind?.rawValue
    if case .invalidRows(_, let file, let errors, let total) = error {
      self.file = file
      errorsTotal = total
      self.errors = errors
      message = nil
    } else {
      file = nil
      errorsTotal = 1
      errors = []
      message = error.description
    }
  }
}
