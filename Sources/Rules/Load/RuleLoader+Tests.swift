import Diagnostics
import Expressions
import Foundation

extension RuleLoader {
  /// Checks a test block's target and inputs and converts its expectations.
  mutating func compile(_ syntax: RuleTestSyntax, in file: SourceFile) {
    let before = diagnostics.filter { $0.severity == .error }.count
    guard let target = syntax.target else {
      report(
        "rules.test-target", "test \"\(syntax.name.value)\" names neither a flag nor a rule set",
        file: file, range: syntax.name.range, help: "add `flag NAME` or `matchmaking NAME`")
      return
    }
    var context: String?
    var overrides = FlagOverrides()
    var advertiser: Value?
    var show: Value?
    for (name, json) in syntax.inputs {
      switch name.value {
      case "context":
        do {
          _ = try flagEnvironment.context(json: json.value, now: Date())
          context = json.value
        } catch {
          self.report("rules.test-input", "\(error)", file: file, range: json.range)
        }
      case "env":
        guard
          let object = try? JSONSerialization.jsonObject(with: Data(json.value.utf8))
            as? [String: String]
        else {
          report(
            "rules.test-input", "`env` takes a JSON object of strings", file: file,
            range: json.range,
            help: "e.g. env {\"CUESHEET_FLAG_ENABLE_MATCHMAKING\": \"on\"}")
          continue
        }
        overrides = FlagOverrides(values: FlagOverrides.extract(object))
      case "advertiser", "show":
        let type = name.value == "show" ? MatchInputs.show : MatchInputs.advertiser
        do {
          let value = try MatchInputs.record(type, json: json.value)
          if name.value == "show" { show = value } else { advertiser = value }
        } catch {
          self.report(
            "rules.test-input", "the \(name.value) is not a valid \(type.name): \(error)",
            file: file,
            range: json.range,
            help: "fields: \(type.fields.map(\.name).joined(separator: ", "))")
        }
      default:
        break
      }
    }

    let resolvedTarget: RuleTest.Target
    switch target {
    case .flag(let name):
      guard let (flag, _) = flagSyntax[name.value] else {
        report(
          "rules.test-target", "there is no flag named \(name.value)", file: file,
          range: name.range,
          help: NameSuggester.closest(to: name.value, among: Array(flagSyntax.keys)).map {
            "did you mean `\($0)`?"
          })
        return
      }
      resolvedTarget = .flag(flag.name.value)
      if context == nil { context = "{}" }
    case .ruleSet(let name):
      guard ruleSets.contains(where: { $0.name == name.value }) else {
        report(
          "rules.test-target", "there is no matchmaking rule set named \(name.value)", file: file,
          range: name.range,
          help: NameSuggester.closest(to: name.value, among: ruleSets.map(\.name)).map {
            "did you mean `\($0)`?"
          })
        return
      }
      resolvedTarget = .ruleSet(name.value)
      if advertiser == nil || show == nil {
        report(
          "rules.test-input", "a matchmaking test needs both `advertiser {…}` and `show {…}`",
          file: file, range: syntax.name.range)
      }
    }

    var expectations: [RuleTest.Expectation] = []
    for expectation in syntax.expectations {
      switch expectation {
      case .flag(let valueText, let variant, let reason):
        var value: Value?
        if let text = valueText {
          switch text.value {
          case "on": value = .bool(true)
          case "off": value = .bool(false)
          default:
            value = try? Value(json: text.value)
            if value == nil {
              report(
                "rules.test-expectation", "`\(text.value)` is not on, off or a JSON value",
                file: file, range: text.range, help: "write strings in quotes: \"\(text.value)\"")
            }
          }
        }
        var parsedReason: FlagReason?
        if let reason {
          parsedReason = FlagReason(rawValue: reason.value.uppercased())
          if parsedReason == nil {
            report(
              "rules.test-expectation", "`\(reason.value)` is not a flag reason", file: file,
              range: reason.range,
              help: "reasons: \(FlagReason.allCases.map(\.rawValue).joined(separator: ", "))")
          }
        }
        expectations.append(
          .flag(
            value: value, valueText: valueText?.value, variant: variant?.value, reason: parsedReason
          ))
      case .score(let score, let tolerance):
        expectations.append(.score(score.value, tolerance: tolerance))
      case .signal(let name, let value, let tolerance):
        expectations.append(.signal(name.value, value.value, tolerance: tolerance))
      case .rejected(let reason):
        expectations.append(.rejected(reason.value))
      case .kept(let kept):
        expectations.append(.kept(kept.value))
      }
    }
    if expectations.isEmpty {
      report(
        "rules.test-expectation", "test \"\(syntax.name.value)\" expects nothing", file: file,
        range: syntax.name.range, help: "add an `expect …` line")
    }
    guard diagnostics.filter({ $0.severity == .error }).count == before else { return }
    tests.append(
      RuleTest(
        name: syntax.name.value, file: file.name, line: file.position(of: syntax.range.start).line,
        target: resolvedTarget, context: context, overrides: overrides, advertiser: advertiser,
        show: show, expectations: expectations))
  }
}
