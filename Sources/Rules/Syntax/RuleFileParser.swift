import Diagnostics

/// Parses the rule-file format (see `docs/rule-files.md`) into a ``RuleFileSyntax``.
///
/// The parser collects diagnostics and recovers at the next line, so one run reports every
/// problem in a file. Ids: `rules.syntax.*`. The blocks are parsed in `RuleFileParser+Flags.swift`,
/// `RuleFileParser+RuleSets.swift` and `RuleFileParser+Tests.swift`.
public struct RuleFileParser {
  var scanner: RuleScanner
  var file: SourceFile { scanner.file }
  var diagnostics: [Diagnostic] = []

  /// Parses `file`; returns the syntax and every diagnostic found.
  public static func parse(_ file: SourceFile) -> (RuleFileSyntax, [Diagnostic]) {
    var parser = RuleFileParser(scanner: RuleScanner(file: file))
    let syntax = parser.parseFile()
    return (syntax, parser.diagnostics)
  }

  private init(scanner: RuleScanner) { self.scanner = scanner }

  // MARK: - File

  mutating func parseFile() -> RuleFileSyntax {
    var syntax = RuleFileSyntax(file: file)
    while true {
      scanner.skipSpace()
      if scanner.isAtEnd { break }
      let start = scanner.offset
      guard let keyword = scanner.word() else {
        error("rules.syntax.expected-block", "expected `flag`, `matchmaking` or `test`", at: start)
        scanner.skipLine()
        continue
      }
      switch keyword.value {
      case "flag":
        if let flag = parseFlag(start: start) { syntax.flags.append(flag) }
      case "matchmaking":
        if let ruleSet = parseRuleSet(start: start) { syntax.ruleSets.append(ruleSet) }
      case "test":
        if let test = parseTest(start: start) { syntax.tests.append(test) }
      default:
        error(
          "rules.syntax.unknown-block", "unknown block `\(keyword.value)`", range: keyword.range,
          help: suggestion(keyword.value, among: ["flag", "matchmaking", "test"])
            ?? "a rule file holds `flag`, `matchmaking` and `test` blocks")
        skipBlock()
      }
    }
    return syntax
  }

  // MARK: - Blocks

  /// Parses `NAME {` or `"name" {`; returns the name, or nil after reporting.
  mutating func blockHeader(kind: String, quoted: Bool) -> Located<String>? {
    let name: Located<String>?
    if quoted {
      name = scanner.string() ?? nil
    } else {
      name = scanner.word()
    }
    guard let name else {
      error(
        "rules.syntax.expected-name",
        quoted ? "expected a quoted name after `\(kind)`" : "expected a name after `\(kind)`",
        at: scanner.offset)
      skipBlock()
      return nil
    }
    guard scanner.consume("{") else {
      error(
        "rules.syntax.expected-brace", "expected `{` after `\(kind) \(name.value)`",
        at: scanner.offset)
      skipBlock()
      return nil
    }
    return name
  }

  /// Runs `body` for each line of a block until its closing `}`; returns the end offset.
  mutating func blockBody(
    _ what: String, _ body: (inout RuleFileParser, Located<String>) -> Void
  )
    -> Int
  {
    while true {
      scanner.skipSpace()
      if scanner.isAtEnd {
        error(
          "rules.syntax.unclosed-block", "\(what) is missing its closing `}`", at: scanner.offset)
        return scanner.offset
      }
      if scanner.consume("}") { return scanner.offset }
      let start = scanner.offset
      // `flag B {` at the start of a line inside `flag A`: A is missing its `}`. One error there,
      // and B is parsed as the block it is, not as ten unknown lines of A.
      if scanner.isAtLineStart(start), let next = scanner.peekWord(),
        RuleFileParser.blockKeywords.contains(next), scanner.lineOpensBlock(from: start)
      {
        error(
          "rules.syntax.unclosed-block", "\(what) is missing its closing `}`",
          at: scanner.endOfPreviousLine(before: start),
          help: "add `}` on its own line before `\(next)`")
        return start
      }
      guard let keyword = scanner.word() else {
        error("rules.syntax.unexpected", "unexpected text in \(what)", at: start)
        scanner.skipLine()
        continue
      }
      let before = diagnostics.count
      body(&self, keyword)
      if diagnostics.count == before && !scanner.atEndOfLine() && scanner.peek != UInt8(ascii: "}")
      {
        error(
          "rules.syntax.trailing", "unexpected text after `\(keyword.value)` line",
          at: scanner.offset)
      }
      if diagnostics.count > before { scanner.skipLine() }
    }
  }

  // MARK: - Helpers

  /// The keywords that open a top-level block.
  static let blockKeywords: Set<String> = ["flag", "matchmaking", "test"]

  mutating func expectString(after keyword: String) -> Located<String>? {
    switch scanner.string() {
    case .some(.some(let value)): return value
    case .some(.none):
      error(
        "rules.syntax.unterminated-string", "this string is missing its closing quote",
        at: scanner.offset)
      return nil
    case .none:
      error(
        "rules.syntax.expected-string", "`\(keyword)` takes a quoted string", at: scanner.offset)
      return nil
    }
  }

  /// Skips past a block whose header could not be read: to its matching `}` when a `{` opens on the
  /// current line, else to the end of the line.
  mutating func skipBlock() {
    var depth = 0
    while let byte = scanner.peek {
      if byte == UInt8(ascii: "{") {
        depth += 1
      } else if byte == UInt8(ascii: "}") && depth > 0 {
        depth -= 1
        if depth == 0 {
          scanner.advance()
          return
        }
      } else if byte == UInt8(ascii: "\n") && depth == 0 {
        return
      }
      scanner.advance()
    }
  }

  func suggestion(_ word: String, among candidates: [String]) -> String? {
    NameSuggester.closest(to: word, among: candidates).map { "did you mean `\($0)`?" }
  }

  /// An error on the character at `offset`; at the end of the file, an empty range there (never
  /// past the end: found by the rules fuzz target, docs/fuzzing.md).
  mutating func error(_ id: String, _ message: String, at offset: Int, help: String? = nil) {
    let end = min(offset + 1, file.utf8.count)
    error(id, message, range: SourceRange(start: min(offset, end), end: end), help: help)
  }

  mutating func error(
    _ id: String, _ message: String, range: SourceRange, help: String? = nil
  ) {
    guard diagnostics.count < 100 else { return }
    diagnostics.append(
      Diagnostic(.error, id: id, message: message, file: file, range: range, help: help))
  }
}
