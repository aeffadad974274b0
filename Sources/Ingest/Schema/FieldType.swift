import Foundation
import GRDB
import Store

/// The type of one CSV column: how its text becomes a stored value, and what is expected of it.
enum FieldType: Sendable {
  /// An identifier: 1 to 64 characters, no spaces or control characters.
  case identifier
  /// Free text that must not be empty.
  case nonEmptyText
  /// Free text, possibly empty (stored as `''`, or NULL when the column is nullable).
  case text
  /// A calendar day `YYYY-MM-DD`.
  case day
  /// Money with at most two decimals, stored as integer cents, never negative.
  case money
  /// A whole number ≥ 0.
  case count
  /// `true/false/yes/no/1/0`, any case, stored as 1 or 0.
  case boolean
  /// A `;`-separated list, stored as a JSON array of strings (trimmed, empty items dropped).
  case list
  /// One of fixed words.
  case oneOf([String])
  /// A two-letter upper-case country code (`US`).
  case country
  /// A language tag such as `en` or `pt-BR`.
  case language
  /// A percentage 0–100 with at most two decimals, stored as basis points (`15.5` → 1550).
  case percentBasisPoints
  /// An e-mail address (`name@example.com`).
  case email
  /// A URL (`https://host/path`) or a bare host with a path (`host.fm/offer`).
  case url
  /// A short code without spaces (promo codes, measurement sources), up to `maxLength` characters.
  case code(maxLength: Int)

  /// What a valid value looks like, for error messages.
  var expected: String {
    switch self {
    case .identifier: "an id of 1 to 64 characters without spaces"
    case .nonEmptyText: "a non-empty text"
    case .text: "text"
    case .day: "a date YYYY-MM-DD"
    case .money: "an amount ≥ 0 with at most 2 decimals, such as 25.00"
    case .count: "a whole number ≥ 0"
    case .boolean: "true, false, yes, no, 1 or 0"
    case .list: "a list separated by ;"
    case .oneOf(let words): "one of " + words.joined(separator: ", ")
    case .country: "a two-letter country code such as US"
    case .language: "a language code such as en or pt-BR"
    case .percentBasisPoints: "a percentage from 0 to 100 with at most 2 decimals, such as 15"
    case .email: "an e-mail address such as ads@example.com"
    case .url: "a URL such as https://example.fm/offer or example.fm/offer"
    case .code(let maxLength): "a code of 1 to \(maxLength) characters without spaces"
    }
  }

  /// Converts `text` (already known to be non-empty) to the stored value, or `nil` when invalid.
  func convert(_ text: String) -> DatabaseValue? {
    switch self {
    case .identifier:
      return Self.isCode(text, maxLength: 64) ? text.databaseValue : nil
    case .nonEmptyText, .text:
      return text.databaseValue
    case .day:
      return Day(parsing: text) != nil ? text.databaseValue : nil
    case .money:
      guard let money = Money(parsing: text), money.cents >= 0 else { return nil }
      return money.cents.databaseValue
    case .count:
      return Self.parseCount(text).map { $0.databaseValue }
    case .boolean:
      switch text.lowercased() {
      case "true", "yes", "1": return 1.databaseValue
      case "false", "no", "0": return 0.databaseValue
      default: return nil
      }
    case .list:
      return Self.jsonList(text).databaseValue
    case .oneOf(let words):
      let lowered = text.lowercased()
      return words.contains(lowered) ? lowered.databaseValue : nil
    case .country:
      let upper = text.uppercased()
      guard upper.utf8.count == 2, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else {
        return nil
      }
      return upper.databaseValue
    case .language:
      let parts = text.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), (2...3).contains(parts[0].count),
        parts[0].allSatisfy({ $0.isASCII && $0.isLetter }),
        parts.count == 1
          || (2...4).contains(parts[1].count)
            && parts[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
      else { return nil }
      return text.databaseValue
    case .percentBasisPoints:
      guard let value = Money(parsing: text), (0...10_000).contains(value.cents) else { return nil }
      return value.cents.databaseValue
    case .email:
      let parts = text.split(separator: "@", omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."),
        !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
        !text.contains(where: { $0.isWhitespace })
      else { return nil }
      return text.databaseValue
    case .url:
      return Self.isURL(text) ? text.databaseValue : nil
    case .code(let maxLength):
      return Self.isCode(text, maxLength: maxLength) ? text.databaseValue : nil
    }
  }

  // MARK: - Helpers

  static func parseCount(_ text: String) -> Int64? {
    var value: Int64 = 0
    var digits = 0
    for byte in text.utf8 {
      guard byte >= 48, byte <= 57 else { return nil }
      let (times10, o1) = value.multipliedReportingOverflow(by: 10)
      let (sum, o2) = times10.addingReportingOverflow(Int64(byte - 48))
      if o1 || o2 { return nil }
      value = sum
      digits += 1
    }
    return digits > 0 ? value : nil
  }

  static func isCode(_ text: String, maxLength: Int) -> Bool {
    let count = text.unicodeScalars.count
    guard count >= 1, count <= maxLength else { return false }
    return !text.unicodeScalars.contains {
      $0.properties.isWhitespace || $0.properties.generalCategory == .control
    }
  }

  static func isURL(_ text: String) -> Bool {
    guard !text.contains(where: { $0.isWhitespace }) else { return false }
    var rest = Substring(text)
    for scheme in ["https://", "http://"] where rest.lowercased().hasPrefix(scheme) {
      rest = rest.dropFirst(scheme.count)
    }
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    guard host.contains("."), !host.hasPrefix("."), !host.hasSuffix("."),
      host.allSatisfy({
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":")
      })
    else { return false }
    return true
  }

  /// `a; b;;c` → `["a","b","c"]` as compact JSON.
  static func jsonList(_ text: String) -> String {
    let items = text.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    let data = (try? encoder.encode(items)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
  }
}
