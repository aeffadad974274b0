import Foundation

/// The running state of one file's import: counts, kept errors, the rejects file, progress.
final class ImportContext {
  let kind: ImportKind
  let file: String
  let importID: Int64
  /// The import's time, ISO 8601 UTC, for `created_at`, `updated_at` and change stamps.
  let now: String
  let options: ImportOptions
  let totalBytes: Int
  var result: ImportResult
  private let rejects: CSVWriter?
  private var header: [String] = []

  init(
    kind: ImportKind, file: String, importID: Int64, now: String, options: ImportOptions,
    totalBytes: Int
  ) throws {
    self.kind = kind
    self.file = file
    self.importID = importID
    self.now = now
    self.options = options
    self.totalBytes = totalBytes
    result = ImportResult(kind: kind, fileName: file, sha256: "")
    result.dryRun = options.dryRun
    result.skipInvalid = options.skipInvalid
    if let path = options.rejectsPath, options.skipInvalid, !options.dryRun {
      rejects = try CSVWriter(path: path, defusingFormulas: true)
    } else {
      rejects = nil
    }
  }

  /// Writes the rejects file's header: the original one plus `error`.
  func begin(header: [String]) throws {
    self.header = header
    try rejects?.write(header + ["error"])
  }

  /// Records a rejected row with its errors.
  func reject(fields: [String], errors: [RowError]) throws {
    result.rejected += 1
    result.errorsTotal += errors.count
    for error in errors where result.errors.count < ImportOptions.keptErrors {
      result.errors.append(error)
    }
    if let rejects {
      var row = fields
      if row.count < header.count {
        row += Array(repeating: "", count: header.count - row.count)
      }
      try rejects.write(
        row + [errors.map { "\($0.column): \($0.message)" }.joined(separator: "; ")])
    }
  }

  /// Calls the progress callback.
  func report(rows: Int, bytesRead: Int) {
    options.progress?(
      ImportProgress(kind: kind, rows: rows, bytesRead: bytesRead, totalBytes: totalBytes))
    if Self.pausesForTests, rows > 0 { Self.pauseForTests(rows: rows) }
  }

  /// A hook for the kill-during-import test (`InterruptTests`), off unless the environment sets
  /// `CUESHEET_TEST_PAUSE_IMPORT=1`: at the first progress report (rows already written inside the
  /// open transaction, so the process holds the write lock) the import prints
  /// `cuesheet-test: import paused holding the write lock after N rows` on stderr and waits for a
  /// signal. The test kills it there, instead of sleeping and hoping the import is still running.
  static let pausesForTests =
    ProcessInfo.processInfo.environment["CUESHEET_TEST_PAUSE_IMPORT"] == "1"

  private static func pauseForTests(rows: Int) -> Never {
    FileHandle.standardError.write(
      Data("cuesheet-test: import paused holding the write lock after \(rows) rows\n".utf8))
    while true { _ = pause() }
  }

  func finish() throws { try rejects?.close() }

  func error(line: Int, column: String, value: String, expected: String) -> RowError {
    RowError(file: file, line: line, column: column, value: value, expected: expected)
  }
}
