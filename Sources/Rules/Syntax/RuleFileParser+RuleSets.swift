import Diagnostics

extension RuleFileParser {
  // MARK: - `matchmaking` blocks

  mutating func parseRuleSet(start: Int) -> RuleSetSyntax? {
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
}
