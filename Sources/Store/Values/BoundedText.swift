/// Bounds on text that comes from outside and is echoed back: in errors, event payloads and
/// responses.
///
/// An attacker's 50 MB CSV header must not become a 50 MB error message or a 50 MB event that the
/// append-only log keeps forever. Values are shown clipped, with their full length:
///
/// ```swift
/// BoundedText.clip(String(repeating: "x", count: 50_000_000))
/// // "xxxx…xxxx… (50000000 bytes)"  (the first 200 characters, an ellipsis and the full size)
/// ```
public enum BoundedText {
  /// How many characters of an echoed value are shown.
  public static let echoLimit = 200
  /// The longest free-text field (a deal-move or cancellation reason) that is stored, in characters.
  public static let freeTextLimit = 2000

  /// `text` itself when it has at most `limit` characters; else its first `limit` characters, an
  /// ellipsis and its full size in bytes (counting bytes is O(1) for native strings).
  public static func clip(_ text: String, limit: Int = echoLimit) -> String {
    // Fast path: a string of at most `limit` UTF-8 bytes has at most `limit` characters.
    if text.utf8.count <= limit { return text }
    var end = text.startIndex
    var taken = 0
    while taken < limit, end < text.endIndex {
      end = text.index(after: end)
      taken += 1
    }
    if end == text.endIndex { return text }
    return "\(text[..<end])… (\(text.utf8.count) bytes)"
  }

  /// `value` with every string clipped to `limit` characters and every array cut to its first
  /// `maxItems` items (followed by a string saying how many were left out).
  public static func clip(_ value: JSONValue, limit: Int = echoLimit, maxItems: Int = 100)
    -> JSONValue
  {
    switch value {
    case .string(let text): return .string(clip(text, limit: limit))
    case .array(let items):
      var clipped = items.prefix(maxItems).map { clip($0, limit: limit, maxItems: maxItems) }
      if items.count > maxItems { clipped.append(.string("… (\(items.count) items in all)")) }
      return .array(clipped)
    case .object(let fields):
      var clipped: [String: JSONValue] = [:]
      for (key, field) in fields {
        clipped[clip(key, limit: limit)] = clip(field, limit: limit, maxItems: maxItems)
      }
      return .object(clipped)
    case .null, .bool, .int, .double: return value
    }
  }

  /// Why a free-text field is too long (over `limit` characters, counted as Unicode scalars), or
  /// `nil` when it is not.
  ///
  /// `field` names it in the sentence, such as `"reason"`:
  /// `The reason has 900000 characters; at most 2000 are accepted. Shorten it.`
  public static func lengthProblem(_ text: String?, field: String, limit: Int = freeTextLimit)
    -> String?
  {
    guard let text, text.utf8.count > limit else { return nil }
    // Unicode scalars, as JSON Schema's maxLength counts them (the API documents the limit there).
    let count = text.unicodeScalars.count
    guard count > limit else { return nil }
    return "The \(field) has \(count) characters; at most \(limit) are accepted. Shorten it."
  }
}
