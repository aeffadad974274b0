import Diagnostics

/// Splits CEL source text into ``Token``s, reporting malformed literals as diagnostics.
struct Lexer {
  static let reservedWords: Set<String> = [
    "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
    "package", "namespace", "return", "var", "void", "while",
  ]
  private static let punctuation: [String] = [
    "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",",
    "[", "]", "(", ")", "{", "}",
  ]

  let file: SourceFile
  private let bytes: [UInt8]
  private var index: Int
  private let end: Int
  var diagnostics: DiagnosticCollector

  init(file: SourceFile, range: SourceRange, diagnostics: DiagnosticCollector) {
    self.file = file
    self.bytes = file.utf8
    self.index = range.start
    self.end = min(range.end, file.utf8.count)
    self.diagnostics = diagnostics
  }

  private func peek(_ offset: Int = 0) -> UInt8? {
    let position = index + offset
    return position < end ? bytes[position] : nil
  }

  private mutating func error(
    _ id: String, _ message: String, _ start: Int, _ stop: Int, help: String? = nil
  ) {
    diagnostics.add(
      Diagnostic(
        id: id, message: message, file: file, range: SourceRange(start: start, end: stop),
        help: help))
  }

  /// Reads every token, ending with `.end`.
  mutating func tokenize() -> [Token] {
    var tokens: [Token] = []
    while true {
      let token = next()
      tokens.append(token)
      if token.kind == .end { return tokens }
    }
  }

