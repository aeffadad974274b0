import Diagnostics
import Expressions
import Foundation

extension RuleLoader {
  /// Records a flag's name so prerequisites in any file can find it; reports duplicates.
  mutating func register(_ flag: FlagSyntax, in file: SourceFile) {
    if let (existing, existingFile) = flagSyntax[flag.name.value] {
      let position = existingFile.position(of: existing.name.range.start)
      report(
        "rules.duplicate-name", "flag \(flag.name.value) is defined twice", file: file,
        range: flag.name.range, help: "the first is at \(existingFile.name):\(position)")
      return
    }
    flagSyntax[flag.name.value] = (flag, file)
  }

  /// Compiles a flag's variants, outcomes and conditions.
  mutating func compile(_ syntax: FlagSyntax, in file: SourceFile) {
    guard let registered = flagSyntax[syntax.name.value], registered.0.range == syntax.range else {
      return  // a duplicate, already reported
    }
    let environment = flagEnvironment.environment
    let before = diagnostics.filter { $0.severity == .error }.count

    // Variants: on/off for boolean flags, else as declared.
    var variants: [FeatureFlag.Variant] = []
    let isBoolean = syntax.variants == nil
    if let declared = syntax.variants {
      if declared.isEmpty {
        report(
          "rules.no-variants", "flag \(syntax.name.value) declares an empty `variants` block",
          file: file, range: syntax.name.range)
      }
      for variant in declared {
        if variants.contains(where: { $0.name == variant.name.value }) {
          report(
            "rules.duplicate-name", "variant \(variant.name.value) is declared twice", file: file,
            range: variant.name.range)
          continue
        }
        do {
          let value = try Value(json: variant.json.value)
          variants.append(
            FeatureFlag.Variant(name: variant.name.value, value: value, json: variant.json.value))
        } catch {
          report(
            "rules.bad-variant-value",
            "the value of variant \(variant.name.value) is not valid JSON",
            file: file, range: variant.json.range,
            help:
              "write strings in double quotes: \(variant.name.value) = \"\(variant.json.value)\"")
        }
      }
    } else {
      variants = [
        FeatureFlag.Variant(name: "off", value: .bool(false), json: "false"),
        FeatureFlag.Variant(name: "on", value: .bool(true), json: "true"),
      ]
    }
    let names = variants.map(\.name)

    func variantIndex(_ name: Located<String>) -> Int? {
      if let index = names.firstIndex(of: name.value) { return index }
      report(
        "rules.unknown-variant", "flag \(syntax.name.value) has no variant `\(name.value)`",
        file: file, range: name.range,
        help: NameSuggester.closest(to: name.value, among: names).map { "did you mean `\($0)`?" }
          ?? "its variants are \(names.joined(separator: ", "))")
      return nil
    }

    func outcome(_ syntax: OutcomeSyntax, fallback: Int?) -> FeatureFlag.Outcome? {
      switch syntax {
      case .variant(let name):
        return variantIndex(name).map(FeatureFlag.Outcome.variant)
      case .rollout(let percent, let variant, let unitRange):
        let served: Int?
        if let variant {
          served = variantIndex(variant)
        } else if isBoolean {
          served = 1
        } else {
          report(
            "rules.rollout-variant", "a rollout on a flag with variants needs `of VARIANT`",
            file: file, range: percent.range,
            help: "e.g. rollout 25% of \(names.last ?? "v2") by account.id")
          served = nil
        }
        let unit = compileExpression(unitRange, in: file, environment: environment)
        guard let served, let unit else { return nil }
        let otherwise = isBoolean && variant == nil ? 0 : (fallback ?? 0)
        return .rollout(percent: percent.value, variant: served, otherwise: otherwise, unit: unit)
      case .split(let unitRange, let weights):
        let unit = compileExpression(unitRange, in: file, environment: environment)
        var bounds: [(upper: Int, variant: Int)] = []
        var total = 0.0
        for weight in weights {
          guard let index = variantIndex(weight.variant) else { continue }
          total += weight.percent.value
          bounds.append((Bucketing.basisPoints(percent: total), index))
        }
        if abs(total - 100) > 1e-9 {
          report(
            "rules.split-weights", "the split's weights add up to \(total)%, not 100%", file: file,
            range: syntax.range)
        }
        guard let unit, !bounds.isEmpty else { return nil }
        return .split(unit: unit, bounds: bounds)
      }
    }

    // Default and off variants.
    var defaultOutcome: FeatureFlag.Outcome? = isBoolean ? .variant(0) : nil
    if let declared = syntax.defaultOutcome {
      defaultOutcome = outcome(declared, fallback: isBoolean ? 0 : nil)
    } else if !isBoolean {
      report(
        "rules.no-default", "flag \(syntax.name.value) has variants but no `default`", file: file,
        range: syntax.name.range, help: "add e.g. `default \(names.first ?? "control")`")
    }
    var defaultVariant: Int?
    if case .variant(let index) = defaultOutcome { defaultVariant = index }
    var offVariant = isBoolean ? 0 : (defaultVariant ?? 0)
    if let off = syntax.offVariant, let index = variantIndex(off) { offVariant = index }

    // Schedule.
    func instant(_ text: Located<String>?) -> Date? {
      guard let text else { return nil }
      if let date = ISO8601DateFormatter().date(from: text.value) { return date }
      report(
        "rules.bad-time", "`\(text.value)` is not a UTC time", file: file, range: text.range,
        help: "write ISO 8601 with a zone, e.g. 2026-12-01T00:00:00Z")
      return nil
    }
    let activeFrom = instant(syntax.activeFrom)
    let activeUntil = instant(syntax.activeUntil)
    if let activeFrom, let activeUntil, activeUntil <= activeFrom,
      let range = syntax.activeUntil?.range
    {
      report("rules.bad-schedule", "`until` must be after `from`", file: file, range: range)
    }

    // Prerequisites (existence and cycles are checked once all flags are known).
    var prerequisites: [FeatureFlag.Prerequisite] = []
    for prerequisite in syntax.prerequisites {
      let required = prerequisite.variant?.value ?? "on"
      if let (other, _) = flagSyntax[prerequisite.flag.value] {
        let otherNames = other.variants.map { $0.map(\.name.value) } ?? ["off", "on"]
        if !otherNames.contains(required) {
          report(
            "rules.unknown-variant", "flag \(prerequisite.flag.value) has no variant `\(required)`",
            file: file, range: (prerequisite.variant ?? prerequisite.flag).range,
            help: "its variants are \(otherNames.joined(separator: ", "))")
        }
      } else {
        warn(
          "rules.unknown-prerequisite",
          "flag \(syntax.name.value) requires \(prerequisite.flag.value), which no rule file defines; the requirement always fails",
          file: file, range: prerequisite.flag.range,
          help: NameSuggester.closest(to: prerequisite.flag.value, among: Array(flagSyntax.keys))
            .map { "did you mean `\($0)`?" })
      }
      prerequisites.append(
        FeatureFlag.Prerequisite(flag: prerequisite.flag.value, variant: required))
    }

    // Targeting rules.
    var rules: [FeatureFlag.Rule] = []
    var catchAll: TargetingRuleSyntax?
    for rule in syntax.rules {
      if let catchAll {
        let line = file.position(of: catchAll.range.start).line
        warn(
          "rules.unreachable-rule",
          "this rule can never match: the rule on line \(line) matches everything",
          file: file, range: rule.range)
      }
      let text = file.text(in: rule.condition).trimmingCharacters(in: .whitespaces)
      if text == "true" { catchAll = rule }
      let condition = compileExpression(rule.condition, in: file, environment: environment)
      if let condition, !condition.resultType.isBoolLike {
        report(
          "rules.type-mismatch", "a `when` condition must be a bool, not \(condition.resultType)",
          file: file, range: rule.condition)
      }
      let served = outcome(rule.outcome, fallback: defaultVariant)
      if let condition, let served {
        rules.append(
          FeatureFlag.Rule(
            condition: condition, conditionText: text, outcome: served,
            line: file.position(of: rule.range.start).line))
      }
    }

    let errorsNow = diagnostics.filter { $0.severity == .error }.count
    guard errorsNow == before, let defaultOutcome else { return }
    flags.append(
      FeatureFlag(
        name: syntax.name.value, description: syntax.description ?? "",
        enabled: syntax.enabled?.value ?? true, activeFrom: activeFrom, activeUntil: activeUntil,
        prerequisites: prerequisites, salt: syntax.salt?.value ?? syntax.name.value,
        variants: variants, isBoolean: isBoolean, defaultOutcome: defaultOutcome,
        offVariant: offVariant, rules: rules, file: file.name,
        line: file.position(of: syntax.range.start).line,
        definition: Self.definitionText(file.text(in: syntax.range))))
  }

