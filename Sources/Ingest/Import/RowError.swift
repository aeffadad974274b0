import Store

/// One invalid value in a CSV file: where it is, what it was and what was expected.
///
/// Rendered as `file:line:column: 'value' …; expected …`, where the column is the header name.
public struct RowError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
  /// The file's name as given on the command line.
  public let file: String
  /// The line the value starts on (1-based; line 1 is the header).
  public let line: Int
  /// The header name of the column (or `*` for the whole row).
  public let column: String
  /// The offending text, clipped to 200 characters with its full size (``BoundedText/clip(_:limit:)``):
  /// errors end up in responses and in the append-only event log.
  public let value: String
  /// What a valid value looks like.
  public let expected: String

  public init(file: String, line: Int, column: String, value: String, expected: String) {
    self.file = file
    self.line = line
    self.column = BoundedText.clip(column)
    self.value = BoundedText.clip(value)
    self.expected = expected
  }

  /// `value is not valid; expected …`, without the location.
  public var message: String { "'\(value)' is not valid; expected \(expected)" }

  public var description: String { "\(file):\(line):\(column): \(message)." }
}
