/// Why an import wrote nothing. Each case's description is one sentence naming the file and the fix.
public enum ImportError: Error, Sendable, CustomStringConvertible {
  /// Rows failed validation (all-or-nothing mode): the first errors and the total count.
  case invalidRows(kind: ImportKind, file: String, errors: [RowError], total: Int)
  /// The header is missing required columns, has unknown or repeated ones, or is absent.
  case badHeader(kind: ImportKind, file: String, problem: String)
  /// The file is not well-formed CSV.
  case malformedCSV(kind: ImportKind, file: String, error: CSVError)
  /// The file or directory cannot be read.
  case cannotRead(path: String, reason: String)
  /// A directory holds no file named after a kind.
  case nothingToImport(directory: String)

  /// The kind being imported, when known.
  public var kind: ImportKind? {
    switch self {
    case .invalidRows(let kind, _, _, _), .badHeader(let kind, _, _), .malformedCSV(let kind, _, _):
      kind
    case .cannotRead, .nothingToImport: nil
    }
  }

  public var description: String {
    switch self {
    case .invalidRows(let kind, let file, let errors, let total):
      let first = errors.first.map { " First: \($0.description)" } ?? ""
      return
        "\(file): \(total) invalid value\(total == 1 ? "" : "s") in this \(kind.rawValue) file; nothing was imported. Fix them, or import only the valid rows and set the invalid ones aside.\(first)"
    case .badHeader(_, let file, let problem):
      return "\(file):1: \(problem)"
    case .malformedCSV(_, let file, let error):
      return "\(file): \(error.description)"
    case .cannotRead(let path, let reason):
      return "Cannot read \(path): \(reason)."
    case .nothingToImport(let directory):
      return
        "\(directory) holds no CSV named after a kind; expected files such as shows.csv, episodes.csv, metrics_daily.csv."
    }
  }
}