  /// Reports prerequisite cycles (`A requires B requires A`) as errors.
  mutating func checkPrerequisites() {
    var state: [String: Int] = [:]  // 1 visiting, 2 done
    var reported: Set<String> = []
    func visit(_ name: String, path: [String], loader: inout RuleLoader) {
      guard let (syntax, file) = loader.flagSyntax[name] else { return }
      if state[name] == 2 { return }
      if state[name] == 1 {
        let cycle = (path.drop { $0 != name } + [name]).joined(separator: " → ")
        if !reported.contains(name) {
          reported.insert(name)
          loader.report(
            "rules.prerequisite-cycle", "flag prerequisites form a cycle: \(cycle)", file: file,
            range: syntax.name.range, help: "remove one of the `requires` lines")
        }
        return
      }
      state[name] = 1
      for prerequisite in syntax.prerequisites {
        visit(prerequisite.flag.value, path: path + [name], loader: &loader)
      }
      state[name] = 2
    }
    for name in flagSyntax.keys.sorted() { visit(name, path: [], loader: &self) }
  }
}

extension CELType {
  /// True for `bool` and `dyn` (checked at run time).
  var isBoolLike: Bool {
    switch self {
    case .bool, .dyn: true
    default: false
    }
  }

  /// True for `int`, `uint`, `double` and `dyn`.
  var isNumberLike: Bool {
    switch self {
    case .int, .uint, .double, .dyn: true
    default: false
    }
  }
}
