import Foundation
import Testing

@testable import Server

@Suite("Query parameters are form-decoded")
struct QueryParametersTests {
  @Test("+ is a space and %2B a plus, in names and values; a JSON context sent with + parses")
  func formDecoding() {
    let query = QueryParameters(
      "context=%7B%22env%22%3A+%22ci%22%7D&since=2026-11-01T00%3A00%3A00%2B01%3A00&a+b=c+d")
    #expect(query.get("context") == #"{"env": "ci"}"#)
    #expect(query.get("since") == "2026-11-01T00:00:00+01:00")
    #expect(query.get("a b") == "c d")
    #expect(query.get("missing") == nil)
  }

  @Test("a name without = has an empty value; repeated names keep every value in order")
  func shapes() {
    let query = QueryParameters("flag&x=1&x=2&&y=")
    #expect(query.get("flag") == "")
    #expect(query.getAll("x") == ["1", "2"])
    #expect(query.get("y") == "")
    #expect(QueryParameters(nil).get("x") == nil)
  }

  @Test("a broken percent escape is kept as sent, not dropped")
  func brokenEscape() {
    #expect(QueryParameters("q=100%zz").get("q") == "100%zz")
  }
}

@Suite("Boolean query parameters")
struct BooleanQueryTests {
  @Test("true and false are read; absent is false; anything else is a 400 naming the parameter")
  func booleans() throws {
    let query = QueryParameters("strict=true&allow_draft=false&other=yes")
    #expect(try query.boolean("strict"))
    #expect(try !query.boolean("allow_draft"))
    #expect(try !query.boolean("absent"))
    let error = try #require(throws: APIError.self) { try query.boolean("other") }
    #expect(error.message.contains("other must be true or false, got 'yes'"))
  }
}

@Suite("Query decoding agrees with Foundation")
struct QueryDecodingAgreementTests {
  /// What the decoding was before it was written over bytes: Foundation's two calls.
  static func foundation(_ text: String) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }

  static let cases = [
    "", "plain", "a+b", "%2B", "%7B%22env%22%3A+%22ci%22%7D", "caf%C3%A9", "caf%c3%a9",
    "%E2%82%AC+%F0%9F%98%80", "100%zz", "100%", "100%2", "%FF", "%C3", "%C3%28", "a+%zz+b",
    "%00", "%25", "%2525", "é+x", "%E9", "+++", "%%41",
  ]

  @Test(
    "each name or value decodes as replacingOccurrences + removingPercentEncoding", arguments: cases
  )
  func agrees(_ text: String) {
    #expect(QueryParameters.decode(Substring(text)) == Self.foundation(text))
  }
}
