import Expressions
import Foundation
import Rules

/// One pair's evaluation, step by step.
public struct PairExplanation: Encodable, Sendable {
  public struct Requirement: Encodable, Sendable {
    public let reason: String
    public let line: Int
    public let passed: Bool?
  }
  public struct SignalRow: Encodable, Sendable {
    public let name: String
    public let weight: Double
    public let value: Double?
    public let contribution: Double?
  }

  public let ruleSet: String
  public let outcome: String
  public let score: Double?
  public let requirements: [Requirement]
  public let signals: [SignalRow]
  public let keep: String?

  /// Evaluates the pair with the rule set, recording each requirement and signal.
  public init(ruleSet: RuleSet, advertiser: Value, show: Value) {
    var activation = ruleSet.makeActivation()
    ruleSet.bind(advertiser: advertiser, show: show, in: &activation)
    var values: [Double] = []
    let result = ruleSet.evaluate(&activation, signalValues: &values)
    self.ruleSet = ruleSet.name
    outcome = RuleTestRunner.describe(result, ruleSet)
    score = result.score
    let rejected: Int?
    if case .rejected(let index) = result { rejected = index } else { rejected = nil }
    let evaluatedAll = result.score != nil
    requirements = ruleSet.requirements.enumerated().map { index, requirement in
      let passed: Bool? =
        if let rejected { index < rejected ? true : (index == rejected ? false : nil) } else {
          evaluatedAll ? true : nil
        }
      return Requirement(reason: requirement.reason, line: requirement.line, passed: passed)
    }
    signals = ruleSet.signals.enumerated().map { index, signal in
      let value = evaluatedAll ? values[index] : nil
      return SignalRow(
        name: signal.name, weight: signal.weight, value: value,
        contribution: value.map { $0 * signal.weight })
    }
    keep = ruleSet.keepText
  }

  /// The explanation as `cuesheet rules explain` prints it.
  public var text: String {
    var lines = ["rule set \(ruleSet)"]
    for requirement in requirements {
      let mark = requirement.passed.map { $0 ? "✓" : "✗" } ?? "·"
      lines.append("  \(mark) require \"\(requirement.reason)\" (line \(requirement.line))")
    }
    for signal in signals {
      let value = signal.value.map { String(format: "%.4f", $0) } ?? "—"
      let contribution = signal.contribution.map { String(format: "%.4f", $0) } ?? "—"
      lines.append("    signal \"\(signal.name)\" = \(value) × \(signal.weight) = \(contribution)")
    }
    if let score {
      lines.append("  score \(String(format: "%.4f", score))\(keep.map { " (keep \($0))" } ?? "")")
    }
    lines.append("  → \(outcome)")
    return lines.joined(separator: "\n")
  }
}
