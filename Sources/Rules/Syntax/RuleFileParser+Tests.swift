import Diagnostics

extension RuleFileParser {
  // MARK: - `test` blocks

  mutating func parseTest(start: Int) -> RuleTestSyntax? {
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

  mutating func parseExpectation() -> ExpectationSyntax? {
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

  mutating func tolerance() -> Double {
    if scanner.consume("within") || scanner.consume("±") {
      return scanner.number()?.value ?? 1e-9
    }
    return 1e-9
  }
}
