import Diagnostics

/// A cursor over a rule file's UTF-8 bytes: words, strings, numbers, and expression spans.
///
/// Comments run from `#` to the end of the line (outside strings). Expressions are not tokenised
/// here: ``expressionSpan(stopAtArrow:)`` finds where one ends (the end of the line, unless a bracket
/// or string is still open; or a top-level `=>`), and the expression language parses the range.
struct RuleScanner {
  let file: SourceFile
  private let bytes: [UInt8]
  var offset = 0

  init(file: SourceFile) {
    self.file = file
    self.bytes = file.utf8
  }

  mutating func advance() { offset += 1 }

  var isAtEnd: Bool { offset >= bytes.count }
  var peek: UInt8? { offset < bytes.count ? bytes[offset] : nil }

  // MARK: - Whitespace

  /// Skips spaces, tabs, comments and (when `newlines`) line breaks.
  mutating func skipSpace(newlines: Bool = true) {
    while let byte = peek {
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
        offset += 1
      } else if byte == UInt8(ascii: "\n") && newlines {
        offset += 1
      } else if byte == UInt8(ascii: "#") {
        while let next = peek, next != UInt8(ascii: "\n") { offset += 1 }
      } else {
        return
      }
    }
  }

  /// True when only spaces or a comment remain on the current line.
  mutating func atEndOfLine() -> Bool {
    skipSpace(newlines: false)
    return peek == nil || peek == UInt8(ascii: "\n")
  }

  // MARK: - Tokens

  /// Consumes `text` when the next bytes are exactly it (and, for words, not followed by a name byte).
  mutating func consume(_ text: String) -> Bool {
    skipSpace(newlines: false)
    let expected = Array(text.utf8)
    guard offset + expected.count <= bytes.count,
      Array(bytes[offset..<offset + expected.count]) == expected
    else { return false }
    if let last = expected.last, Self.isNameByte(last), offset + expected.count < bytes.count,
      Self.isNameByte(bytes[offset + expected.count])
    {
      return false
    }
    offset += expected.count
    return true
  }

  /// A name: letters, digits, `_`, `-` and `.` (for `account.id`-free names such as flag names).
  mutating func word() -> Located<String>? {
    skipSpace(newlines: false)
    let start = offset
    while let byte = peek, Self.isNameByte(byte) { offset += 1 }
    guard offset > start else { return nil }
    return Located(
      value: String(decoding: bytes[start..<offset], as: UTF8.self), range: range(from: start))
  }

  /// A double-quoted string with `\"`, `\\`, `\n`, `\t` escapes.
  mutating func string() -> Located<String>?? {
    skipSpace(newlines: false)
    guard peek == UInt8(ascii: "\"") else { return .none }
    let start = offset
    offset += 1
    var value: [UInt8] = []
    while let byte = peek {
      offset += 1
      switch byte {
      case UInt8(ascii: "\""):
        return .some(
          Located(value: String(decoding: value, as: UTF8.self), range: range(from: start)))
      case UInt8(ascii: "\\"):
        guard let escaped = peek else { return .some(nil) }
        offset += 1
        switch escaped {
        case UInt8(ascii: "n"): value.append(UInt8(ascii: "\n"))
        case UInt8(ascii: "t"): value.append(UInt8(ascii: "\t"))
        default: value.append(escaped)
        }
      case UInt8(ascii: "\n"):
        offset -= 1
        return .some(nil)
      default:
        value.append(byte)
      }
    }
    return .some(nil)
  }

  /// A decimal number such as `0.4`, `25`, `-1.5`.
  mutating func number() -> Located<Double>? {
    skipSpace(newlines: false)
    let start = offset
    if peek == UInt8(ascii: "-") || peek == UInt8(ascii: "+") { offset += 1 }
    while let byte = peek,
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
    {
      offset += 1
    }
    let text = String(decoding: bytes[start..<offset], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      offset = start
      return nil
    }
    return Located(value: value, range: range(from: start))
  }

  /// The rest of the line as text (trimmed), for values such as timestamps.
  mutating func restOfLineWord() -> Located<String>? {
    skipSpace(newlines: false)
    let start = offset
    while let byte = peek, byte != UInt8(ascii: " "), byte != UInt8(ascii: "\n"),
      byte != UInt8(ascii: "\t"), byte != UInt8(ascii: "#"), byte != UInt8(ascii: "\r")
    {
      offset += 1
    }
    guard offset > start else { return nil }
    return Located(
      value: String(decoding: bytes[start..<offset], as: UTF8.self), range: range(from: start))
  }

  // MARK: - Spans

  /// The range of an expression starting here: up to the end of the line once brackets and strings
  /// are closed, or up to a top-level `=>` (left unconsumed) when `stopAtArrow`, or a top-level `{`
  /// when `stopAtBrace`. Trailing spaces and comments are excluded. `nil` when empty.
  mutating func expressionSpan(stopAtArrow: Bool = false, stopAtBrace: Bool = false) -> SourceRange?
  {
    skipSpace(newlines: false)
    let start = offset
    var depth = 0
    var end = offset
    while let byte = peek {
      if depth == 0 && byte == UInt8(ascii: "\n") { break }
      // An open bracket continues the expression on the next line, unless that line starts a new
      // item or closes the block: then the bracket is the mistake, reported once by the expression
      // parser, and the lines after it are read as what they are.
      if byte == UInt8(ascii: "\n") && startsNewItem(after: offset) { break }
      if byte == UInt8(ascii: "#") {
        while let next = peek, next != UInt8(ascii: "\n") { offset += 1 }
        continue
      }
      if stopAtArrow && depth == 0 && byte == UInt8(ascii: "=") && offset + 1 < bytes.count
        && bytes[offset + 1] == UInt8(ascii: ">")
      {
        break
      }
      if stopAtBrace && depth == 0 && byte == UInt8(ascii: "{") { break }
      switch byte {
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        skipQuoted(quote: byte)
        end = offset
        continue
      default: break
      }
      offset += 1
      if !(byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        || byte == UInt8(ascii: "\n"))
      {
        end = offset
      }
    }
    guard end > start else { return nil }
    return SourceRange(start: start, end: end)
  }

  /// The range of a JSON value starting here (balanced brackets, strings skipped), or a bare word.
  mutating func jsonSpan() -> SourceRange? {
    skipSpace(newlines: false)
    let start = offset
    guard let first = peek else { return nil }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      var depth = 0
      while let byte = peek {
        switch byte {
        case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
        case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
        case UInt8(ascii: "\""):
          skipQuoted(quote: byte)
          continue
        default: break
        }
        offset += 1
        if depth == 0 { return SourceRange(start: start, end: offset) }
      }
      return nil
    }
    if first == UInt8(ascii: "\"") {
      skipQuoted(quote: first)
      return SourceRange(start: start, end: offset)
    }
    guard let token = restOfLineWord() else { return nil }
    return token.range
  }

  /// Skips a quoted string (CEL's `"…"`, `'…'`, and their triple-quoted forms) from its opening quote.
  private mutating func skipQuoted(quote: UInt8) {
    let triple =
      offset + 2 < bytes.count && bytes[offset + 1] == quote && bytes[offset + 2] == quote
    offset += triple ? 3 : 1
    while let byte = peek {
      if byte == UInt8(ascii: "\\") {
        offset += 2
        continue
      }
      if byte == UInt8(ascii: "\n") && !triple { return }
      if byte == quote {
        if !triple {
          offset += 1
          return
        }
        if offset + 2 < bytes.count && bytes[offset + 1] == quote && bytes[offset + 2] == quote {
          offset += 3
          return
        }
      }
      offset += 1
    }
  }

  /// The words that begin a line of a block, or a block.
  static let lineKeywords: Set<String> = [
    "flag", "matchmaking", "test", "description", "enabled", "active", "requires", "salt",
    "variants", "default", "off", "when", "let", "require", "signal", "keep", "top",
    "expect", "advertiser", "show", "context",
  ]

  /// True when the next non-blank line after the line break at `newline` starts with `}` or with
  /// one of ``lineKeywords`` followed by a space.
  func startsNewItem(after newline: Int) -> Bool {
    var index = newline + 1
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
        || byte == UInt8(ascii: "\n")
      {
        index += 1
        continue
      }
      if byte == UInt8(ascii: "}") { return true }
      var end = index
      while end < bytes.count, Self.isNameByte(bytes[end]) { end += 1 }
      guard end > index, end < bytes.count,
        bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\"")
      else { return false }
      return Self.lineKeywords.contains(String(decoding: bytes[index..<end], as: UTF8.self))
    }
    return true
  }

  /// True when only spaces or tabs stand between the start of the line and `position`.
  func isAtLineStart(_ position: Int) -> Bool {
    var index = position - 1
    while index >= 0 {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\n") { return true }
      if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") { return false }
      index -= 1
    }
    return true
  }

  /// True when the line from `position` ends with `{` (before any comment): a block header such as
  /// `flag B {`, not a test's `flag ENABLE_MATCHMAKING` line.
  func lineOpensBlock(from position: Int) -> Bool {
    var index = position
    var last: UInt8?
    var quote = false
    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") { quote.toggle() }
      if byte == UInt8(ascii: "#") && !quote { break }
      if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t") && byte != UInt8(ascii: "\r") {
        last = byte
      }
      index += 1
    }
    return last == UInt8(ascii: "{")
  }

  /// The word at the current position, without consuming it.
  func peekWord() -> String? {
    var copy = self
    return copy.word()?.value
  }

  /// The offset just after the last non-blank character of the nearest line before `position`
  /// that is neither blank nor a comment: where a missing `}` belongs.
  func endOfPreviousLine(before position: Int) -> Int {
    let blank: (UInt8) -> Bool = {
      $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r")
    }
    var end = position
    // Step back to the line break that ends the previous line.
    while end > 0, bytes[end - 1] != UInt8(ascii: "\n") { end -= 1 }
    while end > 0 {
      let lineEnd = end - 1  // the "\n"
      var start = lineEnd
      while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
      let content = bytes[start..<lineEnd]
      if let first = content.firstIndex(where: { !blank($0) }), bytes[first] != UInt8(ascii: "#") {
        let last = content.lastIndex(where: { !blank($0) })!
        return last + 1
      }
      end = start
    }
    return position
  }

  /// Skips to the start of the next line (error recovery).
  mutating func skipLine() {
    while let byte = peek, byte != UInt8(ascii: "\n") { offset += 1 }
  }

  func range(from start: Int) -> SourceRange { SourceRange(start: start, end: offset) }

  static func isNameByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: "-")
  }
}
