import Foundation

/// Splits a template body into text, `{{ expr }}`, `{% tag %}` and `{# comment #}`, and nests the
/// tags into ``TemplateNode``s, tracking line and column for every error.
///
/// A `{% %}` tag alone on its line takes the whole line with it, so loops can build Markdown tables.
struct TemplateLexer {
  private enum Token {
    case text(String)
    case output(String, TemplateLocation)
    case tag(String, TemplateLocation)
  }

  let file: String
  let firstLine: Int

  init(file: String, firstLine: Int) {
    self.file = file
    self.firstLine = firstLine
  }

  mutating func parse(_ text: String) throws -> [TemplateNode] {
    let tokens = try tokenize(text)
    var position = 0
    let (nodes, terminator) = try parseNodes(tokens, &position, until: [])
    if let terminator {
      throw error(
        terminator.1, "\"{% \(terminator.0) %}\" has no matching \"{% for %}\" or \"{% if %}\"")
    }
    return nodes
  }

  private func error(_ location: TemplateLocation, _ message: String) -> ReportError {
    .template(file: file, location: location, message: message)
  }

  // MARK: - Tokens

  private func tokenize(_ text: String) throws -> [Token] {
    let characters = Array(text)
    var tokens: [Token] = []
    var buffer = ""
    var line = firstLine
    var column = 1
    var index = 0
    func advance(_ count: Int) {
      for offset in 0..<count where index + offset < characters.count {
        if characters[index + offset] == "\n" {
          line += 1
          column = 1
        } else {
          column += 1
        }
      }
      index += count
    }
    while index < characters.count {
      let character = characters[index]
      let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
      guard character == "{", let next, next == "{" || next == "%" || next == "#" else {
        buffer.append(character)
        advance(1)
        continue
      }
      let closer: [Character] = next == "{" ? ["}", "}"] : next == "%" ? ["%", "}"] : ["#", "}"]
      let start = TemplateLocation(line: line, column: column)
      var end = index + 2
      while end + 1 < characters.count,
        !(characters[end] == closer[0] && characters[end + 1] == closer[1])
      {
        end += 1
      }
      guard end + 1 < characters.count else {
        throw error(start, "\"{\(next)\" is not closed; add \"\(String(closer))\"")
      }
      // A tag alone on its line takes its indentation and newline with it.
      var standalone = false
      if next != "{" {
        var back = index - 1
        while back >= 0, characters[back] == " " || characters[back] == "\t" { back -= 1 }
        var forward = end + 2
        while forward < characters.count, characters[forward] == " " || characters[forward] == "\t"
        {
          forward += 1
        }
        standalone =
          (back < 0 || characters[back] == "\n")
          && (forward == characters.count || characters[forward] == "\n")
        if standalone {
          while let last = buffer.last, last == " " || last == "\t" { buffer.removeLast() }
        }
      }
      if !buffer.isEmpty { tokens.append(.text(buffer)) }
      buffer = ""
      let inner = String(characters[(index + 2)..<end])
      let leading = inner.prefix { $0.isWhitespace }.count
      let innerLocation = TemplateLocation(line: start.line, column: start.column + 2 + leading)
      let content = inner.trimmingCharacters(in: .whitespacesAndNewlines)
      if next == "{" {
        tokens.append(.output(content, innerLocation))
      } else if next == "%" {
        tokens.append(.tag(content, innerLocation))
      }
      advance(end + 2 - index)
      if standalone {
        while index < characters.count, characters[index] == " " || characters[index] == "\t" {
          advance(1)
        }
        if index < characters.count { advance(1) }
      }
    }
    if !buffer.isEmpty { tokens.append(.text(buffer)) }
    return tokens
  }

  // MARK: - Tree

  private func compile(_ source: String, at location: TemplateLocation) throws
    -> any TemplateExpression
  {
    do {
      return try TemplateExpressions.compile(source)
    } catch let failure as ExpressionFailure {
      throw error(
        TemplateLocation(line: location.line, column: location.column + failure.offset),
        "bad expression \"\(source)\": \(failure.message)")
    }
  }

  private func parseNodes(
    _ tokens: [Token], _ position: inout Int, until terminators: Set<String>
  ) throws -> ([TemplateNode], (String, TemplateLocation)?) {
    var nodes: [TemplateNode] = []
    while position < tokens.count {
      let token = tokens[position]
      position += 1
      switch token {
      case .text(let text):
        nodes.append(.text(text))
      case .output(let source, let location):
        guard !source.isEmpty else {
          throw error(location, "empty \"{{ }}\"; put an expression inside")
        }
        nodes.append(
          .interpolation(try compile(source, at: location), source: source, at: location))
      case .tag(let content, let location):
        let words = content.split(separator: " ", maxSplits: 1).map(String.init)
        let keyword = words.first ?? ""
        let rest = words.count > 1 ? words[1].trimmingCharacters(in: .whitespaces) : ""
        let restColumn = location.column + keyword.count + 1
        let restLocation = TemplateLocation(line: location.line, column: restColumn)
        if terminators.contains(keyword) { return (nodes, (keyword, location)) }
        switch keyword {
        case "for":
          let parts = rest.components(separatedBy: " in ")
          guard parts.count >= 2,
            let variable = Optional(parts[0].trimmingCharacters(in: .whitespaces)),
            !variable.isEmpty, variable.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
          else { throw error(location, "expected \"{% for NAME in EXPRESSION %}\"") }
          let source = parts.dropFirst().joined(separator: " in ").trimmingCharacters(
            in: .whitespaces)
          let sourceLocation = TemplateLocation(
            line: location.line, column: restColumn + parts[0].count + 4)
          let sequence = try compile(source, at: sourceLocation)
          let (body, end) = try parseNodes(tokens, &position, until: ["empty", "end"])
          var empty: [TemplateNode] = []
          guard let end else {
            throw error(location, "\"{% for %}\" is not closed; add \"{% end %}\"")
          }
          if end.0 == "empty" {
            let (emptyBody, close) = try parseNodes(tokens, &position, until: ["end"])
            guard close != nil else {
              throw error(location, "\"{% for %}\" is not closed; add \"{% end %}\"")
            }
            empty = emptyBody
          }
          nodes.append(
            .loop(
              variable: variable, sequence: sequence, source: source, body: body, empty: empty,
              at: location))
        case "if":
          let condition = try compile(rest, at: restLocation)
          let (then, end) = try parseNodes(tokens, &position, until: ["else", "end"])
          guard let end else {
            throw error(location, "\"{% if %}\" is not closed; add \"{% end %}\"")
          }
          var otherwise: [TemplateNode] = []
          if end.0 == "else" {
            let (elseBody, close) = try parseNodes(tokens, &position, until: ["end"])
            guard close != nil else {
              throw error(location, "\"{% if %}\" is not closed; add \"{% end %}\"")
            }
            otherwise = elseBody
          }
          nodes.append(
            .conditional(condition, source: rest, then: then, otherwise: otherwise, at: location))
        case "end", "else", "empty":
          throw error(
            location, "\"{% \(keyword) %}\" has no matching \"{% for %}\" or \"{% if %}\"")
        default:
          guard let kind = ComponentTag.Kind(rawValue: keyword) else {
            throw error(
              location,
              "unknown tag \"\(keyword)\"; known tags: for, if, else, empty, end, "
                + ComponentTag.Kind.allCases.map(\.rawValue).joined(separator: ", "))
          }
          nodes.append(.component(try parseComponent(kind, rest, at: restLocation)))
        }
      }
    }
    return (nodes, nil)
  }
}
