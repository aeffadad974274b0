/// Stable bucketing of a unit (an account id, a user id) for percentage rollouts and variant splits.
///
/// `bucket = (murmur3_x86_32("<salt>:<unit>", seed 0) × 10000) >> 32`, in `0..<10000`. A unit is in a
/// p% rollout when `bucket < p × 100`, so raising a rollout from 10% to 30% only adds units.
public enum Bucketing {
  /// The number of buckets: 10,000, so rollouts have a resolution of 0.01%.
  public static let bucketCount: UInt64 = 10_000

  /// The unit's bucket in `0..<10000` under `salt`.
  public static func bucket(salt: String, unit: String) -> Int {
    let hash = MurmurHash3.x86_32(Array("\(salt):\(unit)".utf8), seed: 0)
    return Int((UInt64(hash) &* bucketCount) >> 32)
  }

  /// True when `bucket` falls in a rollout of `percent` (0–100, up to two decimals).
  public static func isInRollout(bucket: Int, percent: Double) -> Bool {
    Double(bucket) < percent * 100
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