  private mutating func skipTrivia() {
    while let byte = peek() {
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
        index += 1
      } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
        while let c = peek(), c != 0x0A { _ = c; index += 1 }
      } else {
        return
      }
    }
  }

  private static func isIdentStart(_ b: UInt8) -> Bool {
    (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
  }
  private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  private static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    default: return nil
    }
  }

  mutating func next() -> Token {
    skipTrivia()
    let start = index
    guard let byte = peek() else {
      return Token(kind: .end, range: SourceRange(start: end, end: end))
    }
    // String and bytes literals with optional prefixes.
    if byte == 0x22 || byte == 0x27 { return lexString(start: start, raw: false, isBytes: false) }
    if Self.isIdentStart(byte) {
      let lower = byte | 0x20
      if lower == UInt8(ascii: "r") || lower == UInt8(ascii: "b") {
        if let q = peek(1), q == 0x22 || q == 0x27 {
          index += 1
          return lexString(
            start: start, raw: lower == UInt8(ascii: "r"), isBytes: lower == UInt8(ascii: "b"))
        }
        if let second = peek(1), let q = peek(2), q == 0x22 || q == 0x27 {
          let l2 = second | 0x20
          if (lower == UInt8(ascii: "r") && l2 == UInt8(ascii: "b"))
            || (lower == UInt8(ascii: "b") && l2 == UInt8(ascii: "r"))
          {
            index += 2
            return lexString(start: start, raw: true, isBytes: true)
          }
        }
      }
      while let c = peek(), Self.isIdentStart(c) || Self.isDigit(c) { index += 1 }
      let word = String(decoding: bytes[start..<index], as: UTF8.self)
      let range = SourceRange(start: start, end: index)
      if word == "in" { return Token(kind: .punct("in"), range: range) }
      if Self.reservedWords.contains(word) { return Token(kind: .reserved(word), range: range) }
      return Token(kind: .identifier(word), range: range)
    }
    if Self.isDigit(byte) || (byte == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
      return lexNumber(start: start)
    }
    if byte == UInt8(ascii: "`") {
      index += 1
      while let c = peek(), c != UInt8(ascii: "`"), c != 0x0A { index += 1 }
      guard peek() == UInt8(ascii: "`") else {
        error(
          "syntax.unterminated-identifier", "unterminated quoted identifier", start, index,
          help: "close it with a backquote")
        return Token(kind: .error, range: SourceRange(start: start, end: index))
      }
      index += 1
      let name = String(decoding: bytes[(start + 1)..<(index - 1)], as: UTF8.self)
      return Token(kind: .quotedIdentifier(name), range: SourceRange(start: start, end: index))
    }
    for p in Self.punctuation {
      let utf8 = Array(p.utf8)
      if index + utf8.count <= end, Array(bytes[index..<(index + utf8.count)]) == utf8 {
        index += utf8.count
        return Token(kind: .punct(p), range: SourceRange(start: start, end: index))
      }
    }
    // An unexpected character: skip one whole scalar.
    index += 1
    while let c = peek(), c & 0xC0 == 0x80 { index += 1 }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    error("syntax.unexpected-character", "unexpected character `\(text)`", start, index)
    return Token(kind: .error, range: SourceRange(start: start, end: index))
  }

  private mutating func lexNumber(start: Int) -> Token {
    if peek() == UInt8(ascii: "0"), let x = peek(1), x | 0x20 == UInt8(ascii: "x") {
      index += 2
      let digitsStart = index
      while let c = peek(), Self.hexValue(c) != nil { index += 1 }
      let digits = String(decoding: bytes[digitsStart..<index], as: UTF8.self)
      if digits.isEmpty {
        error("syntax.bad-number", "hexadecimal literal has no digits", start, index)
        return Token(kind: .error, range: SourceRange(start: start, end: index))
      }
      let value = UInt64(digits, radix: 16)
      if let u = peek(), u | 0x20 == UInt8(ascii: "u") {
        index += 1
        return numberToken(.uint(value), start)
      }
      return numberToken(.int(value), start)
    }
    var isDouble = false
    while let c = peek(), Self.isDigit(c) { index += 1 }
    if peek() == UInt8(ascii: "."), let d = peek(1), Self.isDigit(d) {
      isDouble = true
      index += 1
      while let c = peek(), Self.isDigit(c) { index += 1 }
    }
    if let e = peek(), e | 0x20 == UInt8(ascii: "e") {
      var look = 1
      if let sign = peek(1), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { look = 2 }
      if let d = peek(look), Self.isDigit(d) {
        isDouble = true
        index += look
        while let c = peek(), Self.isDigit(c) { index += 1 }
      }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    if isDouble {
      return numberToken(.double(Double(text) ?? .nan), start)
    }
    if let u = peek(), u | 0x20 == UInt8(ascii: "u") {
      index += 1
      return numberToken(.uint(UInt64(text)), start)
    }
    return numberToken(.int(UInt64(text)), start)
  }

  private mutating func numberToken(_ kind: Token.Kind, _ start: Int) -> Token {
    let range = SourceRange(start: start, end: index)
    if case .uint(nil) = kind {
      error(
        "syntax.number-out-of-range",
        "unsigned integer literal is larger than 18446744073709551615",
        start, index)
      return Token(kind: .error, range: range)
    }
    if let c = peek(), Self.isIdentStart(c) || Self.isDigit(c) {
      let badStart = index
      while let c = peek(), Self.isIdentStart(c) || Self.isDigit(c) { index += 1 }
      error("syntax.bad-number", "unexpected characters after a number", badStart, index)
      return Token(kind: .error, range: SourceRange(start: start, end: index))
    }
    return Token(kind: kind, range: range)
  }

  private mutating func lexString(start: Int, raw: Bool, isBytes: Bool) -> Token {
    let quote = bytes[index]
    let triple = peek(1) == quote && peek(2) == quote
    index += triple ? 3 : 1
    var buffer: [UInt8] = []
    var ok = true
    while true {
      guard let c = peek() else {
        error(
          "syntax.unterminated-string", "unterminated string literal", start, index,
          help:
            "close the string with \(triple ? String(repeating: String(UnicodeScalar(quote)), count: 3) : String(UnicodeScalar(quote)))"
        )
        return Token(kind: .error, range: SourceRange(start: start, end: index))
      }
      if c == quote {
        if !triple { index += 1; break }
        if peek(1) == quote && peek(2) == quote { index += 3; break }
        buffer.append(c)
        index += 1
        continue
      }
      if !triple && (c == 0x0A || c == 0x0D) {
        error(
          "syntax.unterminated-string", "unterminated string literal", start, index,
          help: "close the string on the same line, or use a triple-quoted string")
        return Token(kind: .error, range: SourceRange(start: start, end: index))
      }
      if c == UInt8(ascii: "\\") && !raw {
        let escapeStart = index
        if !lexEscape(into: &buffer, isBytes: isBytes) {
          ok = false
          error("syntax.bad-escape", "invalid escape sequence", escapeStart, min(index + 1, end))
          index += 1
        }
        continue
      }
      if c == UInt8(ascii: "\\") && raw, let n = peek(1), n == quote || n == UInt8(ascii: "\\") {
        buffer.append(c)
        buffer.append(n)
        index += 2
        continue
      }
      buffer.append(c)
      index += 1
    }
    let range = SourceRange(start: start, end: index)
    guard ok else { return Token(kind: .error, range: range) }
    if isBytes { return Token(kind: .bytes(buffer), range: range) }
    return Token(kind: .string(String(decoding: buffer, as: UTF8.self)), range: range)
  }

  /// Reads one escape sequence starting at a backslash; false when it is malformed.
  private mutating func lexEscape(into buffer: inout [UInt8], isBytes: Bool) -> Bool {
    guard let e = peek(1) else { return false }
    func appendScalar(_ value: UInt32) -> Bool {
      guard let scalar = UnicodeScalar(value) else { return false }
      buffer.append(contentsOf: Array(String(scalar).utf8))
      return true
    }
    switch e {
    case UInt8(ascii: "a"): buffer.append(0x07)
    case UInt8(ascii: "b"): buffer.append(0x08)
    case UInt8(ascii: "f"): buffer.append(0x0C)
    case UInt8(ascii: "n"): buffer.append(0x0A)
    case UInt8(ascii: "r"): buffer.append(0x0D)
    case UInt8(ascii: "t"): buffer.append(0x09)
    case UInt8(ascii: "v"): buffer.append(0x0B)
    case UInt8(ascii: "\\"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: "'"),
      UInt8(ascii: "`"):
      buffer.append(e)
    case UInt8(ascii: "0")...UInt8(ascii: "3"):
      guard let d1 = peek(2), let d2 = peek(3), (0x30...0x37).contains(d1),
        (0x30...0x37).contains(d2)
      else { return false }
      let value = UInt32(e - 0x30) * 64 + UInt32(d1 - 0x30) * 8 + UInt32(d2 - 0x30)
      if isBytes { buffer.append(UInt8(value)) } else if !appendScalar(value) { return false }
      index += 4
      return true
    case UInt8(ascii: "x"), UInt8(ascii: "X"), UInt8(ascii: "u"), UInt8(ascii: "U"):
      let count = (e == UInt8(ascii: "u")) ? 4 : (e == UInt8(ascii: "U") ? 8 : 2)
      var value: UInt32 = 0
      for offset in 0..<count {
        guard let h = peek(2 + offset), let v = Self.hexValue(h) else { return false }
        value = value * 16 + v
      }
      if count == 2 && isBytes {
        buffer.append(UInt8(value))
      } else {
        if value >= 0xD800 && value < 0xE000 { return false }
        if !appendScalar(value) { return false }
      }
      index += 2 + count
      return true
    default:
      return false
    }
    index += 2
    return true
  }
}
