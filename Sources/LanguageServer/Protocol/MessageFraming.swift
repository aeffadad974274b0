import Foundation

/// JSON-RPC's base protocol as LSP frames it: `Content-Length: N\r\n` (other headers allowed and
/// ignored), a blank line, then N bytes of JSON.
///
/// ```
/// Content-Length: 52\r\n
/// \r\n
/// {"jsonrpc":"2.0","id":1,"method":"shutdown"}
/// ```
///
/// Bytes arrive in chunks of any size; ``append(_:)`` buffers them and ``next()`` returns each
/// whole message body once it has arrived.
public struct MessageFramer: Sendable {
  /// A header block that cannot be read; the stream cannot be resynchronised after it.
  public struct FramingError: Error, Sendable, CustomStringConvertible {
    public let description: String
  }

  /// The largest message accepted (a whole rule file is far smaller).
  public static let maximumLength = 64 << 20

  private var buffer: [UInt8] = []

  public init() {}

  /// Adds bytes read from the stream.
  public mutating func append(_ bytes: some Sequence<UInt8>) { buffer.append(contentsOf: bytes) }

  /// The next complete message body, or nil when more bytes are needed.
  public mutating func next() throws -> Data? {
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    guard let headerEnd = Self.find(separator, in: buffer) else {
      if buffer.count > 8192 {
        throw FramingError(description: "no end of headers in the first 8 KiB")
      }
      return nil
    }
    let header = String(decoding: buffer[0..<headerEnd], as: UTF8.self)
    var length: Int?
    for line in header.components(separatedBy: "\r\n") {
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else {
        throw FramingError(description: "malformed header line \"\(line.prefix(80))\"")
      }
      if parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
        guard let value = Int(parts[1].trimmingCharacters(in: .whitespaces)), value >= 0,
          value <= Self.maximumLength
        else {
          throw FramingError(description: "bad Content-Length \"\(parts[1].prefix(40))\"")
        }
        length = value
      }
    }
    guard let length else { throw FramingError(description: "a message without Content-Length") }
    let bodyStart = headerEnd + separator.count
    guard buffer.count >= bodyStart + length else { return nil }
    let body = Data(buffer[bodyStart..<bodyStart + length])
    buffer.removeFirst(bodyStart + length)
    return body
  }

  /// Frames a message body for sending.
  public static func frame(_ body: Data) -> Data {
    var data = Data("Content-Length: \(body.count)\r\n\r\n".utf8)
    data.append(body)
    return data
  }

  private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0] && Array(haystack[index..<index + needle.count]) == needle {
        return index
      }
      index += 1
    }
    return nil
  }
}
