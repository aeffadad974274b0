import Foundation

/// A streaming RFC 4180 CSV reader: bytes in, one record at a time out.
///
/// The reader pulls fixed-size chunks from a ``CSVByteSource`` and keeps only the current record in
/// memory, so its footprint does not grow with the file. It tracks the line (1-based) on which each
/// record and each field starts, counting line breaks inside quoted fields, so errors can name the
/// exact place.
///
/// Accepted: a UTF-8 byte-order mark at the start (skipped), `LF` or `CRLF` line ends (a lone `CR`
/// also ends a line), quoted fields holding commas, doubled quotes and line breaks, and a last line
/// with or without a line end. Blank lines (no bytes at all) are skipped.
///
/// A `"` inside an *unquoted* field is kept literally (`37°36'37.8"N` stays as written), as Python's
/// `csv` module and most spreadsheets do. After a closing quote only a comma or a line end may
/// follow; anything else is an error, as is a quoted field still open at the end of the file.
///
/// ```swift
/// var reader = try CSVReader(path: "samples/shows.csv")
/// while try reader.next() {
///   print(reader.line, reader.string(at: 0))
/// }
/// ```
public struct CSVReader {
  // MARK: - Input state

  private var source: any CSVByteSource
  private var buffer: [UInt8]
  private var position = 0
  private var end = 0
  private var exhausted = false
  private var startedFile = false

  /// Bytes consumed from the source so far (for progress reporting).
  public private(set) var bytesRead: Int = 0

  // MARK: - Current record

  /// The bytes of the current record's fields, back to back (quotes removed, `""` unescaped).
  public private(set) var fieldBytes: [UInt8] = []
  /// Where each field ends in ``fieldBytes``; field `i` starts where field `i - 1` ends.
  public private(set) var fieldEnds: [Int] = []
  /// The line each field of the current record starts on.
  public private(set) var fieldLines: [Int] = []
  /// The line the current record starts on (1-based).
  public private(set) var line = 0
  /// The line the reader is on now (after the current record).
  private var currentLine = 1

  /// The number of fields in the current record.
  public var count: Int { fieldEnds.count }

  /// Creates a reader over any byte source, reading chunks of `chunkSize` bytes.
  public init(source: any CSVByteSource, chunkSize: Int = 1 << 16) {
    self.source = source
    self.buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
    fieldBytes.reserveCapacity(256)
    fieldEnds.reserveCapacity(16)
    fieldLines.reserveCapacity(16)
  }

  /// Creates a reader over a file.
  public init(path: String, chunkSize: Int = 1 << 16) throws {
    self.init(source: try FileByteSource(path: path), chunkSize: chunkSize)
  }

  /// Creates a reader over bytes in memory (tests, uploads).
  public init(bytes: [UInt8], chunkSize: Int = 1 << 16) {
    self.init(source: MemoryByteSource(bytes), chunkSize: chunkSize)
  }

  // MARK: - Field access

  /// The byte range of field `index` in ``fieldBytes``.
  @inline(__always)
  public func range(at index: Int) -> Range<Int> {
    (index == 0 ? 0 : fieldEnds[index - 1])..<fieldEnds[index]
  }

  /// Field `index` as a string; invalid UTF-8 is replaced by U+FFFD (see ``validatedString(at:)``).
  public func string(at index: Int) -> String {
    let r = range(at: index)
    return fieldBytes.withUnsafeBufferPointer {
      String(decoding: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self)
    }
  }

  /// Field `index` as a string, or `nil` when its bytes are not valid UTF-8.
  public func validatedString(at index: Int) -> String? {
    let r = range(at: index)
    return fieldBytes.withUnsafeBufferPointer {
      String(validating: UnsafeBufferPointer(rebasing: $0[r]), as: UTF8.self)
    }
  }

  /// All fields of the current record as strings.
  public var strings: [String] { (0..<count).map { string(at: $0) } }

  // MARK: - Reading

