import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A 128-bit fingerprint of what a page is made from, for incremental builds.
///
/// Two FNV-1a 64-bit hashes with different offsets over the same tagged bytes: fast, and wide
/// enough that two different inputs of one page between two builds do not collide by accident.
/// Every value is written with a type tag and a length, so `("ab", "c")` and `("a", "bc")` differ.
struct PageHasher {
  private var first: UInt64 = 0xcbf2_9ce4_8422_2325
  private var second: UInt64 = 0x8422_2325_cbf2_9ce4

  mutating func add(bytes: some Sequence<UInt8>) {
    for byte in bytes {
      first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
      second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
  }

  mutating func add(_ text: String) {
    add(tag: 0x73, length: text.utf8.count)
    add(bytes: text.utf8)
  }

  mutating func add(_ number: Int64) {
    add(tag: 0x69, length: 8)
    withUnsafeBytes(of: number.littleEndian) { add(bytes: $0) }
  }

  private mutating func add(tag: UInt8, length: Int) {
    add(bytes: CollectionOfOne(tag))
    withUnsafeBytes(of: Int64(length).littleEndian) { add(bytes: $0) }
  }

  mutating func add(_ value: TemplateValue) {
    switch value {
    case .null: add(bytes: CollectionOfOne(UInt8(0x6e)))
    case .bool(let bool): add(bool ? 1 : 0)
    case .int(let int): add(int)
    case .double(let double):
      add(tag: 0x64, length: 8)
      withUnsafeBytes(of: double.bitPattern.littleEndian) { add(bytes: $0) }
    case .string(let string): add(string)
    case .list(let values):
      add(tag: 0x6c, length: values.count)
      for value in values { add(value) }
    case .record(let record): add(record)
    }
  }

  mutating func add(_ record: TemplateRecord) {
    add(tag: 0x72, length: record.keys.count)
    for (key, value) in zip(record.keys, record.values) {
      add(key)
      add(value)
    }
  }

  mutating func add(_ result: QueryResult) {
    add(tag: 0x71, length: result.rows.count)
    for column in result.columns { add(column) }
    for row in result.rows {
      for value in row.values { add(value) }
    }
  }

  /// 32 hex digits.
  var hex: String {
    [first, second].map {
      let hex = String($0, radix: 16)
      return String(repeating: "0", count: 16 - hex.count) + hex
    }.joined()
  }

  /// What identifies the code that renders pages: the running executable's size and modification
  /// time, so a new build of Cuesheet (a changed stylesheet or renderer) never reuses old pages.
  static let rendererIdentity: String = {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments[0], &info) == 0 else {
      return UUID().uuidString  // unknown: never reuse a page
    }
    #if os(Linux)
      return "\(info.st_size)-\(info.st_mtim.tv_sec)-\(info.st_mtim.tv_nsec)"
    #else
      return "\(info.st_size)-\(info.st_mtimespec.tv_sec)-\(info.st_mtimespec.tv_nsec)"
    #endif
  }()
}
