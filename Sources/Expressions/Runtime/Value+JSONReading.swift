extension Value {
  /// Reads JSON text straight into a value, with no Foundation objects in between: objects become
  /// maps with string keys, arrays lists, numbers written without a fraction or an exponent `int`
  /// (when they fit in 64 bits) and other numbers `double`, `true`/`false` bools, `null` null.
  ///
  /// These are the values ``init(foundation:as:)`` gives for `JSONSerialization`'s objects with
  /// type `dyn`, except that a large integer keeps every digit. It accepts what `JSONSerialization`
  /// accepts: only an object or array at the top (no `.fragmentsAllowed`), a trailing comma in
  /// either, no number out of a double's range. Nil when the text is not such a document or nests
  /// deeper than `maxDepth`.
  ///
  /// ```swift
  /// Value.readingJSON(#"{"env": "staging", "n": 2}"#)   // {"env": "staging", "n": 2}
  /// Value.readingJSON("5")                               // nil
  /// ```
  public static func readingJSON(_ text: String, maxDepth: Int = 512) -> Value? {
    var text = text
    return text.withUTF8 { bytes in
      var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
      return reader.document()
    }
  }
}

/// A recursive-descent JSON reader over UTF-8 bytes (RFC 8259), producing ``Value``s.
private struct JSONReader {
  let bytes: UnsafeBufferPointer<UInt8>
  let maxDepth: Int
  var position = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  mutating func document() -> Value? {
    skipSpace()
    guard position < bytes.count,
      bytes[position] == UInt8(ascii: "{") || bytes[position] == UInt8(ascii: "[")
    else { return nil }
    guard let value = value() else { return nil }
    skipSpace()
    return position == bytes.count ? value : nil
  }

  // MARK: - Values

  mutating func value() -> Value? {
    skipSpace()
    guard position < bytes.count else { return nil }
    switch bytes[position] {
    case UInt8(ascii: "{"): return object()
    case UInt8(ascii: "["): return array()
    case UInt8(ascii: "\""): return string().map(Value.string)
    case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
    case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
    case UInt8(ascii: "n"): return literal("null") ? .null : nil
    default: return number()
    }
  }

  mutating func object() -> Value? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= maxDepth else { return nil }
    position += 1  // {
    var entries: [(MapKey, Value)] = []
    skipSpace()
    if consume(UInt8(ascii: "}")) { return .map(MapValue(entries)) }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), let key = string()
      else { return nil }
      skipSpace()
      guard consume(UInt8(ascii: ":")), let item = value() else { return nil }
      entries.append((.string(key), item))
      skipSpace()
      if consume(UInt8(ascii: ",")) {
        // A trailing comma is allowed, as JSONSerialization allows it.
        skipSpace()
        if consume(UInt8(ascii: "}")) { break }
        continue
      }
      guard consume(UInt8(ascii: "}")) else { return nil }
      break
    }
    // Sorted keys, as init(foundation:) builds maps from a dictionary; the last duplicate wins.
    if isStrictlySorted(entries) { return .map(MapValue(entries)) }
    var unique: [String: Int] = [:]
    for (offset, entry) in entries.enumerated() {
      if case .string(let key) = entry.0 { unique[key] = offset }
    }
    let sorted = unique.sorted { $0.key < $1.key }.map { entries[$0.value] }
    return .map(MapValue(sorted))
  }

  func isStrictlySorted(_ entries: [(MapKey, Value)]) -> Bool {
    guard entries.count > 1 else { return true }
    for index in 1..<entries.count {
      guard case .string(let previous) = entries[index - 1].0,
        case .string(let key) = entries[index].0,
        previous < key
      else { return false }
    }
    return true
  }

  mutating func array() -> Value? {
    depth += 1
    defer { depth -= 1 }
    guard depth <= maxDepth else { return nil }
    position += 1  // [
    var items: [Value] = []
    skipSpace()
    if consume(UInt8(ascii: "]")) { return .list(items) }
    while true {
      guard let item = value() else { return nil }
      items.append(item)
      skipSpace()
      if consume(UInt8(ascii: ",")) {
        // A trailing comma is allowed, as JSONSerialization allows it.
        skipSpace()
        if consume(UInt8(ascii: "]")) { return .list(items) }
        continue
      }
      guard consume(UInt8(ascii: "]")) else { return nil }
      return .list(items)
    }
  }

  /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
  mutating func number() -> Value? {
    let start = position
    _ = consume(UInt8(ascii: "-"))
    guard position < bytes.count else { return nil }
    if bytes[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      guard digits() > 0 else { return nil }
    }
    var integral = true
    if consume(UInt8(ascii: ".")) {
      integral = false
      guard digits() > 0 else { return nil }
    }
    if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
      integral = false
      position += 1
      if !consume(UInt8(ascii: "+")) { _ = consume(UInt8(ascii: "-")) }
      guard digits() > 0 else { return nil }
    }
    let text = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    if integral, let number = Int64(text) { return .int(number) }
    // A number too large for a double (`1e400`) is refused, as JSONSerialization refuses it.
    guard let number = Double(text), number.isFinite else { return nil }
    return .double(number)
  }

  /// Skips decimal digits and returns how many there were.
  mutating func digits() -> Int {
    let start = position
    while position < bytes.count, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
    return position - start
  }

  /// A string literal; the reader stands on its opening quote.
  mutating func string() -> String? {
    position += 1  // "
    let start = position
    // Fast path: no escapes.
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") {
        let text = String(
          decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        position += 1
        return text
      }
      if byte == UInt8(ascii: "\\") { break }
      if byte < 0x20 { return nil }
      position += 1
    }
    var utf8 = Array(bytes[start..<position])
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      switch byte {
      case UInt8(ascii: "\""):
        return String(decoding: utf8, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard position < bytes.count else { return nil }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): utf8.append(escape)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(0x0A)
        case UInt8(ascii: "r"): utf8.append(0x0D)
        case UInt8(ascii: "t"): utf8.append(0x09)
        case UInt8(ascii: "u"):
          guard var scalar = hex4() else { return nil }
          if (0xD800..<0xDC00).contains(scalar) {
            // A high surrogate must be followed by an escaped low one.
            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(),
              (0xDC00..<0xE000).contains(low)
            else { return nil }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00..<0xE000).contains(scalar) {
            return nil
          }
          guard let unicode = Unicode.Scalar(scalar) else { return nil }
          utf8.append(contentsOf: String(Character(unicode)).utf8)
        default: return nil
        }
      default:
        if byte < 0x20 { return nil }
        utf8.append(byte)
      }
    }
    return nil
  }

  /// Four hexadecimal digits.
  mutating func hex4() -> UInt32? {
    guard position + 4 <= bytes.count else { return nil }
    var result: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[position]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: return nil
      }
      result = result << 4 | UInt32(digit)
      position += 1
    }
    return result
  }

  // MARK: - Lexing

  mutating func literal(_ word: StaticString) -> Bool {
    let count = word.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    for offset in 0..<count where bytes[position + offset] != word.utf8Start[offset] {
      return false
    }
    position += count
    return true
  }

  mutating func consume(_ byte: UInt8) -> Bool {
    guard position < bytes.count, bytes[position] == byte else { return false }
    position += 1
    return true
  }

  mutating func skipSpace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }
}