  /// Advances to the next record; returns `false` at the end of the input.
  ///
  /// Throws ``CSVError`` for a quoted field left open at the end of the file or text after a
  /// closing quote.
  public mutating func next() throws -> Bool {
    fieldBytes.removeAll(keepingCapacity: true)
    fieldEnds.removeAll(keepingCapacity: true)
    fieldLines.removeAll(keepingCapacity: true)

    if !startedFile {
      startedFile = true
      try skipByteOrderMark()
    }
    // Skip blank lines between records. Bytes kept from a byte-order mark that was not one
    // (`EF` or `EF BB` then a line end) are a field: that line is not blank.
    while fieldBytes.isEmpty {
      guard let byte = try peek() else { return false }
      if byte == .lf {
        position += 1
        currentLine += 1
      } else if byte == .cr {
        position += 1
        if try peek() == .lf { position += 1 }
        currentLine += 1
      } else {
        break
      }
    }
    line = currentLine
    try readRecord()
    return true
  }

  private mutating func readRecord() throws {
    while true {
      fieldLines.append(currentLine)
      let column = fieldEnds.count + 1
      guard let first = try peek() else {
        fieldEnds.append(fieldBytes.count)
        return
      }
      if first == .quote {
        position += 1
        try readQuoted(column: column)
      } else {
        try readUnquoted()
      }
      fieldEnds.append(fieldBytes.count)
      // Now at a delimiter, a line end, or the end of input.
      guard let next = try peek() else { return }
      position += 1
      switch next {
      case .comma: continue
      case .lf:
        currentLine += 1
        return
      case .cr:
        if try peek() == .lf { position += 1 }
        currentLine += 1
        return
      default:
        throw CSVError.textAfterClosingQuote(line: currentLine, field: column)
      }
    }
  }

  /// Copies bytes up to the next comma or line end (not consuming it).
  private mutating func readUnquoted() throws {
    while true {
      if position == end {
        if !(try refill()) { return }
      }
      let start = position
      var stop = start
      var found = false
      buffer.withUnsafeBufferPointer { bytes in
        while stop < end {
          let b = bytes[stop]
          if b == .comma || b == .lf || b == .cr {
            found = true
            break
          }
          stop += 1
        }
      }
      if stop > start { fieldBytes.append(contentsOf: buffer[start..<stop]) }
      position = stop
      if found { return }
    }
  }

  /// Copies a quoted field's content after its opening quote, through the closing quote.
  private mutating func readQuoted(column: Int) throws {
    let openedOn = currentLine
    while true {
      if position == end {
        if !(try refill()) {
          throw CSVError.unterminatedQuote(line: openedOn, field: column)
        }
      }
      let start = position
      var stop = start
      var sawQuote = false
      var lines = 0
      var pendingCR = false
      buffer.withUnsafeBufferPointer { bytes in
        while stop < end {
          let b = bytes[stop]
          if b == .quote {
            sawQuote = true
            break
          }
          if b == .lf {
            if !pendingCR { lines += 1 }
            pendingCR = false
          } else if b == .cr {
            lines += 1
            pendingCR = true
          } else {
            pendingCR = false
          }
          stop += 1
        }
      }
      // A CRLF split across chunks is counted once: the CR counts, a following LF is skipped below.
      if stop > start { fieldBytes.append(contentsOf: buffer[start..<stop]) }
      currentLine += lines
      position = stop
      if pendingCR && stop == end {
        if try refill(), buffer[position] == .lf {
          fieldBytes.append(.lf)
          position += 1
        }
        continue
      }
      guard sawQuote else { continue }
      position += 1  // the quote
      if try peek() == .quote {
        fieldBytes.append(.quote)
        position += 1
        continue
      }
      return
    }
  }

  // MARK: - Buffering

  @inline(__always)
  private mutating func peek() throws -> UInt8? {
    if position == end {
      if !(try refill()) { return nil }
    }
    return buffer[position]
  }

  /// Reads the next chunk into the buffer; `false` when the source is exhausted.
  private mutating func refill() throws -> Bool {
    if exhausted { return false }
    let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
    position = 0
    end = count
    bytesRead += count
    if count == 0 {
      exhausted = true
      return false
    }
    return true
  }

  private mutating func skipByteOrderMark() throws {
    guard try peek() == 0xEF else { return }
    // The BOM may straddle a chunk boundary only with absurdly small chunks; handle it anyway.
    var matched: [UInt8] = []
    for expected: UInt8 in [0xEF, 0xBB, 0xBF] {
      guard let byte = try peek(), byte == expected else {
        fieldBytes.append(contentsOf: matched)  // not a BOM after all: keep the bytes
        return
      }
      matched.append(byte)
      position += 1
    }
  }
}

extension UInt8 {
  static let comma = UInt8(ascii: ",")
  static let quote = UInt8(ascii: "\"")
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")
}
