import Diagnostics
import Expressions
import Foundation

extension RuleLoader {
  /// Compiles a matchmaking rule set in file order: each `let` is declared (with its checked type)
  /// for the lines below it; `keep` also sees `score`.
  mutating func compile(_ syntax: RuleSetSyntax, in file: SourceFile) {
    if ruleSets.contains(where: { $0.name == syntax.name.value }) {
      report(
        "rules.duplicate-name", "matchmaking rule set \(syntax.name.value) is defined twice",
        file: file, range: syntax.name.range)
      return
    }
    let before = diagnostics.filter { $0.severity == .error }.count
    var environment = Environment()
    let advertiserSlot = environment.declareVariable("advertiser", .record(MatchInputs.advertiser))
    let showSlot = environment.declareVariable("show", .record(MatchInputs.show))

    var steps: [RuleSet.Step] = []
    var requirements: [RuleSet.Requirement] = []
    var signals: [RuleSet.Signal] = []
    var letNames: [(name: Located<String>, index: Int)] = []
    var seenReasons: Set<String> = []
    var seenSignals: Set<String> = []

    for (position, item) in syntax.items.enumerated() {
      switch item {
      case .letBinding(let name, let range):
        if environment.slot(of: name.value) != nil {
          report(
            "rules.duplicate-name", "`\(name.value)` is already defined in this rule set",
            file: file, range: name.range)
          continue
        }
        guard let program = compileExpression(range, in: file, environment: environment) else {
          _ = environment.declareVariable(name.value, .dyn)  // keep later lines checkable
          continue
        }
        let slot = environment.declareVariable(name.value, program.resultType)
        steps.append(.bind(slot, program))
        letNames.append((name, position))
      case .require(let reason, let range):
        if !seenReasons.insert(reason.value).inserted {
          warn(
            "rules.duplicate-name", "two requirements are named \"\(reason.value)\"", file: file,
            range: reason.range)
        }
        guard let program = compileExpression(range, in: file, environment: environment) else {
          continue
        }
        guard program.resultType.isBoolLike else {
          report(
            "rules.type-mismatch", "a requirement must be a bool, not \(program.resultType)",
            file: file, range: range)
          continue
        }
        steps.append(.require(requirements.count, program))
        requirements.append(
          RuleSet.Requirement(
            reason: reason.value, line: file.position(of: reason.range.start).line))
      case .signal(let name, let weight, let range):
        if !seenSignals.insert(name.value).inserted {
          warn(
            "rules.duplicate-name", "two signals are named \"\(name.value)\"", file: file,
            range: name.range)
        }
        if weight.value < 0 {
          report("rules.bad-weight", "a weight cannot be negative", file: file, range: weight.range)
        }
        guard let program = compileExpression(range, in: file, environment: environment) else {
          continue
        }
        guard program.resultType.isNumberLike else {
          report(
            "rules.type-mismatch", "a signal must be a number in [0, 1], not \(program.resultType)",
            file: file, range: range, help: "e.g. `condition ? 1.0 : 0.0`")
          continue
        }
        steps.append(.signal(signals.count, program))
        signals.append(
          RuleSet.Signal(
            name: name.value, weight: weight.value, line: file.position(of: name.range.start).line))
      }
    }

    let scoreSlot = environment.declareVariable("score", .double)
    var keep: Program?
    if let range = syntax.keep {
      keep = compileExpression(range, in: file, environment: environment)
      if let program = keep, !program.resultType.isBoolLike {
        report(
          "rules.type-mismatch", "`keep` must be a bool, not \(program.resultType)", file: file,
          range: range, help: "e.g. keep score >= 0.5")
      }
    }

    // Warnings: weights, unused lets.
    let total = signals.reduce(0) { $0 + $1.weight }
    if !signals.isEmpty && abs(total - 1) > 1e-9 {
      warn(
        "rules.weights-sum",
        "the signal weights of \(syntax.name.value) add up to \(Self.trim(total)), not 1; scores will not be in [0, 1]",
        file: file, range: syntax.name.range)
    }
    for (name, position) in letNames {
      let later =
        syntax.items.dropFirst(position + 1).map { item -> SourceRange in
          switch item {
          case .letBinding(_, let range), .require(_, let range), .signal(_, _, let range): range
          }
        } + (syntax.keep.map { [$0] } ?? [])
      let used = later.contains { Self.mentions(file.text(in: $0), name.value) }
      if !used {
        warn(
          "rules.unused-let", "`\(name.value)` is never used", file: file, range: name.range,
          help: "remove it, or use it in a require, signal or keep line below it")
      }
    }

    guard diagnostics.filter({ $0.severity == .error }).count == before else { return }
    ruleSets.append(
      RuleSet(
        name: syntax.name.value, description: syntax.description ?? "", requirements: requirements,
        signals: signals, top: syntax.top?.value,
        keepText: syntax.keep.map { file.text(in: $0) }, contentHash: Self.contentHash(file.text),
        file: file.name, line: file.position(of: syntax.range.start).line,
        definition: Self.definitionText(file.text(in: syntax.range)), steps: steps, keep: keep,
        environment: environment, advertiserSlot: advertiserSlot, showSlot: showSlot,
        scoreSlot: scoreSlot))
  }

  /// True when `text` uses `name` as a whole identifier.
  static func mentions(_ text: String, _ name: String) -> Bool {
    var searchStart = text.startIndex
    while let found = text.range(of: name, range: searchStart..<text.endIndex) {
      let before =
        found.lowerBound == text.startIndex ? nil : text[text.index(before: found.lowerBound)]
      let after = found.upperBound == text.endIndex ? nil : text[found.upperBound]
      func isIdentifier(_ character: Character?) -> Bool {
        guard let character else { return false }
        return character.isLetter || character.isNumber || character == "_" || character == "."
      }
      if !isIdentifier(before) && !(after.map { $0.isLetter || $0.isNumber || $0 == "_" } ?? false)
      {
        return true
      }
      searchStart = found.upperBound
    }
    return false
  }

  static func trim(_ value: Double) -> String {
    String(format: "%.4g", value)
  }
}
