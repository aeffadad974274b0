import Foundation

/// `contains`, `startsWith`, `endsWith`, `matches`, and the strings extension
/// (`charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`, `upperAscii`, `replace`, `split`,
/// `substring`, `trim`, `join`, `reverse`, `strings.quote`, `format`).
enum StringFunctions {
  static func string(_ value: Value, _ function: String, _ all: [Value]) throws -> String {
    if case .string(let s) = value { return s }
    throw EvaluationError.noOverload(function, all)
  }

  static func int(_ value: Value, _ function: String, _ all: [Value]) throws -> Int {
    if case .int(let i) = value, let n = Int(exactly: i) { return n }
    throw EvaluationError.noOverload(function, all)
  }

  static func rangeError(_ message: String) -> EvaluationError {
    EvaluationError(.indexOutOfRange, message)
  }

  static let all: [Function] = [
    Function(
      "contains", .member, arities: [2], check: signatures([([.string, .string], .bool)]),
      .binary { a, b in
        guard case .string(let s) = a, case .string(let t) = b else {
          throw EvaluationError.noOverload("contains", [a, b])
        }
        return .bool(t.isEmpty || s.utf8.firstRange(of: t.utf8) != nil)
      }),
    Function(
      "startsWith", .member, arities: [2], check: signatures([([.string, .string], .bool)]),
      .binary { a, b in
        guard case .string(let s) = a, case .string(let t) = b else {
          throw EvaluationError.noOverload("startsWith", [a, b])
        }
        return .bool(s.utf8.starts(with: t.utf8))
      }),
    Function(
      "endsWith", .member, arities: [2], check: signatures([([.string, .string], .bool)]),
      .binary { a, b in
        guard case .string(let s) = a, case .string(let t) = b else {
          throw EvaluationError.noOverload("endsWith", [a, b])
        }
        return .bool(s.utf8.reversed().starts(with: t.utf8.reversed()))
      }),
    Function(
      "matches", .both, arities: [2], cost: 10, check: signatures([([.string, .string], .bool)]),
      .binary { a, b in
        guard case .string(let s) = a, case .string(let pattern) = b else {
          throw EvaluationError.noOverload("matches", [a, b])
        }
        if pattern.isEmpty { return .bool(true) }
        return .bool(
          try RegexCache.shared.regex(pattern).firstMatch(
            in: s, range: NSRange(s.startIndex..., in: s)) != nil)
      }),
    Function(
      "charAt", .member, arities: [2], check: signatures([([.string, .int], .string)]),
      .binary { a, b in
        let s = Array(try string(a, "charAt", [a, b]).unicodeScalars)
        let i = try int(b, "charAt", [a, b])
        guard i >= 0, i <= s.count else { throw rangeError("index out of range: \(i)") }
        return .string(i == s.count ? "" : String(s[i]))
      }),
    Function(
      "indexOf", .member, arities: [2, 3],
      check: signatures([
        ([.string, .string], .int), ([.string, .string, .int], .int),
      ]),
      .variadic { args in
        let s = Array(try string(args[0], "indexOf", args).unicodeScalars)
        let t = Array(try string(args[1], "indexOf", args).unicodeScalars)
        let start = args.count > 2 ? try int(args[2], "indexOf", args) : 0
        guard start >= 0, start <= s.count else { throw rangeError("index out of range: \(start)") }
        if t.isEmpty { return .int(Int64(start)) }
        if t.count <= s.count {
          for i in stride(from: start, through: s.count - t.count, by: 1)
          where Array(s[i..<(i + t.count)]) == t {
            return .int(Int64(i))
          }
        }
        return .int(-1)
      }),
    Function(
      "lastIndexOf", .member, arities: [2, 3],
      check: signatures([
        ([.string, .string], .int), ([.string, .string, .int], .int),
      ]),
      .variadic { args in
        let s = Array(try string(args[0], "lastIndexOf", args).unicodeScalars)
        let t = Array(try string(args[1], "lastIndexOf", args).unicodeScalars)
        let last = args.count > 2 ? try int(args[2], "lastIndexOf", args) : s.count
        guard last >= 0, last <= s.count else { throw rangeError("index out of range: \(last)") }
        if t.isEmpty { return .int(Int64(last)) }
        var i = min(last, s.count - t.count)
        while i >= 0 {
          if Array(s[i..<(i + t.count)]) == t { return .int(Int64(i)) }
          i -= 1
        }
        return .int(-1)
      }),
    Function(
      "lowerAscii", .member, arities: [1], check: signatures([([.string], .string)]),
      .unary { a in
        let s = try string(a, "lowerAscii", [a])
        return .string(
          String(
            String.UnicodeScalarView(
              s.unicodeScalars.map {
                ($0.value >= 65 && $0.value <= 90) ? UnicodeScalar($0.value + 32)! : $0
              })))
      }),
    Function(
      "upperAscii", .member, arities: [1], check: signatures([([.string], .string)]),
      .unary { a in
        let s = try string(a, "upperAscii", [a])
        return .string(
          String(
            String.UnicodeScalarView(
              s.unicodeScalars.map {
                ($0.value >= 97 && $0.value <= 122) ? UnicodeScalar($0.value - 32)! : $0
              })))
      }),
    Function(
      "replace", .member, arities: [3, 4],
      check: signatures([
        ([.string, .string, .string], .string), ([.string, .string, .string, .int], .string),
      ]),
      .variadic { args in
        let s = try string(args[0], "replace", args)
        let old = try string(args[1], "replace", args)
        let new = try string(args[2], "replace", args)
        let limit = args.count > 3 ? try int(args[3], "replace", args) : -1
        return .string(replace(s, old, new, limit: limit))
      }),
    Function(
      "split", .member, arities: [2, 3],
      check: signatures([
        ([.string, .string], .list(.string)), ([.string, .string, .int], .list(.string)),
      ]),
      .variadic { args in
        let s = try string(args[0], "split", args)
        let separator = try string(args[1], "split", args)
        let limit = args.count > 2 ? try int(args[2], "split", args) : -1
        return .list(split(s, separator, limit: limit).map { .string($0) })
      }),
    Function(
      "substring", .member, arities: [2, 3],
      check: signatures([
        ([.string, .int], .string), ([.string, .int, .int], .string),
      ]),
      .variadic { args in
        let s = Array(try string(args[0], "substring", args).unicodeScalars)
        let start = try int(args[1], "substring", args)
        let end = args.count > 2 ? try int(args[2], "substring", args) : s.count
        guard start >= 0, start <= s.count else { throw rangeError("index out of range: \(start)") }
        guard end >= 0, end <= s.count else { throw rangeError("index out of range: \(end)") }
        guard start <= end else {
          throw rangeError("invalid substring range. start: \(start), end: \(end)")
        }
        return .string(String(String.UnicodeScalarView(s[start..<end])))
      }),
    Function(
      "trim", .member, arities: [1], check: signatures([([.string], .string)]),
      .unary { a in
        let s = try string(a, "trim", [a])
        let scalars = Array(s.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        return .string(String(String.UnicodeScalarView(scalars[lower..<upper])))
      }),
    Function(
      "join", .member, arities: [1, 2],
      check: signatures([
        ([.list(.string)], .string), ([.list(.string), .string], .string),
      ]),
      .variadic { args in
        guard case .list(let items) = args[0] else {
          throw EvaluationError.noOverload("join", args)
        }
        let separator = args.count > 1 ? try string(args[1], "join", args) : ""
        return .string(try items.map { try string($0, "join", args) }.joined(separator: separator))
      }),
    Function(
      "reverse", .member, arities: [1], check: signatures([([.string], .string)]),
      .unary { a in
        .string(
          String(String.UnicodeScalarView(try string(a, "reverse", [a]).unicodeScalars.reversed())))
      }),
    Function(
      "strings.quote", .global, arities: [1], check: signatures([([.string], .string)]),
      .unary { a in .string(quote(try string(a, "strings.quote", [a]))) }),
    Function(
      "format", .member, arities: [2], cost: 5,
      check: signatures([([.string, .list(.dyn)], .string)]),
      .binary { a, b in
        guard case .string(let s) = a, case .list(let items) = b else {
          throw EvaluationError.noOverload("format", [a, b])
        }
        return .string(try StringFormatter.format(s, items))
      }),
  ]

  static func replace(_ s: String, _ old: String, _ new: String, limit: Int) -> String {
    if limit == 0 { return s }
    let source = Array(s.unicodeScalars)
    let pattern = Array(old.unicodeScalars)
    var result = String.UnicodeScalarView()
    var i = 0
    var count = 0
    while i <= source.count {
      if limit >= 0 && count >= limit { break }
      if pattern.isEmpty {
        result.append(contentsOf: new.unicodeScalars)
        count += 1
        if i < source.count { result.append(source[i]) }
        i += 1
        continue
      }
      if i + pattern.count <= source.count, Array(source[i..<(i + pattern.count)]) == pattern {
        result.append(contentsOf: new.unicodeScalars)
        i += pattern.count
        count += 1
      } else {
        if i < source.count { result.append(source[i]) }
        i += 1
      }
    }
    if i < source.count { result.append(contentsOf: source[i...]) }
    return String(result)
  }

  static func split(_ s: String, _ separator: String, limit: Int) -> [String] {
    if limit == 0 { return [] }
    if separator.isEmpty {
      let scalars = s.unicodeScalars.map { String($0) }
      if limit < 0 || limit >= scalars.count { return scalars }
      return Array(scalars.prefix(limit - 1)) + [scalars.dropFirst(limit - 1).joined()]
    }
    var parts: [String] = []
    var rest = Substring(s)
    while limit < 0 || parts.count < limit - 1,
      let range = rest.range(of: separator, options: .literal)
    {
      parts.append(String(rest[..<range.lowerBound]))
      rest = rest[range.upperBound...]
    }
    parts.append(String(rest))
    return parts
  }

  /// `strings.quote`: double quotes with escapes for control characters, quotes and backslashes.
  static func quote(_ s: String) -> String { Format.quote(s) }
}

/// Compiled regular expressions, cached by pattern (RE2 syntax is close to ICU's for the
/// constructs analysts use).
final class RegexCache: @unchecked Sendable {
  static let shared = RegexCache()
  private let lock = NSLock()
  private var cache: [String: NSRegularExpression] = [:]

  func regex(_ pattern: String) throws -> NSRegularExpression {
    lock.lock()
    defer { lock.unlock() }
    if let cached = cache[pattern] { return cached }
    var translated = pattern
    var options: NSRegularExpression.Options = []
    // RE2 flag groups at the start: (?i), (?s), (?m).
    if translated.hasPrefix("(?i)") { options.insert(.caseInsensitive); translated.removeFirst(4) }
    do {
      let regex = try NSRegularExpression(pattern: translated, options: options)
      if cache.count > 256 { cache.removeAll() }
      cache[pattern] = regex
      return regex
    } catch {
      throw EvaluationError(.badRegex, "invalid regular expression: \(pattern)")
    }
  }
}
