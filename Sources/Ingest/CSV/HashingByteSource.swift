import Crypto
import Foundation

/// Passes bytes through from another source while computing their SHA-256, so a file is read once.
public final class HashingByteSource: CSVByteSource {
  private var inner: any CSVByteSource
  private var hasher = SHA256()

  /// Wraps `inner`.
  public init(_ inner: any CSVByteSource) { self.inner = inner }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let count = try inner.read(into: buffer)
    if count > 0 {
      hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
    }
    return count
  }

  /// The hex SHA-256 of everything read so far (call once, at the end).
  public func hexDigest() -> String {
    hasher.finalize().map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }
}
