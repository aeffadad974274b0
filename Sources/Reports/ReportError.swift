import Foundation

/// Where something is in a template file: 1-based line and column.
public struct TemplateLocation: Sendable, Equatable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}

/// An error from the report engine, carrying the template file, line and column where there is one.
///
/// `description` is one sentence suitable for stderr, e.g.
/// `reports/creator.md:14:3: unknown column "downloadz" in query "trend"; the query returns day, downloads.`
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The template itself is wrong (syntax, unknown name, bad expression, bad SQL).
  case template(file: String, location: TemplateLocation, message: String)
  /// A query failed while the report ran (time limit, row limit, SQLite error).
  case query(file: String, location: TemplateLocation, query: String, message: String)
  /// No template with this name in the templates directory.
  case unknownReport(name: String, directory: String, known: [String])
  /// A bad schedule (cron expression or time zone).
  case schedule(file: String, message: String)
  /// Reading templates or writing output failed.
  case io(path: String, message: String)
  /// `--strict` and the build produced warnings.
  case warnings([String])
  /// Some pages (or whole reports) failed; every other page was published, and each failed page
  /// kept its previous files. `summary` describes what was published.
  case pagesFailed([String], summary: BuildSummary)

  public var description: String {
    switch self {
    case .template(let file, let location, let message):
      return "\(file):\(location): \(message)"
    case .query(let file, let location, let query, let message):
      return "\(file):\(location): query \"\(query)\" failed: \(message)"
    case .unknownReport(let name, let directory, let known):
      let list = known.isEmpty ? "none" : known.joined(separator: ", ")
      return "no report named \"\(name)\" in \(directory)/; known reports: \(list)."
    case .schedule(let file, let message):
      return "\(file): \(message)"
    case .io(let path, let message):
      return "\(path): \(message)"
    case .warnings(let warnings):
      return
        "the build produced \(warnings.count) warning(s) and warnings count as failures (strict): "
        + warnings.joined(separator: "; ")
    case .pagesFailed(let failures, let summary):
      // The first failure leads, so the message starts with its file:line:column.
      var text = failures.first ?? "a page failed"
      if failures.count > 1 {
        text +=
          "; and \(failures.count - 1) more: "
          + failures.dropFirst().prefix(4).joined(separator: "; ")
        if failures.count > 5 { text += "; …" }
      }
      return text
        + " (\(summary.built + summary.unchanged) other page(s) were published into \(summary.out)/; each failed page kept its previous version)"
    }
  }
}
