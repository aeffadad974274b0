import Foundation

/// Byte-wise string comparison: CEL compares strings by code points, not by Unicode canonical
/// equivalence as Swift's `==` does, and comparing UTF-8 buffers directly is also faster.
enum StringBytes {
  @inline(__always)
  static func equal(_ a: String, _ b: String) -> Bool {
    // Bit-identical strings (the same small string, or the same storage) have the same bytes.
    if a._isIdentical(to: b) { return true }
    // Cheap rejections first; Swift's == alone would accept canonically equivalent strings.
    guard a.utf8.count == b.utf8.count, a == b else { return false }
    if a.utf8.count <= 15 && a.utf8.allSatisfy({ $0 < 0x80 }) { return true }
    return bytesEqual(a, b)
  }

  /// Equality with a constant known to be ASCII: canonical equivalents of an ASCII string
  /// that are not identical always differ in UTF-8 length, so `==` plus the length suffices.
  @inline(__always)
  static func equal(_ a: String, ascii b: String) -> Bool {
    a._isIdentical(to: b) || (a.utf8.count == b.utf8.count && a == b)
  }

  static func isASCII(_ s: String) -> Bool { s.utf8.allSatisfy { $0 < 0x80 } }

  static func bytesEqual(_ a: String, _ b: String) -> Bool {
    var a = a
    var b = b
    return a.withUTF8 { pa in
      b.withUTF8 { pb in
        pa.count == pb.count
          && (pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
      }
    }
  }

  /// -1, 0 or 1 ordering by UTF-8 bytes (the same as by code points).
  static func compare(_ a: String, _ b: String) -> Int {
    var a = a
    var b = b
    return a.withUTF8 { pa in
      b.withUTF8 { pb in
        let n = min(pa.count, pb.count)
        let c = n == 0 ? 0 : memcmp(pa.baseAddress!, pb.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
        return pa.count == pb.count ? 0 : (pa.count < pb.count ? -1 : 1)
      }
    }
  }
}

extension StringBytes {
  /// True when `haystack`, with ASCII `A`–`Z` lowered, contains the bytes `needle` (which has no
  /// upper-case ASCII letter); an empty needle is always found.
  static func containsLoweringASCII(_ haystack: String, _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    func search(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
      needle.withUnsafeBufferPointer { pattern in
        let count = pattern.count
        guard bytes.count >= count else { return false }
        let first = pattern[0]
        var start = 0
        let last = bytes.count - count
        while start <= last {
          var byte = bytes[start]
          if byte &- 65 < 26 { byte |= 0x20 }
          if byte == first {
            var matched = 1
            while matched < count {
              var next = bytes[start + matched]
              if next &- 65 < 26 { next |= 0x20 }
              if next != pattern[matched] { break }
              matched += 1
            }
            if matched == count { return true }
          }
          start += 1
        }
        return false
      }
    }
    if let found = haystack.utf8.withContiguousStorageIfAvailable(search) { return found }
    return Array(haystack.utf8).withUnsafeBufferPointer(search)
  }
}

/// The two words of a `String` as a `Value.string` stores them, to compare a record field with a
/// constant in place: bit-identical strings are equal (the same small string, or the same
/// storage), and reading the bits copies nothing (binding the string retains and releases it).
enum StringBits {
  typealias Bits = (UInt64, UInt64)

  /// Whether this platform's `Value.string(s)` starts with `s`'s bits, checked once on sample
  /// values (empty, small, large); the in-place comparison is used only when it holds.
  static let available: Bool = {
    guard MemoryLayout<String>.size == MemoryLayout<Bits>.size else { return false }
    for probe in ["", "GB", "enterprise", String(repeating: "long string ", count: 4)] {
      var value = Value.string(probe)
      let stored = withUnsafeBytes(of: &value) { $0.loadUnaligned(as: Bits.self) }
      guard stored == of(probe) else { return false }
    }
    return true
  }()

  static func of(_ string: String) -> Bits { unsafeBitCast(string, to: Bits.self) }

  /// The bits of the string in `value`, which must hold a `.string` (and ``available`` be true).
  @inline(__always)
  static func load(_ value: UnsafePointer<Value>) -> Bits {
    UnsafeRawPointer(value).loadUnaligned(as: Bits.self)
  }
}
