import Diagnostics

/// Parses the rule-file format (see `docs/rule-files.md`) into a ``RuleFileSyntax``.
///
/// The parser collects diagnostics and recovers at the next line, so one run reports every
/// problem in a file. Ids: `rules.syntax.*`.
public struct RuleFileParser {
  private var scanner: RuleScanner
  private var file: SourceFile { scanner.file }
  private(set) var diagnostics: [Diagnostic] = []

  /// Parses `file`; returns the syntax and every diagnostic found.
  public static func parse(_ file: SourceFile) -> (RuleFileSyntax, [Diagnostic]) {
    var parser = RuleFileParser(scanner: RuleScanner(file: file))
    let syntax = parser.parseFile()
    return (syntax, parser.diagnostics)
  }

  private init(scanner: RuleScanner) { self.scanner = scanner }

  // MARK: - File

  private mutating func parseFile() -> RuleFileSyntax {
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
  private mutating func blockHeader(kind: String, quoted: Bool) -> Located<String>? {
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
  private mutating func blockBody(
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

  private mutating func parseFlag(start: Int) -> FlagSyntax? {
    guard let name = blockHeader(kind: "flag", quoted: false) else { return nil }
    var flag = FlagSyntax(name: name, range: SourceRange(start: start, end: start))
    let keywords = [
      "description", "enabled", "active", "requires", "salt", "variants", "default", "off", "when",
    ]
    let end = blockBody("flag \(name.value)") { parser, keyword in
      switch keyword.value {
      case "description":
        flag.description = parser.expectString(after: "description")?.value
      case "enabled":
        guard let value = parser.scanner.word(), ["true", "false"].contains(value.value) else {
          parser.error(
            "rules.syntax.expected-bool", "`enabled` takes `true` or `false`",
            at: parser.scanner.offset)
          return
        }
        flag.enabled = Located(value: value.value == "true", range: value.range)
      case "active":
        var any = false
        if parser.scanner.consume("from") {
          flag.activeFrom = parser.scanner.restOfLineWord()
          any = true
        }
        if parser.scanner.consume("until") {
          flag.activeUntil = parser.scanner.restOfLineWord()
          any = true
        }
        if !any {
          parser.error(
            "rules.syntax.expected-schedule", "`active` takes `from TIME`, `until TIME`, or both",
            at: parser.scanner.offset,
            help: "e.g. active from 2026-12-01T00:00:00Z until 2027-01-01T00:00:00Z")
        }
      case "requires":
        guard let other = parser.scanner.word() else {
          parser.error(
            "rules.syntax.expected-name", "`requires` takes a flag name", at: parser.scanner.offset)
          return
        }
        var prerequisite = PrerequisiteSyntax(flag: other)
        if parser.scanner.consume("is") { prerequisite.variant = parser.scanner.word() }
        flag.prerequisites.append(prerequisite)
      case "salt":
        flag.salt = parser.expectString(after: "salt")
      case "variants":
        flag.variants = parser.parseVariants()
      case "default":
        flag.defaultOutcome = parser.parseOutcome()
      case "off":
        flag.offVariant = parser.scanner.word()
      case "when":
        let ruleStart = keyword.range.start
        guard let condition = parser.scanner.expressionSpan(stopAtArrow: true) else {
          parser.error(
            "rules.syntax.expected-expression", "`when` needs a condition",
            at: parser.scanner.offset)
          return
        }
        guard parser.scanner.consume("=>") else {
          parser.error(
            "rules.syntax.expected-arrow", "expected `=>` and an outcome after the condition",
            at: parser.scanner.offset, help: "e.g. when env == \"staging\" => on")
          return
        }
        guard let outcome = parser.parseOutcome() else { return }
        flag.rules.append(
          TargetingRuleSyntax(
            condition: condition, outcome: outcome,
            range: SourceRange(start: ruleStart, end: parser.scanner.offset)))
      default:
        parser.error(
          "rules.syntax.unknown-statement", "unknown statement `\(keyword.value)` in a flag",
          range: keyword.range, help: parser.suggestion(keyword.value, among: keywords))
      }
    }
    flag.range = SourceRange(start: start, end: end)
    return flag
  }

  private mutating func parseVariants() -> [VariantSyntax]? {
    guard scanner.consume("{") else {
      error("rules.syntax.expected-brace", "expected `{` after `variants`", at: scanner.offset)
      return nil
    }
    var variants: [VariantSyntax] = []
    while true {
      scanner.skipSpace()
      if scanner.consume("}") { return variants }
      if scanner.isAtEnd {
        error(
          "rules.syntax.unclosed-block", "`variants` is missing its closing `}`", at: scanner.offset
        )
        return variants
      }
      guard let name = scanner.word() else {
        error("rules.syntax.expected-name", "expected a variant name", at: scanner.offset)
        scanner.skipLine()
        continue
      }
      guard scanner.consume("=") || scanner.consume(":"), let span = scanner.jsonSpan() else {
        error(
          "rules.syntax.expected-value", "expected `= VALUE` after variant `\(name.value)`",
          at: scanner.offset, help: "a value is JSON: \"text\", 42, true, {\"key\": 1}")
        scanner.skipLine()
        continue
      }
      variants.append(
        VariantSyntax(name: name, json: Located(value: file.text(in: span), range: span)))
      _ = scanner.consume(",")
    }
  }

  /// `on`, `off`, `VARIANT`, `rollout N% [of VARIANT] by EXPR`, `split by EXPR { A N%, B N% }`.
  private mutating func parseOutcome() -> OutcomeSyntax? {
    let start = scanner.offset
    guard let word = scanner.word() else {
      error(
        "rules.syntax.expected-outcome",
        "expected an outcome: on, off, a variant, rollout or split",
        at: start)
      return nil
    }
    switch word.value {
    case "rollout":
      guard let percent = parsePercent() else { return nil }
      var variant: Located<String>?
      if scanner.consume("of") { variant = scanner.word() }
      guard scanner.consume("by"), let unit = scanner.expressionSpan() else {
        error(
          "rules.syntax.expected-unit", "a rollout needs `by EXPR`, the unit to bucket",
          at: scanner.offset, help: "e.g. rollout 25% by account.id")
        return nil
      }
      return .rollout(percent: percent, variant: variant, unit: unit)
    case "split":
      guard scanner.consume("by"), let unit = scanner.expressionSpan(stopAtBrace: true) else {
        error(
          "rules.syntax.expected-unit", "a split needs `by EXPR { variant N%, … }`",
          at: scanner.offset)
        return nil
      }
      guard scanner.consume("{") else {
        error(
          "rules.syntax.expected-brace", "expected `{` with the split's weights", at: scanner.offset
        )
        return nil
      }
      var weights: [(Located<String>, Located<Double>)] = []
      while true {
        scanner.skipSpace()
        if scanner.consume("}") { break }
        guard let variant = scanner.word(), let percent = parsePercent() else {
          error(
            "rules.syntax.expected-weight", "expected `variant N%` in the split", at: scanner.offset
          )
          return nil
        }
        weights.append((variant, percent))
        _ = scanner.consume(",")
      }
      return .split(unit: unit, weights: weights)
    default:
      return .variant(word)
    }
  }

  private mutating func parsePercent() -> Located<Double>? {
    guard let number = scanner.number(), scanner.consume("%") else {
      error(
        "rules.syntax.expected-percent", "expected a percentage such as `25%`", at: scanner.offset)
      return nil
    }
    guard (0...100).contains(number.value) else {
      error(
        "rules.syntax.percent-range", "a percentage must be between 0% and 100%",
        range: number.range)
      return nil
    }
    return Located(
      value: number.value, range: SourceRange(start: number.range.start, end: scanner.offset))
  }

  private mutating func parseRuleSet(start: Int) -> RuleSetSyntax? {
    guard let name = blockHeader(kind: "matchmaking", quoted: false) else { return nil }
    var ruleSet = RuleSetSyntax(name: name, range: SourceRange(start: start, end: start))
    let keywords = ["description", "let", "require", "signal", "keep", "top"]
    let end = blockBody("matchmaking \(name.value)") { parser, keyword in
      switch keyword.value {
      case "description":
        ruleSet.description = parser.expectString(after: "description")?.value
      case "let":
        guard let binding = parser.scanner.word(), parser.scanner.consume("="),
          let expression = parser.scanner.expressionSpan()
        else {
          parser.error(
            "rules.syntax.expected-let", "expected `let NAME = EXPR`", at: parser.scanner.offset)
          return
        }
        ruleSet.items.append(.letBinding(name: binding, expression: expression))
      case "require":
        guard let reason = parser.expectString(after: "require") else { return }
        guard parser.scanner.consume(":"), let expression = parser.scanner.expressionSpan() else {
          parser.error(
            "rules.syntax.expected-expression", "expected `: EXPR` after the requirement's reason",
            at: parser.scanner.offset, help: "e.g. require \"brand safety\": !show.explicit")
          return
        }
        ruleSet.items.append(.require(reason: reason, expression: expression))
      case "signal":
        guard let signal = parser.expectString(after: "signal") else { return }
        guard parser.scanner.consume("weight"), let weight = parser.scanner.number() else {
          parser.error(
            "rules.syntax.expected-weight", "expected `weight N` after the signal's name",
            at: parser.scanner.offset, help: "e.g. signal \"reach\" weight 0.35: …")
          return
        }
        guard parser.scanner.consume(":"), let expression = parser.scanner.expressionSpan() else {
          parser.error(
            "rules.syntax.expected-expression", "expected `: EXPR` after the weight",
            at: parser.scanner.offset)
          return
        }
        ruleSet.items.append(.signal(name: signal, weight: weight, expression: expression))
      case "keep":
        guard let expression = parser.scanner.expressionSpan() else {
          parser.error(
            "rules.syntax.expected-expression", "`keep` needs a condition such as `score >= 0.5`",
            at: parser.scanner.offset)
          return
        }
        ruleSet.keep = expression
      case "top":
        guard let count = parser.scanner.number(), count.value >= 1,
          count.value == count.value.rounded(),
          parser.scanner.consume("per"), parser.scanner.consume("advertiser")
        else {
          parser.error(
            "rules.syntax.expected-top",
            "expected `top N per advertiser` with N a whole number ≥ 1",
            at: parser.scanner.offset)
          return
        }
        ruleSet.top = Located(value: Int(count.value), range: count.range)
      default:
        parser.error(
          "rules.syntax.unknown-statement", "unknown statement `\(keyword.value)` in a rule set",
          range: keyword.range, help: parser.suggestion(keyword.value, among: keywords))
      }
    }
    ruleSet.range = SourceRange(start: start, end: end)
    return ruleSet
  }

  private mutating func parseTest(start: Int) -> RuleTestSyntax? {
    guard let name = blockHeader(kind: "test", quoted: true) else { return nil }
    var test = RuleTestSyntax(name: name, range: SourceRange(start: start, end: start))
    let keywords = ["flag", "matchmaking", "context", "advertiser", "show", "env", "expect"]
    let end = blockBody("test \"\(name.value)\"") { parser, keyword in
      switch keyword.value {
      case "flag":
        if let flag = parser.scanner.word() { test.target = .flag(flag) }
      case "matchmaking":
        if let ruleSet = parser.scanner.word() { test.target = .ruleSet(ruleSet) }
      case "context", "advertiser", "show", "env":
        guard let span = parser.scanner.jsonSpan() else {
          parser.error(
            "rules.syntax.expected-json", "`\(keyword.value)` takes a JSON object",
            at: parser.scanner.offset, help: "e.g. \(keyword.value) {\"id\": \"acme\"}")
          return
        }
        test.inputs.append((keyword, Located(value: parser.file.text(in: span), range: span)))
      case "expect":
        if let expectation = parser.parseExpectation() { test.expectations.append(expectation) }
      default:
        parser.error(
          "rules.syntax.unknown-statement", "unknown statement `\(keyword.value)` in a test",
          range: keyword.range, help: parser.suggestion(keyword.value, among: keywords))
      }
    }
    test.range = SourceRange(start: start, end: end)
    return test
  }

  private mutating func parseExpectation() -> ExpectationSyntax? {
    if scanner.consume("score") {
      guard let value = scanner.number() else {
        error("rules.syntax.expected-number", "`expect score` takes a number", at: scanner.offset)
        return nil
      }
      return .score(value, tolerance: tolerance())
    }
    if scanner.consume("rejected") {
      _ = scanner.consume("by")
      guard let reason = expectString(after: "expect rejected by") else { return nil }
      return .rejected(reason)
    }
    if let kept = scanner.consume("kept") ? true : (scanner.consume("dropped") ? false : nil) {
      return .kept(
        Located(value: kept, range: SourceRange(start: scanner.offset, end: scanner.offset)))
    }
    if scanner.consume("signal") {
      guard let name = expectString(after: "expect signal"), let value = scanner.number() else {
        error(
          "rules.syntax.expected-number", "`expect signal \"name\" N` takes a number",
          at: scanner.offset)
        return nil
      }
      return .signal(name: name, value: value, tolerance: tolerance())
    }
    var value: Located<String>?
    let beforeValue = scanner.offset
    if scanner.consume("variant") || scanner.consume("reason") {
      scanner.offset = beforeValue
    } else if let span = scanner.jsonSpan() {
      value = Located(value: file.text(in: span), range: span)
    }
    var variant: Located<String>?
    var reason: Located<String>?
    while true {
      if scanner.consume("variant") {
        variant = scanner.word()
      } else if scanner.consume("reason") {
        reason = scanner.word()
      } else {
        break
      }
    }
    if value == nil && variant == nil && reason == nil {
      error(
        "rules.syntax.expected-expectation",
        "expected `expect VALUE [variant V] [reason R]`, `expect score N`, `expect rejected by \"…\"`, `expect kept` or `expect dropped`",
        at: scanner.offset)
      return nil
    }
    return .flag(value: value, variant: variant, reason: reason)
  }

  private mutating func tolerance() -> Double {
    if scanner.consume("within") || scanner.consume("±") {
      return scanner.number()?.value ?? 1e-9
    }
    return 1e-9
  }

  // MARK: - Helpers

  private mutating func expectString(after keyword: String) -> Located<String>? {
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
  private mutating func skipBlock() {
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

  private mutating func error(_ id: String, _ message: String, at offset: Int, help: String? = nil)
  {
    error(id, message, range: SourceRange(start: offset, end: offset + 1), help: help)
  }

  private mutating func error(
    _ id: String, _ message: String, range: SourceRange, help: String? = nil
  ) {
    guard diagnostics.count < 100 else { return }
    diagnostics.append(
      Diagnostic(.error, id: id, message: message, file: file, range: range, help: help))
  }
}
