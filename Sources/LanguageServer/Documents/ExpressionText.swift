import Diagnostics

/// Names inside expression text, found lexically (strings and comments skipped): enough for
/// navigation, hover and completion on text that may not parse yet.
public enum ExpressionText {
  /// An identifier and what surrounds it.
  public struct Identifier: Sendable, Equatable {
    public var name: String
    public var range: SourceRange
    /// Preceded by `.`: a field or method (`show.cpm`'s `cpm`), not a variable.
    public var isMember: Bool
    /// The dotted chain ending at this name: `show.cpm`, `math.least`, `shared`.
    public var path: String
    /// Followed by `(`: a call.
    public var isCall: Bool
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
      || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
      || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
  }

  /// The identifier that `offset` is in or just after, if any.
  public static func identifier(at offset: Int, in bytes: [UInt8]) -> Identifier? {
    var start = min(offset, bytes.count)
    while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
    var end = min(offset, bytes.count)
    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
    guard end > start else { return nil }
    return describe(start: start, end: end, in: bytes)
  }

  /// Every identifier in `range` (outside strings and comments), in order.
  public static func identifiers(in range: SourceRange, of bytes: [UInt8]) -> [Identifier] {
    var result: [Identifier] = []
    var index = range.start
    let end = min(range.end, bytes.count)
    while index < end {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index += 1
        while index < end, bytes[index] != byte, bytes[index] != UInt8(ascii: "\n") {
          index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        index += 1
        continue
      }
      if byte == UInt8(ascii: "#") {
        while index < end, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        continue
      }
      if isNameByte(byte) {
        let start = index
        while index < end, isNameByte(bytes[index]) { index += 1 }
        // A number (`0.5`, `20`) is not a name.
        if !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start]) {
          result.append(describe(start: start, end: index, in: bytes))
        }
        continue
      }
      index += 1
    }
    return result
  }

  private static func describe(start: Int, end: Int, in bytes: [UInt8]) -> Identifier {
    var pathStart = start
    while pathStart > 1, bytes[pathStart - 1] == UInt8(ascii: "."), isNameByte(bytes[pathStart - 2])
    {
      pathStart -= 1
      while pathStart > 0, isNameByte(bytes[pathStart - 1]) { pathStart -= 1 }
    }
    var after = end
    while after < bytes.count, bytes[after] == UInt8(ascii: " ") { after += 1 }
    return Identifier(
      name: String(decoding: bytes[start..<end], as: UTF8.self),
      range: SourceRange(start: start, end: end),
      isMember: start > 0 && bytes[start - 1] == UInt8(ascii: "."),
      path: String(decoding: bytes[pathStart..<end], as: UTF8.self),
      isCall: after < bytes.count && bytes[after] == UInt8(ascii: "("))
  }

  /// The text of the current line before `offset`.
  public static func linePrefix(before offset: Int, in bytes: [UInt8]) -> String {
    var start = min(offset, bytes.count)
    while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    return String(decoding: bytes[start..<min(offset, bytes.count)], as: UTF8.self)
  }
}
