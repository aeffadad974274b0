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
  /// The longest one query may run.
  public var timeLimit: Duration = .seconds(10)
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
  public var files: Int
  public var warnings: [String]
  public var durationMs: Int
}
