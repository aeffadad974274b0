import Foundation

/// Where a ``CSVReader`` gets its bytes: a file, memory, or anything else that can fill a buffer.
public protocol CSVByteSource {
  /// Fills `buffer` from the start with up to `buffer.count` bytes; returns how many (0 at the end).
  mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Reads a file with plain `read(2)` calls, one chunk at a time.
public final class FileByteSource: CSVByteSource {
  private let descriptor: Int32
  /// The file's path.
  public let path: String

  /// Opens `path` for reading; throws ``CSVError/cannotRead(path:reason:)`` when it cannot.
  public init(path: String) throws {
    self.path = path
    let fd = open(path, O_RDONLY)
    if fd < 0 { throw CSVError.cannotRead(path: path, reason: String(cString: strerror(errno))) }
    descriptor = fd
  }

  deinit { close(descriptor) }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    while true {
      let count = Foundation.read(descriptor, buffer.baseAddress, buffer.count)
      if count >= 0 { return count }
      if errno == EINTR { continue }
      throw CSVError.cannotRead(path: path, reason: String(cString: strerror(errno)))
    }
  }
}

/// Serves bytes held in memory.
public struct MemoryByteSource: CSVByteSource {
  private let bytes: [UInt8]
  private var offset = 0

  /// Wraps `bytes`.
  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let count = min(buffer.count, bytes.count - offset)
    if count > 0 {
      bytes.withUnsafeBytes { source in
        buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
      }
      offset += count
    }
    return count
  }
}
