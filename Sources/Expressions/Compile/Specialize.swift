import Diagnostics
import Foundation

/// Fast paths for common call shapes with a constant operand (`x == "s"`, `x in ["a", "b"]`,
/// `x >= 10`), so the hot path avoids generic dispatch.
enum Specialize {
  /// - Parameter fusions: also use the searches that replace a regular expression (typed
  ///   compilation's fusions).
  static func call(
    _ function: Function, args: [Compiler.Node], range: SourceRange, fusions: Bool = false
  ) -> Evaluator? {
    guard args.count == 2 else { return nil }
    let (a, b) = (args[0], args[1])
    switch function.name {
    case "_==_", "_!=_":
      let negate = function.name == "_!=_"
      if let k = b.constant, case .string(let s) = k, a.constant == nil, StringBytes.isASCII(s) {
        let e = a.eval
        return { frame in
          let x = try e(&frame)
          if case .string(let v) = x { return .bool(StringBytes.equal(v, ascii: s) != negate) }
          return .bool(Operators.equals(x, k) != negate)
        }
      }
      if let k = b.constant, case .int(let i) = k, a.constant == nil {
        let e = a.eval
        return { frame in
          let x = try e(&frame)
          if case .int(let v) = x { return .bool((v == i) != negate) }
          return .bool(Operators.equals(x, k) != negate)
        }
      }
      return nil
    case "@in":
      if b.constant == nil {
        // `x in list`: direct membership test without generic dispatch.
        let (ea, eb) = (a.eval, b.eval)
        return { frame in
          let x = try ea(&frame)
          let container = try eb(&frame)
          if case .string(let needle) = x, case .list(let items) = container {
            return .bool(Operators.listContains(items, string: needle))
          }
          do { return try Operators.contains(x, container) } catch var error as EvaluationError {
            if error.range == nil { error.range = range }
            throw error
          }
        }
      }
      guard a.constant == nil, let k = b.constant, case .list(let items) = k else { return nil }
      let e = a.eval
      if items.allSatisfy({
        if case .string(let s) = $0 { return StringBytes.isASCII(s) } else { return false }
      }) {
        let strings = items.map { v -> String in
          if case .string(let s) = v { return s } else { return "" }
        }
        if strings.count <= 8 {
          return { frame in
            let x = try e(&frame)
            if case .string(let v) = x {
              for candidate in strings where StringBytes.equal(v, ascii: candidate) {
                return .bool(true)
              }
              return .bool(false)
            }
            return try Operators.contains(x, k)
          }
        }
        let set = Set(strings)
        return { frame in
          let x = try e(&frame)
          if case .string(let v) = x { return .bool(set.contains(v) && StringBytes.isASCII(v)) }
          return try Operators.contains(x, k)
        }
      }
      return nil
    case "_<_", "_<=_", "_>_", "_>=_":
      guard a.constant == nil, let k = b.constant, case .int(let i) = k else { return nil }
      let e = a.eval
      let name = function.name
      let test: @Sendable (Int64) -> Bool
      switch name {
      case "_<_": test = { $0 < i }
      case "_<=_": test = { $0 <= i }
      case "_>_": test = { $0 > i }
      default: test = { $0 >= i }
      }
      let f = function
      return { frame in
        let x = try e(&frame)
        if case .int(let v) = x { return .bool(test(v)) }
        do { return try f.call([x, k]) } catch var error as EvaluationError {
          if error.range == nil { error.range = range }
          throw error
        }
      }
    case "math.least", "math.greatest":
      // Two doubles (the common case) without building an argument array.
      let greatest = function.name == "math.greatest"
      let (ea, eb) = (a.eval, b.eval)
      let f = function
      return { frame in
        let x = try ea(&frame)
        let y = try eb(&frame)
        if case .double(let p) = x, case .double(let q) = y, !p.isNaN, !q.isNaN {
          return greatest ? (q > p ? y : x) : (q < p ? y : x)
        }
        do { return try f.call([x, y]) } catch var error as EvaluationError {
          if error.range == nil { error.range = range }
          throw error
        }
      }
    case "matches":
      guard a.constant == nil, let k = b.constant, case .string(let pattern) = k, !pattern.isEmpty,
        let regex = try? RegexCache.shared.regex(pattern)
      else { return nil }
      let box = RegexBox(regex: regex)
      let e = a.eval
      if fusions, let literal = caseInsensitiveLiteral(pattern) {
        // `(?i)word`: on ASCII text, case-insensitive matching of an ASCII literal is ASCII case
        // folding, so search without the regex engine; other text still goes to the regex.
        let needle = Array(literal.lowercased().utf8)
        return { frame in
          let x = try e(&frame)
          guard case .string(let s) = x else {
            throw EvaluationError(
              .noSuchOverload,
              "no such overload: `matches` applied to (\(x.typeValue.name), string)",
              range: range)
          }
          try frame.spend(10)
          if StringBytes.isASCII(s) {
            return .bool(StringBytes.containsLoweringASCII(s, needle))
          }
          return .bool(
            box.regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
        }
      }
      return { frame in
        let x = try e(&frame)
        guard case .string(let s) = x else {
          throw EvaluationError(
            .noSuchOverload, "no such overload: `matches` applied to (\(x.typeValue.name), string)",
            range: range)
        }
        try frame.spend(10)
        return .bool(box.regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil)
      }
    default:
      return nil
    }
  }
}

/// The literal of a `(?i)literal` pattern made of ASCII letters, digits, spaces, `_` and `-`
/// (no regex syntax), or nil.
func caseInsensitiveLiteral(_ pattern: String) -> String? {
  guard pattern.hasPrefix("(?i)") else { return nil }
  let literal = pattern.dropFirst(4)
  guard !literal.isEmpty,
    literal.utf8.allSatisfy({ byte in
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    })
  else { return nil }
  return String(literal)
}

/// A compiled regular expression shared by evaluations (NSRegularExpression is immutable).
struct RegexBox: @unchecked Sendable {
  let regex: NSRegularExpression
}
