import Diagnostics

/// The canonical layout of a rule file (`.rules`, `.test`): a pure function from text to text.
///
/// The formatter re-indents and re-spaces lines; it never rewrites what is on a line, so every
/// comment stays where it was written and no expression is re-spaced:
/// - each line is indented two spaces per open bracket (`{`, `[`, `(`) around it, a line starting
///   with a closing bracket one level less; lines inside a triple-quoted string are left as they are;
/// - trailing spaces go; runs of blank lines become one; blank lines just inside a block's braces
///   go; top-level blocks are separated by exactly one blank line; the file ends with one newline.
///
/// ```
/// flag A {              →  flag A {
///       default on   # x       default on   # x
///                             }
///
/// }                         flag B {
/// flag B {                    default off
/// default off               }
/// }
/// ```
///
/// ``format(_:name:)`` then re-parses the result and refuses (``RuleFormatError``, id
/// `rules.format.changed-meaning`) unless it has the same meaning as the input: the same flags,
/// rule sets, lets, requirements, signals and tests with the same expressions (ignoring layout and
/// comments) and the same parse diagnostics.
public enum RuleFormatter {
  /// The formatted text of `text`.
  ///
  /// - Throws: ``RuleFormatError`` when the formatted text would not mean what `text` means.
  public static func format(_ text: String, name: String = "<input>") throws -> String {
    try format(text, name: name, layout: layout)
  }

  /// ``format(_:name:)`` with another layout function (tests give it one that breaks meaning).
  static func format(_ text: String, name: String, layout: (String) -> String) throws -> String {
    let formatted = layout(text)
    if formatted == text { return text }
    let before = meaning(of: SourceFile(name: name, text: text))
    let after = meaning(of: SourceFile(name: name, text: formatted))
    guard before == after else {
      let index =
        zip(before, after).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(before.count, after.count)
      let was = index < before.count ? before[index] : "(nothing)"
      let now = index < after.count ? after[index] : "(nothing)"
      throw RuleFormatError(file: name, was: was, now: now)
    }
    return formatted
  }

  // MARK: - Layout

  /// Where the scan of a line left off: open brackets, and an unfinished triple-quoted string.
  struct ScanState {
    var depth = 0
    /// The quote byte of a triple-quoted string still open at the end of the line.
    var tripleQuote: UInt8?
  }

  /// The re-laid-out text (no meaning check).
  ///
  /// Works on UTF-8 bytes, not `Character`s: in Swift `"\r\n"` is one `Character`, so a line kept
  /// byte for byte that ends in a carriage return, joined to the next with `"\n"`, read back as a
  /// different line end, and each run changed the file again (found four times by the rules fuzz
  /// target). Here a line ends at `\n` only; a carriage return is a blank like the scanner's, so
  /// in leading and trailing blanks it goes (CRLF files become LF), and inside a line or a
  /// triple-quoted string it stays.
  static func layout(_ text: String) -> String {
    var state = ScanState()
    /// Output lines; `nil` is a blank line.
    var lines: [ArraySlice<UInt8>?] = []
    /// True when the previous non-blank line left the top level after closing a block.
    var closedTopLevelBlock = false
    /// True when the previous line opened a bracket (a blank line after it goes).
    var justOpened = false
    let bytes = Array(text.utf8)
    var rawLines = bytes.split(separator: newline, omittingEmptySubsequences: false)
    // The file's last line end ends that line; it does not start another. (Inside a
    // triple-quoted string left open at the end, that empty "line" was kept as content, so each
    // run added a newline: found by the rules fuzz target.)
    if rawLines.count > 1, rawLines.last?.isEmpty == true { rawLines.removeLast() }
    for line in rawLines {
      if state.tripleQuote != nil {
        // Inside a multi-line string: the line is part of a value; keep it byte for byte.
        lines.append(line)
        scan(line, into: &state)
        justOpened = false
        continue
      }
      let trimmed = line.drop(while: isBlank)
      if trimmed.isEmpty {
        if !justOpened, let last = lines.last, last != nil { lines.append(nil) }
        continue
      }
      let startsWithCloser = isCloser(trimmed[trimmed.startIndex])
      if startsWithCloser, lines.last == .some(nil) { lines.removeLast() }
      let depthBefore = state.depth
      if depthBefore == 0 && closedTopLevelBlock {
        if lines.last != .some(nil) { lines.append(nil) }
      }
      let indent = max(0, depthBefore - (startsWithCloser ? 1 : 0))
      scan(trimmed, into: &state)
      var body = trimmed
      // Trailing blanks go unless a triple-quoted string opened on this line is still open.
      if state.tripleQuote == nil {
        while let last = body.last, isBlank(last) { body.removeLast() }
      }
      lines.append(ArraySlice(repeating: space, count: 2 * indent) + body)
      justOpened = state.depth > depthBefore
      closedTopLevelBlock = state.depth == 0 && (depthBefore > 0 || justClosedOnLine(trimmed))
    }
    while let first = lines.first, first == nil { lines.removeFirst() }
    while let last = lines.last, last == nil { lines.removeLast() }
    if lines.isEmpty { return "" }
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + bytes.count / 8)
    for line in lines {
      if let line { output.append(contentsOf: line) }
      output.append(newline)
    }
    // Lines are cut at "\n" and blanks are ASCII, so the bytes are still valid UTF-8.
    return String(decoding: output, as: UTF8.self)
  }

  private static let newline = UInt8(ascii: "\n")
  private static let space = UInt8(ascii: " ")

  /// A space, a tab or a carriage return: what the rule scanner skips between tokens.
  private static func isBlank(_ byte: UInt8) -> Bool {
    byte == space || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
  }

  private static func isCloser(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: ")")
  }

  /// True when a top-level line is a whole block (`flag A { default on }`).
  private static func justClosedOnLine(_ line: ArraySlice<UInt8>) -> Bool {
    var state = ScanState()
    var opened = false
    for byte in line {
      if byte == UInt8(ascii: "#") { break }
      if byte == UInt8(ascii: "{") { opened = true }
    }
    scan(line, into: &state)
    return opened && state.depth == 0
  }

  /// Updates the bracket depth and triple-quote state over one line: strings (`"…"`, `'…'`, and
  /// their triple-quoted forms) and comments (`#` to the end of the line) do not count.
  static func scan(_ bytes: ArraySlice<UInt8>, into state: inout ScanState) {
    var index = bytes.startIndex
    let end = bytes.endIndex
    func isTriple(_ quote: UInt8, at position: Int) -> Bool {
      position + 2 < end && bytes[position] == quote && bytes[position + 1] == quote
        && bytes[position + 2] == quote
    }
    while index < end {
      if let quote = state.tripleQuote {
        if bytes[index] == UInt8(ascii: "\\") {
          index += 2
        } else if isTriple(quote, at: index) {
          state.tripleQuote = nil
          index += 3
        } else {
          index += 1
        }
        continue
      }
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "#"):
        return
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        if isTriple(byte, at: index) {
          state.tripleQuote = byte
          index += 3
          continue
        }
        index += 1
        while index < end, bytes[index] != byte {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index += 1
        continue
      case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "("):
        state.depth += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ")"):
        state.depth = max(0, state.depth - 1)
      default:
        break
      }
      index += 1
    }
  }
}
