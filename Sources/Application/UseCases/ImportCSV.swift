import Foundation
import Ingest
import Store

/// Imports CSV data: one file of a kind, or a directory of files named after their kinds.
///
/// `cuesheet import` and `POST /api/v1/etl/upload` both call this; their answers share
/// ``ImportResultJSON``.
///
/// ```swift
/// let results = try await ImportCSV(store: store).run(.init(source: .file(.shows, path: "shows.csv")))
/// ```
public struct ImportCSV: Sendable {
  /// What to import.
  public enum Source: Sendable, Equatable {
    /// One file of a known kind.
    case file(ImportKind, path: String)
    /// Every file in a directory named after a kind, in dependency order, in one transaction.
    case directory(String)
  }

  public struct Request: Sendable {
    public var source: Source
    public var options: ImportOptions

    public init(source: Source, options: ImportOptions = ImportOptions()) {
      self.source = source
      self.options = options
    }
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// Imports the source all-or-nothing (unless `options.skipInvalid`); throws ``ImportError``.
  public func run(_ request: Request) async throws -> [ImportResult] {
    let importer = Importer(store: store)
    switch request.source {
    case .file(let kind, let path):
      return try await importer.importFilesAsync([(kind, path)], options: request.options)
    case .directory(let directory):
      return try await importer.importDirectoryAsync(directory, options: request.options)
    }
  }
}
