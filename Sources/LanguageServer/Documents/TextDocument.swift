import Diagnostics
import Foundation

/// An open document: its text and version, with LSP positions (line, UTF-16 code unit) mapped to
/// the UTF-8 offsets Cuesheet's source ranges use.
///
/// ```swift
/// var document = TextDocument(uri: "file:///r/a.rules", text: "# é\nflag A {")
/// document.offset(of: LSPPosition(line: 0, character: 3))   // 4: "é" is 1 UTF-16 unit, 2 bytes
/// ```
public struct TextDocument: Sendable {
  public let uri: String
  public private(set) var text: String
  public var version: Int
  /// The editor's language id (`cuesheet-rules` marks a rule file whatever its name).
  public var languageID: String
  public private(set) var utf8: [UInt8]
  /// Where each line starts.
  private var lines: LineIndex

  public init(uri: String, text: String, version: Int = 0, languageID: String = "") {
    self.uri = uri
    self.text = text
    self.version = version
    self.languageID = languageID
    self.utf8 = Array(text.utf8)
    self.lines = LineIndex(utf8)
  }

  /// The file path of a `file:` URI (nil for other schemes such as `untitled:`).
  public var path: String? { Self.path(of: uri) }

  public static func path(of uri: String) -> String? {
    guard uri.hasPrefix("file:"), let url = URL(string: uri) else { return nil }
    return url.path
  }

  public static func uri(of path: String) -> String { URL(fileURLWithPath: path).absoluteString }

  // MARK: - Positions

  /// The UTF-8 offset of an LSP position, clamped to the text (a character past the end of a line
  /// means the line's end, as the protocol asks).
  public func offset(of position: LSPPosition) -> Int {
    guard position.line >= 0 else { return 0 }
    guard position.line < lines.count else { return utf8.count }
    var offset = lines.start(ofLine: position.line)
    var units = 0
    while offset < utf8.count, utf8[offset] != UInt8(ascii: "\n"), units < position.character {
      let lead = utf8[offset]
      let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
      units += length == 4 ? 2 : 1
      offset = min(utf8.count, offset + length)
    }
    return offset
  }

  /// The LSP position of a UTF-8 offset (clamped to the text).
  public func position(of offset: Int) -> LSPPosition {
    let offset = min(max(0, offset), utf8.count)
    let line = lines.line(containing: offset)
    var index = lines.start(ofLine: line)
    var units = 0
    while index < offset {
      let lead = utf8[index]
      let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
      units += length == 4 ? 2 : 1
      index += length
    }
    return LSPPosition(line: line, character: units)
  }

  public func range(start: Int, end: Int) -> LSPRange {
    LSPRange(start: position(of: start), end: position(of: end))
  }

  /// The range of the whole text.
  public var fullRange: LSPRange { range(start: 0, end: utf8.count) }

  // MARK: - Changes

  /// Applies one `contentChanges` entry: a range and its new text, or (without a range) the whole
  /// new text.
  public mutating func apply(range: LSPRange?, text newText: String) {
    guard let range else {
      replaceAll(with: newText)
      return
    }
    var start = offset(of: range.start)
    var end = offset(of: range.end)
    if end < start { swap(&start, &end) }
    var bytes = utf8
    bytes.replaceSubrange(start..<end, with: Array(newText.utf8))
    replaceAll(with: String(decoding: bytes, as: UTF8.self))
  }

  private mutating func replaceAll(with newText: String) {
    text = newText
    utf8 = Array(newText.utf8)
    lines = LineIndex(utf8)
  }
}

/// A zero-based line and UTF-16 code-unit column.
public struct LSPPosition: Sendable, Equatable, Comparable {
  public var line: Int
  public var character: Int

  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  public init?(_ json: JSON?) {
    guard let line = json?["line"]?.intValue, let character = json?["character"]?.intValue else {
      return nil
    }
    self.init(line: line, character: character)
  }

  public var json: JSON { ["line": .int(line), "character": .int(character)] }

  public static func < (a: LSPPosition, b: LSPPosition) -> Bool {
    (a.line, a.character) < (b.line, b.character)
  }
}

/// A start and end position (end exclusive).
public struct LSPRange: Sendable, Equatable {
  public var start: LSPPosition
  public var end: LSPPosition

  public init(start: LSPPosition, end: LSPPosition) {
    self.start = start
    self.end = end
  }

  public init?(_ json: JSON?) {
    guard let start = LSPPosition(json?["start"]), let end = LSPPosition(json?["end"]) else {
      return nil
    }
    self.init(start: start, end: end)
  }

  public var json: JSON { ["start": start.json, "end": end.json] }
}
