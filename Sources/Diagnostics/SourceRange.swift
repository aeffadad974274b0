/// A half-open range of UTF-8 offsets into a ``SourceFile``'s text.
///
/// Offsets are absolute within the file, so an expression embedded in a larger file (a rule file)
/// reports positions in that file's own lines and columns.
public struct SourceRange: Hashable, Sendable, Codable {
  /// The UTF-8 offset of the first byte.
  public var start: Int
  /// The UTF-8 offset one past the last byte.
  public var end: Int

  /// Creates a range; `end` is clamped so it is never before `start`.
  public init(start: Int, end: Int) {
    self.start = start
    self.end = max(start, end)
  }

  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }
}

/// A one-based line and column (the column counts Unicode scalars).
public struct SourcePosition: Hashable, Sendable, Codable, CustomStringConvertible {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  public var description: String { "\(line):\(column)" }
}
