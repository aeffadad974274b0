/// Stable bucketing of a unit (an account id, a user id) for percentage rollouts and variant splits.
///
/// `bucket = (murmur3_x86_32("<salt>:<unit>", seed 0) × 10000) >> 32`, in `0..<10000`. A rollout
/// percentage is converted once to integer basis points (`p × 100`, rounded, as splits are), and a
/// unit is in when `bucket < basisPoints`: exactly `basisPoints` of the 10,000 buckets are in, and
/// raising a rollout from 10% to 30% only adds units.
public enum Bucketing {
  /// The number of buckets: 10,000, so rollouts have a resolution of 0.01%.
  public static let bucketCount: UInt64 = 10_000

  /// The unit's bucket in `0..<10000` under `salt`.
  public static func bucket(salt: String, unit: String) -> Int {
    // Hashes the bytes of `salt`, ":" and `unit` in one pass, building no joined string.
    var hasher = MurmurHash3.Streaming(seed: 0)
    hasher.combine(salt)
    hasher.combine(UInt8(ascii: ":"))
    hasher.combine(unit)
    return Int((UInt64(hasher.finalize()) &* bucketCount) >> 32)
  }

  /// The basis points (0–10,000) of a percentage (0–100, up to two decimals), rounded to nearest.
  ///
  /// `1.1` gives `110`, not the `110.00000000000001` of `1.1 * 100` compared as a double.
  public static func basisPoints(percent: Double) -> Int {
    Int((percent * 100).rounded())
  }

  /// True when `bucket` falls in a rollout of `basisPoints` (0–10,000).
  @inline(__always)
  public static func isInRollout(bucket: Int, basisPoints: Int) -> Bool {
    bucket < basisPoints
  }

  /// True when `bucket` falls in a rollout of `percent` (0–100, up to two decimals).
  public static func isInRollout(bucket: Int, percent: Double) -> Bool {
    bucket < basisPoints(percent: percent)
  }
}

/// MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference).
public enum MurmurHash3 {
  /// Hashes `bytes` with `seed`.
  public static func x86_32(_ bytes: [UInt8], seed: UInt32 = 0) -> UInt32 {
    let c1: UInt32 = 0xcc9e_2d51
    let c2: UInt32 = 0x1b87_3593
    var h1 = seed
    let blockCount = bytes.count / 4
    bytes.withUnsafeBufferPointer { buffer in
      for block in 0..<blockCount {
        let i = block * 4
        var k1 =
          UInt32(buffer[i]) | UInt32(buffer[i + 1]) << 8 | UInt32(buffer[i + 2]) << 16
          | UInt32(buffer[i + 3]) << 24
        k1 = k1 &* c1
        k1 = (k1 << 15) | (k1 >> 17)
        k1 = k1 &* c2
        h1 ^= k1
        h1 = (h1 << 13) | (h1 >> 19)
        h1 = h1 &* 5 &+ 0xe654_6b64
      }
      let tail = blockCount * 4
      var k1: UInt32 = 0
      switch bytes.count & 3 {
      case 3:
        k1 ^= UInt32(buffer[tail + 2]) << 16
        fallthrough
      case 2:
        k1 ^= UInt32(buffer[tail + 1]) << 8
        fallthrough
      case 1:
        k1 ^= UInt32(buffer[tail])
        k1 = k1 &* c1
        k1 = (k1 << 15) | (k1 >> 17)
        k1 = k1 &* c2
        h1 ^= k1
      default:
        break
      }
    }
    h1 ^= UInt32(truncatingIfNeeded: bytes.count)
    h1 ^= h1 >> 16
    h1 = h1 &* 0x85eb_ca6b
    h1 ^= h1 >> 13
    h1 = h1 &* 0xc2b2_ae35
    h1 ^= h1 >> 16
    return h1
  }
}

extension MurmurHash3 {
  /// MurmurHash3 x86 32-bit over bytes fed in pieces; the same hash as ``x86_32(_:seed:)`` of the
  /// concatenated bytes, without building them.
  struct Streaming {
    private var h1: UInt32
    private var pending: UInt32 = 0
    private var pendingCount = 0
    private var length = 0

    init(seed: UInt32) { h1 = seed }

    mutating func combine(_ text: String) {
      let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
        for byte in bytes { combine(byte) }
      }
      if done == nil {
        for byte in text.utf8 { combine(byte) }
      }
    }

    @inline(__always)
    mutating func combine(_ byte: UInt8) {
      pending |= UInt32(byte) << (8 * UInt32(pendingCount))
      pendingCount += 1
      length += 1
      if pendingCount == 4 {
        var k1 = pending &* 0xcc9e_2d51
        k1 = (k1 << 15) | (k1 >> 17)
        k1 = k1 &* 0x1b87_3593
        h1 ^= k1
        h1 = (h1 << 13) | (h1 >> 19)
        h1 = h1 &* 5 &+ 0xe654_6b64
        pending = 0
        pendingCount = 0
      }
    }

    func finalize() -> UInt32 {
      var h1 = self.h1
      if pendingCount > 0 {
        var k1 = pending &* 0xcc9e_2d51
        k1 = (k1 << 15) | (k1 >> 17)
        k1 = k1 &* 0x1b87_3593
        h1 ^= k1
      }
      h1 ^= UInt32(truncatingIfNeeded: length)
      h1 ^= h1 >> 16
      h1 = h1 &* 0x85eb_ca6b
      h1 ^= h1 >> 13
      h1 = h1 &* 0xc2b2_ae35
      h1 ^= h1 >> 16
      return h1
    }
  }
}
