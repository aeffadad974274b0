import Diagnostics
import Foundation
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

  @Test(
    "fractional rollouts put exactly the buckets below the basis points in",
    arguments: [
      // (percent as written, unit, its bucket under salt FRAC, in?)
      ("0.01", "u1398", 0, true), ("0.01", "u954", 1, false),
      ("1.1", "u21615", 109, true), ("1.1", "u3098", 110, false),
      ("33.33", "u60961", 3332, true), ("33.33", "u9497", 3333, false),
      ("99.99", "u4441", 9998, true), ("99.99", "u3214", 9999, false),
    ])
  func fractionalVectors(percent: String, unit: String, bucket: Int, inside: Bool) throws {
    #expect(Bucketing.bucket(salt: "FRAC", unit: unit) == bucket)
    let book = try RuleLoader.load([
      SourceFile(
        name: "t.rules",
        text: """
          flag FRAC {
            default off
            when true => rollout \(percent)% by account.id
          }
          """)
    ])
    let context = try book.flags.context(json: #"{"account": {"id": "\#(unit)"}}"#)
    let result = book.flags.evaluate("FRAC", in: context)
    #expect(result.variant == (inside ? "on" : "off"), "bucket \(bucket) at \(percent)%")
  }

  @Test("for each of the 10,001 two-decimal percentages, the in-count equals the basis points")
  func everyPercentage() {
    var wrong: [String] = []
    for basisPoints in 0...10_000 {
      // The percentage as an analyst writes it and the rule scanner reads it.
      let text = "\(basisPoints / 100).\(String(basisPoints % 100 + 100).dropFirst())"
      let percent = Double(text)!
      #expect(Bucketing.basisPoints(percent: percent) == basisPoints)
      // The rollout predicate is checked on every bucket, not trusted to be monotonic.
      var inCount = 0
      for bucket in 0..<Int(Bucketing.bucketCount)
      where Bucketing.isInRollout(bucket: bucket, percent: percent) {
        inCount += 1
      }
      if inCount != basisPoints { wrong.append("\(text)%: \(inCount) buckets") }
    }
    #expect(wrong.isEmpty, "\(wrong.count) percentages wrong, e.g. \(wrong.prefix(5))")
  }

  @Test("hashing salt, colon and unit in pieces equals hashing the joined text")
  func streamingMatchesJoined() {
    for salt in ["", "a", "GATE", "ENABLE_MATCHMAKING", "ünï"] {
      for unit in ["", "x", "ab", "abc", "acct-12345", "ключ-🙂"] {
        let joined = MurmurHash3.x86_32(Array("\(salt):\(unit)".utf8))
        let bucket = Int((UInt64(joined) &* Bucketing.bucketCount) >> 32)
        #expect(Bucketing.bucket(salt: salt, unit: unit) == bucket, "\(salt):\(unit)")
      }
    }
  }
}
