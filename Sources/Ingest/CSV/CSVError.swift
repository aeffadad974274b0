/// A malformed CSV file: what the reader could not make sense of, and where.
public enum CSVError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A quoted field opened on `line` was never closed.
  case unterminatedQuote(line: Int, field: Int)
  /// Something other than a comma or a line end follows a closing quote.
  case textAfterClosingQuote(line: Int, field: Int)
  /// The file cannot be opened or read.
  case cannotRead(path: String, reason: String)

  public var description: String {
    switch self {
    case .unterminatedQuote(let line, let field):
      "line \(line), field \(field): a quoted field is never closed; add the closing \" or double the quotes inside it (\"\")."
    case .textAfterClosingQuote(let line, let field):
      "line \(line), field \(field): text follows a closing quote; quote the whole field and double any quote inside it (\"\")."
    case .cannotRead(let path, let reason):
      "cannot read \(path): \(reason)."
    }
  }
}
