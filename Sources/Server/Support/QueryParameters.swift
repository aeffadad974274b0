import Foundation
import Hummingbird
import Store

/// A request's query parameters decoded as HTML forms and HTTP clients encode them
/// (`application/x-www-form-urlencoded`): `+` is a space, `%XX` a byte, in names and values alike.
/// Hummingbird's `uri.queryParameters` leaves `+` as it is, so a JSON `context` sent by a client
/// that encodes spaces as `+` would not parse; every route reads its query through this type.
///
/// ```swift
/// let query = QueryParameters(request.uri.query)   // "context=%7B%22env%22%3A+%22ci%22%7D"
/// query.get("context")                              // {"env": "ci"}
/// ```
struct QueryParameters: Sendable {
  private let items: [(name: String, value: String)]

  init(_ query: String?) {
    guard let query, !query.isEmpty else {
      items = []
      return
    }
    // Split on the bytes `&` and `=` (ASCII, never part of another character's UTF-8).
    items = query.utf8.split(separator: UInt8(ascii: "&")).map { pair in
      guard let equals = pair.firstIndex(of: UInt8(ascii: "=")) else {
        return (Self.decode(pair), "")
      }
      return (Self.decode(pair[..<equals]), Self.decode(pair[pair.index(after: equals)...]))
    }
  }

  /// The first value given for `name`; `nil` when the parameter is absent.
  func get(_ name: String) -> String? {
    items.first { $0.name == name }?.value
  }

  /// Every value given for `name`, in order.
  func getAll(_ name: String) -> [String] {
    items.filter { $0.name == name }.map(\.value)
  }

  /// A `true`/`false` parameter (absent: `false`); any other value is a 400 naming it.
  func boolean(_ name: String) throws -> Bool {
    switch get(name) {
    case nil, "false": return false
    case "true": return true
    case let other?:
      throw APIError.badRequest("\(name) must be true or false, got '\(BoundedText.clip(other))'.")
    }
  }

  /// Form decoding of one name or value; text whose percent escapes are not UTF-8 is kept as sent
  /// (with `+` as a space).
  ///
  /// The same text as Foundation's `replacingOccurrences(of: "+", with: " ")` then
  /// `removingPercentEncoding` (`QueryParametersTests` compares the two), decoded over the UTF-8
  /// bytes: every API request reads its query through this.
  static func decode(_ text: Substring) -> String { decode(text.utf8) }

  /// ``decode(_:)-(Substring)`` of the UTF-8 bytes of a name or value.
  static func decode(_ utf8: Substring.UTF8View) -> String {
    if !utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) {
      return String(decoding: utf8, as: UTF8.self)
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(utf8.count)
    var broken = false
    var index = utf8.startIndex
    while index != utf8.endIndex {
      let byte = utf8[index]
      utf8.formIndex(after: &index)
      switch byte {
      case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
      case UInt8(ascii: "%"):
        guard index != utf8.endIndex, let high = hexValue(utf8[index]) else {
          broken = true
          bytes.append(byte)
          continue
        }
        let next = utf8.index(after: index)
        guard next != utf8.endIndex, let low = hexValue(utf8[next]) else {
          broken = true
          bytes.append(byte)
          continue
        }
        bytes.append(high << 4 | low)
        index = utf8.index(after: next)
      default: bytes.append(byte)
      }
    }
    if !broken, let decoded = String(validating: bytes, as: UTF8.self) { return decoded }
    // As Foundation: a broken escape or bytes that are not UTF-8 leave the text as sent.
    var spaced = [UInt8](utf8)
    for position in spaced.indices where spaced[position] == UInt8(ascii: "+") {
      spaced[position] = UInt8(ascii: " ")
    }
    return String(decoding: spaced, as: UTF8.self)
  }

  /// The value of an ASCII hex digit.
  private static func hexValue(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
    default: nil
    }
  }
}

extension Request {
  /// The query parameters, form-decoded (see ``QueryParameters``).
  var query: QueryParameters { QueryParameters(uri.query) }
}
