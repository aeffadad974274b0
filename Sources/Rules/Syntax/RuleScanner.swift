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
