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
    items = query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
      guard let equals = pair.firstIndex(of: "=") else {
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

  /// Form decoding of one name or value; text whose percent escapes are not UTF-8 is kept as sent.
  static func decode(_ text: Substring) -> String {
    let spaced = text.replacingOccurrences(of: "+", with: " ")
    return spaced.removingPercentEncoding ?? spaced
  }
}

extension Request {
  /// The query parameters, form-decoded (see ``QueryParameters``).
  var query: QueryParameters { QueryParameters(uri.query) }
}
