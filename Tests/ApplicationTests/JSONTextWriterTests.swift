import Application
import Expressions
import Foundation
import Rules
import Testing

/// The flag result written directly (`FlagResultJSON.text`, through `JSONTextWriter`) is the very
/// text the shared encoder writes, for tricky strings and every kind of value (issue #13).
@Suite struct JSONTextWriterTests {
  static let encoder = JSONKeys.encoder(pretty: false)

  /// Every control character, quotes, backslashes, slashes, DEL, non-ASCII, separators, emoji.
  static let strings: [String] = [
    "", "plain", "with \"quotes\" and \\backslashes\\", "a/b</script>", "tab\tnew\nline\rcr",
    String((0..<32).map { Character(Unicode.Scalar(UInt8($0))) }), "del\u{7F}", "é€😀👩‍👩‍👧",
    "line\u{2028}para\u{2029}", "nul\u{0}end", "bell\u{07}back\u{08}feed\u{0C}", "\u{FEFF}bom",
    "café au lait", "{\"json\": [1, 2]}",
  ]

  static let values: [Value] = [
    .null, .bool(true), .bool(false), .int(0), .int(-42), .int(Int64.max), .int(Int64.min),
    .uint(7), .uint(UInt64.max), .double(2.5), .double(3), .double(-0.0), .double(0.1),
    .double(1e20), .double(1e-7), .double(123_456_789.125), .double(.infinity), .double(.nan),
    .string("x\"y"), .list([.int(1), .string("two"), .list([])]),
    .map(MapValue([(.string("b"), .int(1)), (.string("a"), .string("z")), (.string("B"), .null)])),
    .map(MapValue([(.string("camelCase"), .int(1)), (.string("snake_case"), .int(2))])),
    .map(MapValue([(.int(2), .bool(true)), (.int(10), .bool(false))])),
    .optional(nil), .optional(.int(3)),
  ]

  static func same(_ result: FlagResult, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let encoded = String(decoding: try encoder.encode(FlagResultJSON(result)), as: UTF8.self)
    #expect(FlagResultJSON.text(result) == encoded, sourceLocation: sourceLocation)
  }

  @Test(arguments: strings)
  func trickyStringsAreWrittenAsTheEncoderWritesThem(_ text: String) throws {
    try Self.same(
      FlagResult(
        flag: text, value: .string(text), variant: text, reason: .error, message: text))
  }

  @Test(arguments: values.indices)
  func valuesAreWrittenAsTheEncoderWritesThem(_ index: Int) throws {
    try Self.same(
      FlagResult(
        flag: "F", value: Self.values[index], variant: "v", reason: .targetingMatch, ruleIndex: 2,
        ruleLine: 17))
  }

  @Test func absentOptionalsAreLeftOut() throws {
    let result = FlagResult(flag: "F", value: .bool(true), variant: "on", reason: .default)
    try Self.same(result)
    #expect(
      FlagResultJSON.text(result) == #"{"flag":"F","reason":"DEFAULT","value":true,"variant":"on"}"#
    )
  }
}
