import Testing

@testable import Rules

@Suite("Bucketing")
struct BucketingTests {
  @Test("murmur3(\"gr1:123\") % 100 + 1 == 73")
  func murmurVector() {
    #expect(MurmurHash3.x86_32(Array("gr1:123".utf8)) % 100 + 1 == 73)
  }

  @Test("the hash of ENABLE_MATCHMAKING:acme is 3603585719")
  func murmurHash() {
    #expect(MurmurHash3.x86_32(Array("ENABLE_MATCHMAKING:acme".utf8)) == 3_603_585_719)
  }

  @Test(
    "buckets match the published vectors",
    arguments: [
      ("ENABLE_MATCHMAKING", "acme", 8390), ("ENABLE_MATCHMAKING", "globex", 4926),
      ("IO_TEMPLATE", "adv_0042", 5124), ("ENABLE_MATCHMAKING", "ünïcode-ключ", 3322),
    ])
  func buckets(salt: String, unit: String, bucket: Int) {
    #expect(Bucketing.bucket(salt: salt, unit: unit) == bucket)
  }

  @Test("a 25% rollout over 100,000 units lands within 24.5–25.5%")
  func distribution() {
    var inside = 0
    for unit in 0..<100_000
    where Bucketing.isInRollout(
      bucket: Bucketing.bucket(salt: "ENABLE_MATCHMAKING", unit: "account-\(unit)"), percent: 25)
    {
      inside += 1
    }
    #expect((24_500...25_500).contains(inside), "got \(inside)")
  }

  @Test("raising a rollout from 10% to 30% only adds units")
  func monotonic() {
    for unit in 0..<5_000 {
      let bucket = Bucketing.bucket(salt: "GATE", unit: "u\(unit)")
      if Bucketing.isInRollout(bucket: bucket, percent: 10) {
        #expect(Bucketing.isInRollout(bucket: bucket, percent: 30))
      }
    }
  }

  @Test("hash tails of every length (0–3 trailing bytes) match the reference")
  func tails() {
    // Reference values from Austin Appleby's MurmurHash3_x86_32, seed 0.
    #expect(MurmurHash3.x86_32([]) == 0)
    #expect(MurmurHash3.x86_32(Array("a".utf8)) == 0x3c25_69b2)
    #expect(MurmurHash3.x86_32(Array("ab".utf8)) == 0x9bbf_d75f)
    #expect(MurmurHash3.x86_32(Array("abc".utf8)) == 0xb3dd_93fa)
    #expect(MurmurHash3.x86_32(Array("abcd".utf8)) == 0x43ed_676a)
  }
}
