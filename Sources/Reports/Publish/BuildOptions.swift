import Foundation

/// An output format of `reports build`.
public enum OutputFormat: String, Sendable, CaseIterable, Codable {
  case md
  case html
}

/// How a build runs.
public struct BuildOptions: Sendable {
  /// Which files to write for each page.
  public var formats: [OutputFormat] = [.md, .html]
  /// The most rows one query may return.
  public var rowLimit = 10_000
  /// The longest one query may run, fetching its rows included.
  public var timeLimit: Duration = .seconds(10)
  /// The most bytes one query's result may hold (text and blob lengths, 8 per number).
  public var resultByteLimit = 32 * 1_048_576
  /// The largest string or blob one query may make (SQLite's `SQLITE_LIMIT_LENGTH`); this caps
  /// the memory a single value can take (`randomblob(900000000)` fails instead of allocating).
  public var valueByteLimit = 16 * 1_048_576
  /// Pages rendered at once, each worker with its own read-only connection; the output is the same
  /// for any number. Defaults to the number of active cores.
  public var workers = ProcessInfo.processInfo.activeProcessorCount
  /// Reuse a page's previous files when its inputs (template, page row, query results, data range)
  /// are the same as in the previous build, instead of rendering and writing it again.
  public var incremental = true
  /// The build time shown on every page and bound as `:today` / `:built_at`; fixed in tests.
  public var builtAt = Date()
  /// Treat warnings (such as a report without pages) as failures.
  public var strict = false

  public init() {}
}

/// What a build produced.
public struct BuildSummary: Sendable, Codable, Equatable {
  public struct ReportSummary: Sendable, Codable, Equatable {
    public var name: String
    public var title: String
    public var pages: Int
  }
  /// Where the output was published.
  public var out: String
  public var reports: [ReportSummary]
  public var pages: Int
  /// Pages rendered this time, and pages whose inputs had not changed (their files were kept).
  public var built = 0
  public var unchanged = 0
  /// Pages that failed (one sentence each, with file and line); the other pages were published.
  public var failures: [String] = []
  public var files: Int
  public var warnings: [String]
  public var durationMs: Int
}
