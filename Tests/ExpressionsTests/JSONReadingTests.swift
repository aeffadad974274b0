import Foundation
import Testing

@testable import Expressions

/// `Value.readingJSON` gives the values `Value(foundation:)` gives for `JSONSerialization`'s
/// objects, and refuses what `JSONSerialization` refuses (the flag context path, issue #13).
@Suite struct JSONReadingTests {
  static let documents: [String] = [
    "{}", "[]", #"{"env": "staging"}"#, #"  {"b": 1, "a": 2, "c": [1, 2.5, -3, 0, -0]}  "#,
    #"{"n": [1.0, 1e2, 1E-2, -0.0, 0.5, 123456789012, -9223372036854775808]}"#,
    #"{"big": [9007199254740992, 9223372036854775808, 1e300]}"#,
    #"{"t": true, "f": false, "z": null, "s": ""}"#,
    #"{"esc": "a\"b\\c\/d\b\f\n\r\t\u0001\u00e9\u20ac\ud83d\ude00", "raw": "é€😀 ok"}"#,
    #"{"nested": {"list": [{"k": "v"}, [[]], {}], "x": {"y": {"z": 1}}}}"#,
    #"{"dup": 1, "dup": 2}"#, "[1,]", #"{"a": 1, }"#, "[ [], {},\n]", #"[{"b": 1, "a": 2}]"#,
    #"{"ключ": "значение", "A": 1, "a": 2}"#,
  ]

  static let invalid: [String] = [
    "", " ", "5", #""text""#, "true", "null", "{", "[,]", "[1,,]", #"{"a" 1}"#, #"{,}"#, "{} x",
    #"{"a": 01}"#, #"{"a": 1.}"#, #"{"a": .5}"#, #"{"a": -}"#, #"{"a": +1}"#, #"{"a": 1e}"#,
    #"{"a": tru}"#, #"{"a": "\x"}"#, #"{"a": "\u12"}"#, "{\"a\": \"tab\there\"}",
    #"{"a": "\ud800"}"#, #"{"a": "\udc00"}"#, #"{'a': 1}"#, #"{a: 1}"#, "[1] [2]",
    #"{"a": NaN}"#, #"{"a": Infinity}"#, #"{"a": 1e400}"#,
  ]

  @Test(arguments: documents)
  func readsWhatFoundationReads(_ document: String) throws {
    let object = try JSONSerialization.jsonObject(with: Data(document.utf8))
    let expected = try Value(foundation: object)
    let read = try #require(Value.readingJSON(document))
    #expect(Self.same(read, expected), "read \(read.jsonText()), Foundation \(expected.jsonText())")
  }

  @Test(arguments: invalid)
  func refusesWhatFoundationRefuses(_ document: String) {
    #expect(Value.readingJSON(document) == nil)
    #expect((try? JSONSerialization.jsonObject(with: Data(document.utf8))) == nil)
  }

  @Test func integersKeepEveryDigit() throws {
    // Value(foundation:) goes through a double (2^53 + 1 becomes 2^53, Int64.max a double);
    // reading directly keeps the integer.
    let read = try #require(Value.readingJSON(#"[9007199254740993, 9223372036854775807]"#))
    guard case .list(let items) = read, items.count == 2, case .int(let first) = items[0],
      case .int(let second) = items[1]
    else {
      Issue.record("not a list of two ints: \(read.jsonText())")
      return
    }
    #expect(first == 9_007_199_254_740_993)
    #expect(second == Int64.max)
  }

  @Test func nestingIsBounded() {
    #expect(
      Value.readingJSON(String(repeating: "[", count: 600) + String(repeating: "]", count: 600))
        == nil)
    #expect(
      Value.readingJSON(String(repeating: "[", count: 100) + String(repeating: "]", count: 100))
        != nil)
    #expect(Value.readingJSON("[[[]]]", maxDepth: 2) == nil)
  }

  /// Structural equality: the same case, the same numbers bit for bit, the same keys in order.
  static func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.double(let x), .double(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.map(let x), .map(let y)):
      guard x.count == y.count, x.keys.count == y.keys.count else { return false }
      for (left, right) in zip(x.keys, y.keys) {
        guard same(left, right), let l = x[left], let r = y[right], same(l, r) else { return false }
      }
      return true
    default: return false
    }
  }
}
