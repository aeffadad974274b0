import Diagnostics

/// The formatter's output would not mean what its input meant; the file is left alone.
///
/// This is a bug in the formatter (or a layout it cannot keep), never in the file: the message
/// names the first fact that would change.
public struct RuleFormatError: Error, Sendable, CustomStringConvertible {
  /// The file's name.
  public let file: String
  /// The first fact of the input that formatting would change (see ``RuleFormatter/meaning(of:)``).
  public let was: String
  /// What it would become.
  public let now: String

  /// The diagnostic id.
  public static let id = "rules.format.changed-meaning"

  public var description: String {
    "error[\(Self.id)]: \(file): formatting would change the meaning (`\(was)` would become `\(now)`); the file is left as it was"
  }

  /// The error as a diagnostic.
  public var diagnostic: Diagnostic {
    Diagnostic(
      .error, id: Self.id,
      message: "formatting would change the meaning (`\(was)` would become `\(now)`)",
      help: "the file is left as it was; please report this layout")
  }
}
