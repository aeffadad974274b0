/// The text of a file (or of a command-line expression) with line and column lookup.
///
/// A rule file is one `SourceFile`; each expression inside it is compiled from a range of that
/// file, so every diagnostic points at the file's real line and column:
/// ```swift
/// let file = SourceFile(name: "rules/match.rules", text: text)
/// let program = try Expression.compile(file, range: exprRange, in: env)
/// ```
public final class SourceFile: Sendable {
  /// The name shown in diagnostics (a path, or `<expr>`).
  public let name: String
  /// The full text.
  public let text: String
  /// The text as UTF-8 bytes; ``SourceRange`` offsets index this.
  public let utf8: [UInt8]
  /// Where each line starts.
  private let lines: LineIndex

  /// Creates a source file from its name and text.
  public init(name: String, text: String) {
    self.name = name
    self.text = text
    let bytes = Array(text.utf8)
    self.utf8 = bytes
    self.lines = LineIndex(bytes)
  }

  /// The number of lines.
  public var lineCount: Int { lines.count }

  /// The one-based line and column of a UTF-8 offset (clamped to the text).
  public func position(of offset: Int) -> SourcePosition {
    let offset = min(max(0, offset), utf8.count)
    let line = lines.line(containing: offset)
    let start = lines.start(ofLine: line)
    return SourcePosition(line: line + 1, column: scalarCount(from: start, to: offset) + 1)
  }

  /// The UTF-8 offset of a one-based line and column, or nil when outside the text.
  public func offset(line: Int, column: Int) -> Int? {
    guard line >= 1, line <= lines.count, column >= 1 else { return nil }
    var offset = lines.start(ofLine: line - 1)
    var remaining = column - 1
    while remaining > 0 {
      guard offset < utf8.count, utf8[offset] != UInt8(ascii: "\n") else { return nil }
      offset += 1
      while offset < utf8.count, utf8[offset] & 0xC0 == 0x80 { offset += 1 }
      remaining -= 1
    }
    return offset
  }

  /// The text of a one-based line, without its line terminator.
  public func lineText(_ line: Int) -> String {
    guard line >= 1, line <= lines.count else { return "" }
    let start = lines.start(ofLine: line - 1)
    var end = line < lines.count ? lines.start(ofLine: line) - 1 : utf8.count
    if end > start, utf8[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return String(decoding: utf8[start..<max(start, end)], as: UTF8.self)
  }

  /// The text covered by a range.
  public func text(in range: SourceRange) -> String {
    let start = min(max(0, range.start), utf8.count)
    let end = min(max(start, range.end), utf8.count)
    return String(decoding: utf8[start..<end], as: UTF8.self)
  }

  /// The number of Unicode scalars between two UTF-8 offsets.
  func scalarCount(from start: Int, to end: Int) -> Int {
    var count = 0
    var index = start
    while index < end && index < utf8.count {
      if utf8[index] & 0xC0 != 0x80 { count += 1 }
      index += 1
    }
    return count
  }
}
