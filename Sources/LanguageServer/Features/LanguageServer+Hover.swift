import Diagnostics
import Expressions
import Foundation
import Rules

extension LanguageServer {
  /// Hover: a flag's description and evaluation order; a rule set's summary; inside an
  /// expression, a field's type and documentation, a function's signature, a `let`'s type, or
  /// the type of the name or whole expression under the cursor.
  func hover(_ document: TextDocument, at offset: Int) -> JSON {
    let (index, file) = index(for: document)
    guard let (markdown, range) = hoverText(at: offset, index: index, file: file) else {
      return .null
    }
    return [
      "contents": ["kind": "markdown", "value": .string(markdown)],
      "range": document.range(start: range.start, end: range.end).json,
    ]
  }

  func hoverText(at offset: Int, index: RuleIndex, file: RuleIndex.File) -> (
    String, SourceRange
  )? {
    let bytes = file.source.utf8
    if let site = index.expression(at: offset, in: file),
      let word = ExpressionText.identifier(at: offset, in: bytes)
    {
      return expressionHover(word, site: site, file: file).map { ($0, word.range) }
    }
    switch target(at: offset, in: index, file: file) {
    case .flag(let name):
      guard let flag = index.flag(named: name) else { return nil }
      let range =
        ExpressionText.identifier(at: offset, in: bytes)?.range
        ?? SourceRange(start: offset, end: offset)
      return (Self.flagSummary(flag.syntax, file: flag.file), range)
    case .ruleSet(let name):
      guard let ruleSet = index.ruleSet(named: name) else { return nil }
      let syntax = ruleSet.syntax
      var counts = (lets: 0, requires: 0, signals: 0)
      for item in syntax.items {
        switch item {
        case .letBinding: counts.lets += 1
        case .require: counts.requires += 1
        case .signal: counts.signals += 1
        }
      }
      var text = "**matchmaking \(name)**"
      if let description = syntax.description { text += "\n\n\(description)" }
      text +=
        "\n\n\(counts.requires) requirements, \(counts.signals) signals, \(counts.lets) lets"
      if let keep = syntax.keep { text += "; keep `\(ruleSet.file.text(in: keep))`" }
      if let top = syntax.top { text += "; top \(top.value) per advertiser" }
      let range =
        ExpressionText.identifier(at: offset, in: bytes)?.range
        ?? SourceRange(start: offset, end: offset)
      return (text, range)
    case .letName(let name, let ruleSet, _):
      let range =
        ExpressionText.identifier(at: offset, in: bytes)?.range
        ?? SourceRange(start: offset, end: offset)
      guard let type = letTypes(ruleSet, in: file.source)[name] else { return nil }
      return ("```\nlet \(name): \(type)\n```", range)
    case nil:
      return nil
    }
  }

  /// A flag's description and its evaluation order, as `flags explain` walks it.
  static func flagSummary(_ flag: FlagSyntax, file: SourceFile) -> String {
    var text = "**flag \(flag.name.value)**"
    if let description = flag.description { text += "\n\n\(description)" }
    var steps: [String] = []
    if let enabled = flag.enabled {
      steps.append(
        "enabled \(enabled.value)\(enabled.value ? "" : " (killed: serves the off variant)")")
    } else {
      steps.append("enabled")
    }
    if flag.activeFrom != nil || flag.activeUntil != nil {
      steps.append(
        "active \(flag.activeFrom.map { "from \($0.value) " } ?? "")\(flag.activeUntil.map { "until \($0.value)" } ?? "")"
          .trimmingCharacters(in: .whitespaces))
    }
    for prerequisite in flag.prerequisites {
      steps.append(
        "requires \(prerequisite.flag.value)\(prerequisite.variant.map { " is \($0.value)" } ?? "")"
      )
    }
    if !flag.rules.isEmpty {
      steps.append(
        "\(flag.rules.count) `when` rule\(flag.rules.count == 1 ? "" : "s"), first match wins")
    }
    switch flag.defaultOutcome {
    case .variant(let name): steps.append("default \(name.value)")
    case .rollout(let percent, _, _): steps.append("default rollout \(percent.value)%")
    case .split: steps.append("default split")
    case nil: steps.append("no default")
    }
    let variants = flag.variants.map { $0.map(\.name.value).joined(separator: ", ") } ?? "on, off"
    text += "\n\nVariants: \(variants)"
    if let off = flag.offVariant { text += " (off: \(off.value))" }
    text += "\n\nEvaluation order: " + steps.joined(separator: " → ")
    return text
  }

