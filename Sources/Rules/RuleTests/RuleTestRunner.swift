import Expressions
import Foundation

/// The result of one rule test.
public struct RuleTestResult: Sendable, Codable {
  public let name: String
  public let file: String
  public let line: Int
  /// One line per failed expectation: `expected …, got …`.
  public let failures: [String]
  public var passed: Bool { failures.isEmpty }
}

/// Runs the tests of a ``RuleBook``.
public enum RuleTestRunner {
  /// Runs every test, in file order. `now` fixes the time flag schedules see.
  public static func run(_ book: RuleBook, now: Date = Date()) -> [RuleTestResult] {
    book.tests.map { run($0, in: book, now: now) }
  }

  static func run(_ test: RuleTest, in book: RuleBook, now: Date) -> RuleTestResult {
    var failures: [String] = []
    switch test.target {
    case .flag(let name):
      do {
        let context = try book.flags.context(json: test.context ?? "{}", now: now)
        let result = book.flags.evaluate(name, in: context, overrides: test.overrides)
        for expectation in test.expectations {
          guard case .flag(let value, let valueText, let variant, let reason) = expectation else {
            failures.append("a flag test can only expect a value, a variant and a reason")
            continue
          }
          if let value, !Equality.equal(value, result.value) {
            failures.append(
              "expected value \(valueText ?? Format.literal(value)), got \(Format.literal(result.value)) (variant \(result.variant), \(result.reason.rawValue))"
            )
          }
          if let variant, variant != result.variant {
            failures.append("expected variant \(variant), got \(result.variant)")
          }
          if let reason, reason != result.reason {
            let detail = result.message.map { ": \($0)" } ?? ""
            failures.append(
              "expected reason \(reason.rawValue), got \(result.reason.rawValue)\(detail)")
          }
        }
      } catch {
        failures.append("the context could not be bound: \(error)")
      }
    case .ruleSet(let name):
      guard let ruleSet = book.ruleSet(named: name) else {
        return RuleTestResult(
          name: test.name, file: test.file, line: test.line, failures: ["no rule set \(name)"])
      }
      var activation = ruleSet.makeActivation()
      ruleSet.bind(advertiser: test.advertiser, show: test.show, in: &activation)
      var signals: [Double] = []
      let outcome = ruleSet.evaluate(&activation, signalValues: &signals)
      let described = describe(outcome, ruleSet)
      for expectation in test.expectations {
        switch expectation {
        case .score(let expected, let tolerance):
          if let score = outcome.score {
            if abs(score - expected) > tolerance {
              failures.append("expected score \(expected), got \(score)")
            }
          } else {
            failures.append("expected score \(expected), got \(described)")
          }
        case .signal(let signalName, let expected, let tolerance):
          guard let index = ruleSet.signals.firstIndex(where: { $0.name == signalName }) else {
            failures.append("rule set \(name) has no signal \"\(signalName)\"")
            continue
          }
          if outcome.score == nil {
            failures.append("expected signal \"\(signalName)\" \(expected), got \(described)")
          } else if abs(signals[index] - expected) > tolerance {
            failures.append("expected signal \"\(signalName)\" \(expected), got \(signals[index])")
          }
        case .rejected(let reason):
          if case .rejected(let index) = outcome, ruleSet.requirements[index].reason == reason {
            continue
          }
          failures.append("expected rejected by \"\(reason)\", got \(described)")
        case .kept(let kept):
          switch (kept, outcome) {
          case (true, .kept), (false, .dropped): continue
          default: failures.append("expected \(kept ? "kept" : "dropped"), got \(described)")
          }
        case .flag:
          failures.append("a matchmaking test cannot expect a flag value")
        }
      }
    }
    return RuleTestResult(name: test.name, file: test.file, line: test.line, failures: failures)
  }

  /// A pair outcome in words: `kept with score 0.85`, `rejected by "brand safety"`.
  public static func describe(_ outcome: PairOutcome, _ ruleSet: RuleSet) -> String {
    switch outcome {
    case .kept(let score): "kept with score \(score)"
    case .dropped(let score): "dropped with score \(score) (keep \(ruleSet.keepText ?? "—"))"
    case .rejected(let index): "rejected by \"\(ruleSet.requirements[index].reason)\""
    case .error(let message): "an evaluation error: \(message)"
    }
  }
}

/// Value equality for test expectations.
enum Equality {
  static func equal(_ a: Value, _ b: Value) -> Bool { Format.literal(a) == Format.literal(b) }
}
