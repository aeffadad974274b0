import Foundation

/// The fallback expression tree: a strict subset of CEL (paths, literals, function calls).
indirect enum FallbackExpression: TemplateExpression {
  /// `downloads`
  case name(String)
  /// `row.downloads`
  case member(FallbackExpression, String)
  /// `rows[0]`
  case index(FallbackExpression, Int)
  /// `42`, `"text"`, `true`, `null`
  case literal(TemplateValue)
  /// `currency(row.rate_cents)`
  case call(String, [FallbackExpression])

  static let functions = ["number", "currency", "percent", "date", "size", "string"]

  func evaluate(_ scope: TemplateRecord) throws -> TemplateValue {
    switch self {
    case .name(let name):
      guard let value = scope[name] else {
        throw ExpressionFailure(
          message: "unknown name \"\(name)\"" + Self.hint(name, among: scope.keys))
      }
      return value
    case .member(let base, let field):
      let value = try base.evaluate(scope)
      guard case .record(let record) = value else {
        if case .null = value { return .null }
        throw ExpressionFailure(message: "cannot read field \"\(field)\" of a non-record value")
      }
      guard let result = record[field] else {
        throw ExpressionFailure(
          message: "unknown column \"\(field)\"" + Self.hint(field, among: record.keys))
      }
      return result
    case .index(let base, let position):
      guard case .list(let values) = try base.evaluate(scope) else {
        throw ExpressionFailure(message: "cannot index a value that is not a list")
      }
      return position < values.count ? values[position] : .null
    case .literal(let value):
      return value
    case .call(let function, let arguments):
      let values = try arguments.map { try $0.evaluate(scope) }
      guard values.count == 1 else {
        throw ExpressionFailure(message: "\(function)() takes exactly one argument")
      }
      switch function {
      case "size":
        switch values[0] {
        case .list(let list): return .int(Int64(list.count))
        case .string(let text): return .int(Int64(text.count))
        case .record(let record): return .int(Int64(record.keys.count))
        default: throw ExpressionFailure(message: "size() needs a list, string or record")
        }
      case "string": return .string(values[0].plainText)
      default:
        return .string(ValueFormat(rawValue: function)!.format(values[0]))
      }
    }
  }

  /// `; did you mean "downloads"? known: day, downloads`.
  static func hint(_ name: String, among keys: [String]) -> String {
    guard !keys.isEmpty else { return "" }
    let nearest = keys.min { distance($0, name) < distance($1, name) }!
    let suggestion = distance(nearest, name) <= max(2, name.count / 3) ? "; did you mean \"\(nearest)\"?" : ""
    return suggestion + " (known: \(keys.joined(separator: ", ")))"
  }

  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var previous = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
      var current = [i] + Array(repeating: 0, count: b.count)
      for j in 1...max(b.count, 1) where !b.isEmpty {
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
      }
      previous = current
    }
    return a.isEmpty ? b.count : previous[b.count]
  }
}

/// Parses the fallback subset; anything else is refused with the offset of the first bad character.
struct FallbackExpressionParser {
  private let characters: [Character]
  private var position = 0

  init(_ source: String) { characters = Array(source) }

  mutating func parseAll() throws -> FallbackExpression {
    skipSpace()
    let expression = try parseExpression()
    skipSpace()
    guard position == characters.count else {
      throw ExpressionFailure(
        message: "unexpected \"\(characters[position])\"; template expressions in this build are "
          + "field paths, literals and calls of number, currency, percent, date, size, string",
        offset: position)
    }
    return expression
  }

  private mutating func parseExpression() throws -> FallbackExpression {
    skipSpace()
    guard position < characters.count else {
      throw ExpressionFailure(message: "expected an expression", offset: position)
    }
    let character = characters[position]
    var expression: FallbackExpression
    if character == "\"" || character == "'" {
      expression = .literal(.string(try parseString(quote: character)))
    } else if character.isNumber || character == "-" {
      expression = .literal(try parseNumber())
    } else if character.isLetter || character == "_" {
      let name = parseIdentifier()
      skipSpace()
      if position < characters.count, characters[position] == "(" {
        guard FallbackExpression.functions.contains(name) else {
          throw ExpressionFailure(
            message: "unknown function \"\(name)\"; known: "
              + FallbackExpression.functions.joined(separator: ", "),
            offset: position - name.count)
        }
        position += 1
        var arguments: [FallbackExpression] = []
        skipSpace()
        while position < characters.count, characters[position] != ")" {
          arguments.append(try parseExpression())
          skipSpace()
          if position < characters.count, characters[position] == "," { position += 1 }
        }
        guard position < characters.count else {
          throw ExpressionFailure(message: "missing \")\"", offset: position)
        }
        position += 1
        expression = .call(name, arguments)
      } else {
        switch name {
        case "true": expression = .literal(.bool(true))
        case "false": expression = .literal(.bool(false))
        case "null": expression = .literal(.null)
        default: expression = .name(name)
        }
      }
    } else {
      throw ExpressionFailure(message: "unexpected \"\(character)\"", offset: position)
    }
    while position < characters.count {
      if characters[position] == "." {
        position += 1
        let field = parseIdentifier()
        guard !field.isEmpty else {
          throw ExpressionFailure(message: "expected a field name after \".\"", offset: position)
        }
        expression = .member(expression, field)
      } else if characters[position] == "[" {
        position += 1
        guard case .literal(.int(let index)) = try parseExpression(), index >= 0 else {
          throw ExpressionFailure(message: "expected a list index", offset: position)
        }
        skipSpace()
        guard position < characters.count, characters[position] == "]" else {
          throw ExpressionFailure(message: "missing \"]\"", offset: position)
        }
        position += 1
        expression = .index(expression, Int(index))
      } else {
        break
      }
    }
    return expression
  }

  private mutating func parseIdentifier() -> String {
    let start = position
    while position < characters.count,
      characters[position].isLetter || characters[position].isNumber || characters[position] == "_"
    {
      position += 1
    }
    return String(characters[start..<position])
  }

  private mutating func parseNumber() throws -> TemplateValue {
    let start = position
    position += 1
    while position < characters.count, characters[position].isNumber || characters[position] == "." {
      position += 1
    }
    let text = String(characters[start..<position])
    if let int = Int64(text) { return .int(int) }
    if let double = Double(text) { return .double(double) }
    throw ExpressionFailure(message: "bad number \"\(text)\"", offset: start)
  }

  private mutating func parseString(quote: Character) throws -> String {
    let start = position
    position += 1
    var text = ""
    while position < characters.count, characters[position] != quote {
      if characters[position] == "\\", position + 1 < characters.count { position += 1 }
      text.append(characters[position])
      position += 1
    }
    guard position < characters.count else {
      throw ExpressionFailure(message: "unterminated string", offset: start)
    }
    position += 1
    return text
  }

  private mutating func skipSpace() {
    while position < characters.count, characters[position].isWhitespace { position += 1 }
  }
}
