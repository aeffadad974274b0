/// What one file's import did (or, for a dry run, would do).
public struct ImportResult: Sendable, Equatable, Codable {
  /// The `imports` row, or `nil` for a dry run.
  public var importID: Int64?
  public var kind: ImportKind
  public var fileName: String
  public var sha256: String
  public var rowsTotal = 0
  public var inserted = 0
  public var updated = 0
  public var unchanged = 0
  public var rejected = 0
  public var durationMS = 0
  public var dryRun = false
  public var skipInvalid = false
  /// The first invalid values (at most 20) when rows were rejected.
  public var errors: [RowError] = []
  /// How many invalid values there were in all.
  public var errorsTotal = 0

  public init(kind: ImportKind, fileName: String, sha256: String) {
    self.kind = kind
    self.fileName = fileName
    self.sha256 = sha256
  }
}

/// How far an import has got, for a progress bar.
public struct ImportProgress: Sendable {
  public var kind: ImportKind
  public var rows: Int
  public var bytesRead: Int
  public var totalBytes: Int
}

/// How an import runs.
public struct ImportOptions: Sendable {
  /// Import the valid rows and reject the others instead of importing nothing.
  public var skipInvalid = false
  /// Validate and count, then roll back.
  public var dryRun = false
  /// Where to write rejected rows (with an `error` column); not written on a dry run.
  public var rejectsPath: String?
  /// The name recorded in `imports.file_name` and shown in messages instead of the path, such as
  /// an upload's client file name (the server imports from a temporary file). For one file.
  public var displayName: String?
  /// Called every few thousand rows.
  public var progress: (@Sendable (ImportProgress) -> Void)?

  /// How many errors are kept (the count covers all).
  public static let keptErrors = 20

  public init(
    skipInvalid: Bool = false, dryRun: Bool = false, rejectsPath: String? = nil,
    displayName: String? = nil, progress: (@Sendable (ImportProgress) -> Void)? = nil
  ) {
    self.skipInvalid = skipInvalid
    self.dryRun = dryRun
    self.rejectsPath = rejectsPath
    self.displayName = displayName
    self.progress = progress
  }
}