  /// The hover of a name inside an expression.
  func expressionHover(
    _ word: ExpressionText.Identifier, site: RuleIndex.ExpressionSite, file: RuleIndex.File
  ) -> String? {
    let parts = word.path.split(separator: ".").map(String.init)
    // A function or macro call: its signature and documentation.
    if word.isCall {
      let name =
        word.isMember && parts.count == 2 && ["math", "base64", "strings"].contains(parts[0])
        ? word.path : word.name
      if let entry = ExpressionCatalog.entry(
        named: name, member: word.isMember && name == word.name)
      {
        return "```\n\(entry.signature)\n```\n\(entry.doc)"
      }
    }
    // A record field: its type and where it comes from.
    if parts.count == 2,
      let record = ["advertiser": MatchInputs.advertiser, "show": MatchInputs.show][parts[0]],
      case .ruleSet = site.owner, let field = record.fields.first(where: { $0.name == parts[1] })
    {
      let doc = MatchInputs.fieldDocs["\(parts[0]).\(parts[1])"].map { "\n\($0)" } ?? ""
      return "```\n\(parts[0]).\(field.name): \(field.type)\n```\(doc)"
    }
    // A name or selection: its checked type in the expression's environment.
    let environment = self.environment(for: site, in: file.source)
    let path = word.path
    let result = Expression.analyze(path, in: environment)
    if let type = result.type {
      var text = "```\n\(path): \(type)\n```"
      if case .ruleSet(let ruleSet, let item) = site.owner, !word.isMember,
        let binding = RuleIndex.lets(of: ruleSet, before: item).first(where: {
          $0.name.value == word.name
        })
      {
        text += "\nlet \(word.name) = `\(file.source.text(in: binding.expression))`"
      }
      return text
    }
    // Anything else (a macro variable, a partial name): the type of the whole expression.
    let whole = Expression.analyze(file.source, range: site.range, in: environment)
    return whole.type.map { "```\nexpression: \($0)\n```" }
  }

  /// The environment an expression is checked in: the flag variables, or the rule set's inputs
  /// with the `let`s above it (typed) and, for `keep`, `score`.
  func environment(for site: RuleIndex.ExpressionSite, in source: SourceFile) -> Environment {
    switch site.owner {
    case .flag:
      return RuleEnvironments.flags
    case .ruleSet(let ruleSet, let item):
      var environment = RuleEnvironments.matchmaking
      let types = letTypes(ruleSet, in: source, before: item)
      for binding in RuleIndex.lets(of: ruleSet, before: item)
      where environment.slot(of: binding.name.value) == nil {
        _ = environment.declareVariable(binding.name.value, types[binding.name.value] ?? .dyn)
      }
      if item == nil, environment.slot(of: "score") == nil {
        _ = environment.declareVariable("score", .double)
      }
      return environment
    }
  }

  /// The checked type of each `let` of a rule set (above `item`; all for nil), as the loader types
  /// them: each in the environment of those above it; `dyn` when it does not check.
  func letTypes(_ ruleSet: RuleSetSyntax, in source: SourceFile, before item: Int? = nil)
    -> [String: CELType]
  {
    var environment = RuleEnvironments.matchmaking
    var types: [String: CELType] = [:]
    for binding in RuleIndex.lets(of: ruleSet, before: item)
    where environment.slot(of: binding.name.value) == nil {
      let type = Expression.analyze(source, range: binding.expression, in: environment).type ?? .dyn
      types[binding.name.value] = type
      _ = environment.declareVariable(binding.name.value, type)
    }
    return types
  }
}
