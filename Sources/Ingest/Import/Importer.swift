import Crypto
import Foundation
import GRDB
import Store

/// Imports CSV files into the store: strict, all-or-nothing by default, idempotent.
///
/// Each call runs in one transaction. On success the data, its `imports` provenance row and an
/// `etl.import_completed` event commit together; on failure nothing of the data is written, and a
/// `failed` `imports` row with an `etl.error` event is recorded afterwards in its own transaction.
/// A process killed mid-import leaves the database as it was, since the transaction never commits.
///
/// ```swift
/// let result = try Importer(store: store).importFile(.shows, path: "samples/shows.csv")
/// print(result.inserted, result.updated, result.unchanged)
/// ```
public struct Importer: Sendable {
  /// The database written to.
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Imports one file of `kind`. Throws ``ImportError`` when it imported nothing.
  public func importFile(
    _ kind: ImportKind, path: String, options: ImportOptions = ImportOptions(), now: Date = Date()
  ) throws -> ImportResult {
    try importFiles([(kind, path)], options: options, now: now)[0]
  }

  /// Imports every file in `directory` named after a kind (`shows.csv`, `metrics_daily.csv`, …),
  /// in dependency order, in one transaction: all files import, or none.
  public func importDirectory(
    _ directory: String, options: ImportOptions = ImportOptions(), now: Date = Date()
  ) throws -> [ImportResult] {
    let files = try Self.files(inDirectory: directory)
    return try importFiles(files, options: options, now: now)
  }

