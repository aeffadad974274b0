import Diagnostics

extension RuleFormatter {
  /// What a rule file says, one line per fact, with layout and comments left out: two files with
  /// the same meaning load to the same rule book.
  ///
  /// Expressions and JSON values are compared by their text with comments dropped, each line
  /// trimmed and runs of spaces outside strings collapsed (``RuleLoader/definitionText(_:)``).
  /// Parse diagnostics are part of the meaning (id and message), so a formatter that turned a
  /// broken file into a differently broken one would be caught too.
  public static func meaning(of file: SourceFile) -> [String] {
    let (syntax, diagnostics) = RuleFileParser.parse(file)
    func text(_ range: SourceRange) -> String { RuleLoader.definitionText(file.text(in: range)) }
    func outcome(_ outcome: OutcomeSyntax) -> String {
      switch outcome {
      case .variant(let name): return name.value
      case .rollout(let percent, let variant, let unit):
        return "rollout \(percent.value)% of \(variant?.value ?? "-") by \(text(unit))"
      case .split(let unit, let weights):
        let parts = weights.map { "\($0.variant.value) \($0.percent.value)%" }
        return "split by \(text(unit)) { \(parts.joined(separator: ", ")) }"
      }
    }
    var facts: [String] = []
    for flag in syntax.flags {
      facts.append("flag \(flag.name.value)")
      if let description = flag.description { facts.append("  description \(description)") }
      if let enabled = flag.enabled { facts.append("  enabled \(enabled.value)") }
      facts.append(
        "  active \(flag.activeFrom?.value ?? "-") \(flag.activeUntil?.value ?? "-")")
      for prerequisite in flag.prerequisites {
        facts.append(
          "  requires \(prerequisite.flag.value) \(prerequisite.variant?.value ?? "-")")
      }
      if let salt = flag.salt { facts.append("  salt \(salt.value)") }
      for variant in flag.variants ?? [] {
        facts.append("  variant \(variant.name.value) = \(text(variant.json.range))")
      }
      if let defaultOutcome = flag.defaultOutcome {
        facts.append("  default \(outcome(defaultOutcome))")
      }
      if let off = flag.offVariant { facts.append("  off \(off.value)") }
      for rule in flag.rules {
        facts.append("  when \(text(rule.condition)) => \(outcome(rule.outcome))")
      }
    }
    for ruleSet in syntax.ruleSets {
      facts.append("matchmaking \(ruleSet.name.value)")
      if let description = ruleSet.description { facts.append("  description \(description)") }
      for item in ruleSet.items {
        switch item {
        case .letBinding(let name, let expression):
          facts.append("  let \(name.value) = \(text(expression))")
        case .require(let reason, let expression):
          facts.append("  require \(reason.value): \(text(expression))")
        case .signal(let name, let weight, let expression):
          facts.append("  signal \(name.value) weight \(weight.value): \(text(expression))")
        }
      }
      if let keep = ruleSet.keep { facts.append("  keep \(text(keep))") }
      if let top = ruleSet.top { facts.append("  top \(top.value)") }
    }
    for test in syntax.tests {
      facts.append("test \(test.name.value)")
      switch test.target {
      case .flag(let name): facts.append("  flag \(name.value)")
      case .ruleSet(let name): facts.append("  matchmaking \(name.value)")
      case nil: break
      }
      for input in test.inputs {
        facts.append("  \(input.name.value) \(text(input.json.range))")
      }
      for expectation in test.expectations {
        switch expectation {
        case .flag(let value, let variant, let reason):
          facts.append(
            "  expect \(value?.value ?? "-") variant \(variant?.value ?? "-") reason \(reason?.value ?? "-")"
          )
        case .score(let score, let tolerance):
          facts.append("  expect score \(score.value) within \(tolerance)")
        case .rejected(let reason): facts.append("  expect rejected by \(reason.value)")
        case .kept(let kept): facts.append("  expect kept \(kept.value)")
        case .signal(let name, let value, let tolerance):
          facts.append("  expect signal \(name.value) \(value.value) within \(tolerance)")
        }
      }
    }
    for diagnostic in diagnostics {
      facts.append("diagnostic \(diagnostic.id): \(diagnostic.message)")
    }
    return facts
  }
}
