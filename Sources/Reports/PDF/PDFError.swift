/// Why a PDF could not be made.
public enum PDFError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The HTML-to-PDF engine is not installed.
  case engineMissing(engine: String)
  /// The engine ran and failed (its exit status and the end of its error output).
  case engineFailed(engine: String, status: Int32, message: String)
  /// Writing the input or reading the output failed.
  case io(path: String, message: String)

  public var description: String {
    switch self {
    case .engineMissing(let engine):
      return "\(engine) is not installed, so PDFs cannot be made; install it with "
        + "`sudo apt-get install -y weasyprint` (or run scripts/setup.sh); Markdown and HTML output still work."
    case .engineFailed(let engine, let status, let message):
      return "\(engine) failed with exit status \(status): \(message)"
    case .io(let path, let message):
      return "\(path): \(message)"
    }
  }
}