  /// The files of `directory` named after a kind, in dependency order.
  public static func files(inDirectory directory: String) throws -> [(ImportKind, String)] {
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: directory)
    } catch {
      throw ImportError.cannotRead(path: directory, reason: "it is not a readable directory")
    }
    var found: [(ImportKind, String)] = []
    for kind in ImportKind.dependencyOrder {
      let matches = names.filter { name in
        kind.fileStems.contains { name.lowercased() == $0 + ".csv" }
      }.sorted()
      for name in matches {
        found.append((kind, (directory as NSString).appendingPathComponent(name)))
      }
    }
    if found.isEmpty { throw ImportError.nothingToImport(directory: directory) }
    return found
  }

  /// Imports `files` in order in one transaction.
  public func importFiles(
    _ files: [(ImportKind, String)], options: ImportOptions = ImportOptions(), now: Date = Date()
  ) throws -> [ImportResult] {
    do {
      let results = try store.writer.writeWithoutTransaction { db in
        try importAll(db, files, options: options, now: now)
      }
      return Self.finished(results, options: options)
    } catch let failure as FailedImport {
      if !options.dryRun {
        try store.writer.write { db in try Self.recordFailure(db, failure, now: now) }
      }
      throw failure.error
    }
  }

  /// ``importFiles(_:options:now:)`` through GRDB's async write: the caller's task waits for the
  /// writer without holding a thread (the server's upload route).
  public func importFilesAsync(
    _ files: [(ImportKind, String)], options: ImportOptions = ImportOptions(), now: Date = Date()
  ) async throws -> [ImportResult] {
    do {
      let results = try await store.writer.writeWithoutTransaction { db in
        try importAll(db, files, options: options, now: now)
      }
      return Self.finished(results, options: options)
    } catch let failure as FailedImport {
      if !options.dryRun {
        try await store.writer.write { db in try Self.recordFailure(db, failure, now: now) }
      }
      throw failure.error
    }
  }

  /// ``importDirectory(_:options:now:)`` through GRDB's async write; the directory is listed on
  /// the writer's queue too.
  public func importDirectoryAsync(
    _ directory: String, options: ImportOptions = ImportOptions(), now: Date = Date()
  ) async throws -> [ImportResult] {
    do {
      let results = try await store.writer.writeWithoutTransaction { db in
        try importAll(db, try Self.files(inDirectory: directory), options: options, now: now)
      }
      return Self.finished(results, options: options)
    } catch let failure as FailedImport {
      if !options.dryRun {
        try await store.writer.write { db in try Self.recordFailure(db, failure, now: now) }
      }
      throw failure.error
    }
  }

  /// Imports `files` in one immediate transaction of `db` (rolled back for a dry run).
  private func importAll(
    _ db: Database, _ files: [(ImportKind, String)], options: ImportOptions, now: Date
  ) throws -> [ImportResult] {
    var results: [ImportResult] = []
    try Self.withImportSettings(db) {
      try db.inTransaction(.immediate) {
        for (kind, path) in files {
          results.append(try importOne(db, kind: kind, path: path, options: options, now: now))
        }
        return options.dryRun ? .rollback : .commit
      }
    }
    return results
  }

  /// The results as answered: a dry run's have no import id.
  private static func finished(_ results: [ImportResult], options: ImportOptions)
    -> [ImportResult]
  {
    guard options.dryRun else { return results }
    return results.map { result in
      var result = result
      result.importID = nil
      return result
    }
  }

  /// The page cache an import uses (KiB): large enough that the indexes of a million-row
  /// `metrics_daily` stay in memory, bounded whatever the file size.
  static let importCacheKiB = 16 * 1024

  /// Runs `body` with a larger page cache and without SQLite's foreign-key enforcement, restoring
  /// both afterwards.
  ///
  /// Foreign keys are safe to lift here: every reference an import writes has already been checked
  /// against the keys present in the same transaction (``KindSchema/references``), and an import
  /// deletes nothing. Both pragmas must be set outside a transaction.
  static func withImportSettings<T>(_ db: Database, _ body: () throws -> T) throws -> T {
    let cache = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
    let foreignKeys = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? true
    try db.execute(sql: "PRAGMA cache_size = \(-importCacheKiB); PRAGMA foreign_keys = OFF")
    defer {
      try? db.execute(
        sql: "PRAGMA cache_size = \(cache); PRAGMA foreign_keys = \(foreignKeys ? "ON" : "OFF")")
    }
    return try body()
  }

  // MARK: - One file

  private func importOne(
    _ db: Database, kind: ImportKind, path: String, options: ImportOptions, now: Date
  ) throws -> ImportResult {
    let started = Date()
    let stamp = Timestamp.string(now)
    let schema = KindSchema.of(kind)
    // The name recorded and shown: an upload's client file name rather than its temporary path.
    let name = options.displayName ?? path
    let totalBytes: Int
    let hashing: HashingByteSource
    do {
      let attributes = try FileManager.default.attributesOfItem(atPath: path)
      totalBytes = (attributes[.size] as? NSNumber)?.intValue ?? 0
      hashing = HashingByteSource(try FileByteSource(path: path))
    } catch {
      throw ImportError.cannotRead(path: name, reason: "no such file, or it cannot be opened")
    }
    func fail(_ error: ImportError, _ result: ImportResult? = nil) -> FailedImport {
      var result = result ?? ImportResult(kind: kind, fileName: name, sha256: "")
      result.sha256 = Self.sha256(ofFile: path)
      return FailedImport(error: error, result: result)
    }

    try db.execute(
      sql: """
        INSERT INTO imports (kind, file_name, sha256, status, started_at, finished_at, duration_ms)
        VALUES (?, ?, ?, 'completed', ?, ?, 0)
        """, arguments: [kind.rawValue, name, String(repeating: "0", count: 64), stamp, stamp])
    let importID = db.lastInsertedRowID
    let context = try ImportContext(
      kind: kind, file: name, importID: importID, now: stamp, options: options,
      totalBytes: totalBytes)
    var reader = CSVReader(source: hashing)
    do {
      guard try reader.next() else {
        throw fail(
          .badHeader(kind: kind, file: name, problem: "the file is empty; it needs a header row."))
      }
      let map = try HeaderMap.make(header: reader.strings, schema: schema, file: name)
      try context.begin(header: map.header)
      if kind == .metricsDaily {
        try MetricsDailyImporter(map: map, context: context).run(db, reader: &reader)
      } else {
        try TableImporter(schema: schema, map: map, context: context).run(db, reader: &reader)
      }
      try context.finish()
    } catch let error as CSVError {
      throw fail(.malformedCSV(kind: kind, file: name, error: error), context.result)
    } catch let error as ImportError {
      throw fail(error, context.result)
    }

    var result = context.result
    result.sha256 = hashing.hexDigest()
    if result.errorsTotal > 0 && !options.skipInvalid {
      throw FailedImport(
        error: .invalidRows(
          kind: kind, file: name, errors: result.errors, total: result.errorsTotal),
        result: result)
    }
    let finished = Date()
    result.durationMS = max(0, Int(finished.timeIntervalSince(started) * 1000))
    result.importID = importID
    try db.execute(
      sql: """
        UPDATE imports SET sha256 = ?, rows_total = ?, rows_inserted = ?, rows_updated = ?,
          rows_unchanged = ?, rows_rejected = ?, finished_at = ?, duration_ms = ?
        WHERE import_id = ?
        """,
      arguments: [
        result.sha256, result.rowsTotal, result.inserted, result.updated, result.unchanged,
        result.rejected,
        Timestamp.string(now.addingTimeInterval(finished.timeIntervalSince(started))),
        result.durationMS, importID,
      ])
    try EventLog.record(
      db, type: "etl.import_completed", subject: "import:\(importID)",
      payload: CompletedPayload(result: result, importID: importID), at: now)
    return result
  }

  // MARK: - Failure

  private static func recordFailure(_ db: Database, _ failure: FailedImport, now: Date) throws {
    let result = failure.result
    let items: [ErrorPayload.Item]
    let total: Int
    if case .invalidRows(_, _, let errors, let count) = failure.error {
      items = errors.prefix(ImportOptions.keptErrors).map {
        .init(line: $0.line, column: $0.column, value: $0.value, message: $0.message)
      }
      total = count
    } else {
      // A header or CSV problem: one error for the whole file.
      var line = 1
      if case .malformedCSV(_, _, let csvError) = failure.error {
        switch csvError {
        case .unterminatedQuote(let at, _), .textAfterClosingQuote(let at, _): line = at
        case .cannotRead: break
        }
      }
      items = [.init(line: line, column: "*", value: "", message: failure.error.description)]
      total = 1
    }
    let stamp = Timestamp.string(now)
    try db.execute(
      sql: """
        INSERT INTO imports (kind, file_name, sha256, status, rows_total, rows_rejected,
          started_at, finished_at, duration_ms)
        VALUES (?, ?, ?, 'failed', ?, ?, ?, ?, 0)
        """,
      arguments: [
        result.kind.rawValue, result.fileName, result.sha256, result.rowsTotal, result.rejected,
        stamp, Timestamp.string(Date()),
      ])
    try EventLog.record(
      db, type: "etl.error", subject: "import:\(result.kind.rawValue)",
      payload: ErrorPayload(
        kind: result.kind.rawValue, file_name: result.fileName, sha256: result.sha256,
        errors_total: total, errors: items),
      at: now)
  }

  /// The hex SHA-256 of a file's bytes (64 zeros when it cannot be read).
  static func sha256(ofFile path: String) -> String {
    guard let source = try? FileByteSource(path: path) else {
      return String(repeating: "0", count: 64)
    }
    let hashing = HashingByteSource(source)
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while let count = try? buffer.withUnsafeMutableBytes({ try hashing.read(into: $0) }), count > 0
    {}
    return hashing.hexDigest()
  }
}

/// An import that failed, with what it had counted, carried out of the rolled-back transaction.
struct FailedImport: Error {
  let error: ImportError
  let result: ImportResult
}

struct CompletedPayload: Encodable {
  let import_id: Int64
  let kind: String
  let file_name: String
  let sha256: String
  let rows_total, inserted, updated, unchanged, rejected, duration_ms: Int
  let skip_invalid: Bool

  init(result: ImportResult, importID: Int64) {
    import_id = importID
    kind = result.kind.rawValue
    file_name = result.fileName
    sha256 = result.sha256
    rows_total = result.rowsTotal
    inserted = result.inserted
    updated = result.updated
    unchanged = result.unchanged
    rejected = result.rejected
    duration_ms = result.durationMS
    skip_invalid = result.skipInvalid
  }
}

struct ErrorPayload: Encodable {
  struct Item: Encodable {
    let line: Int
    let column: String
    let value: String
    let message: String
  }
  let kind: String
  let file_name: String
  let sha256: String
  let errors_total: Int
  let errors: [Item]
}
