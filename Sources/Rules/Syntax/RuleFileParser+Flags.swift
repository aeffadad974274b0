import Diagnostics

extension RuleFileParser {
  // MARK: - `flag` blocks

  mutating func parseFlag(start: Int) -> FlagSyntax? {
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

  mutating func parseVariants() -> [VariantSyntax]? {
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
  mutating func parseOutcome() -> OutcomeSyntax? {
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

  mutating func parsePercent() -> Located<Double>? {
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
}
