/// One problem found in a source: a severity, a stable id, a message, where, and how to fix it.
///
/// Diagnostics are data; ``DiagnosticRenderer`` turns them into text. Ids are stable and
/// dotted by phase, e.g. `syntax.unterminated-string`, `check.no-such-field`,
/// `check.type-mismatch`.
public struct Diagnostic: Sendable, CustomStringConvertible {
  /// A secondary message, optionally pointing at its own range.
  public struct Note: Sendable {
    public var message: String
    public var range: SourceRange?

    public init(_ message: String, range: SourceRange? = nil) {
      self.message = message
      self.range = range
    }
  }

  public var severity: Severity
  /// A stable identifier such as `check.no-such-field`.
  public var id: String
  /// One sentence saying what is wrong.
  public var message: String
  /// The file the range points into, when there is one.
  public var file: SourceFile?
  /// Where the problem is.
  public var range: SourceRange?
  /// Extra context (`= note: …`).
  public var notes: [Note]
  /// How to fix it (`= help: …`), e.g. a did-you-mean suggestion.
  public var help: String?

  public init(
    _ severity: Severity = .error, id: String, message: String, file: SourceFile? = nil,
    range: SourceRange? = nil, notes: [Note] = [], help: String? = nil
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.file = file
    self.range = range
    self.notes = notes
    self.help = help
  }

  /// The one-based position of the range start, when known.
  public var position: SourcePosition? {
    guard let file, let range else { return nil }
    return file.position(of: range.start)
  }

  /// `file:line:column: message` on one line.
  public var description: String {
    var location = ""
    if let file {
      location = file.name
      if let position { location += ":\(position)" }
      location += ": "
    }
    return "\(severity.rawValue)[\(id)]: \(location)\(message)"
  }
}
