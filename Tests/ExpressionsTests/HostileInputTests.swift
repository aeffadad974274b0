import Diagnostics
import Testing

@testable import Expressions

/// Hostile input ends in a clear error, never a crash or a hang.
struct HostileInputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let id: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "100,000 open parentheses", source: String(repeating: "(", count: 100_000),
      id: "syntax.too-deep"),
    Case(
      name: "deep balanced parentheses",
      source: String(repeating: "(", count: 5_000) + "1" + String(repeating: ")", count: 5_000),
      id: "syntax.too-deep"),
    Case(name: "deep lists", source: String(repeating: "[", count: 50_000), id: "syntax.too-deep"),
    Case(name: "deep maps", source: String(repeating: "{1:", count: 20_000), id: "syntax.too-deep"),
    Case(
      name: "long operator chain",
      source: Array(repeating: "1", count: 20_000).joined(separator: " + "), id: "syntax.too-deep"),
    Case(
      name: "many negations", source: String(repeating: "!", count: 50_000) + "true",
      id: "syntax.too-deep"),
    Case(
      name: "long member chain", source: "a" + String(repeating: ".b", count: 20_000),
      id: "syntax.too-deep"),
    Case(
      name: "huge literal", source: String(repeating: "9", count: 5_000),
      id: "syntax.number-out-of-range"),
    Case(
      name: "source too long", source: "'" + String(repeating: "a", count: 200_000) + "'",
      id: "syntax.too-long"),
  ]

  @Test(arguments: cases)
  func rejectedWithClearError(_ testCase: Case) {
    let result = Expression.analyze(testCase.source, in: Environment())
    #expect(result.program == nil)
    #expect(
      result.diagnostics.contains { $0.id == testCase.id },
      "\(result.diagnostics.prefix(3).map(\.description))")
  }

  @Test func longAndChainStaysShallow() throws {
    let text = Array(repeating: "true", count: 5_000).joined(separator: " && ")
    let value = try Expression.evaluate(text)
    #expect(Operators.equals(value, .bool(true)))
  }

  @Test func longStringIsFine() throws {
    let value = try Expression.evaluate("size('" + String(repeating: "a", count: 50_000) + "')")
    #expect(Operators.equals(value, .int(50_000)))
  }

  @Test func bigComprehensionHitsCostLimit() throws {
    var env = Environment()
    env.options.costLimit = 10_000
    env.declareVariable("xs", .list(.int))
    let program = try Expression.compile("xs.map(x, xs.map(y, x * y)).size() > 0", in: env)
    var activation = env.makeActivation()
    activation[env.slot(of: "xs")!] = .list((0..<1_000).map { .int(Int64($0)) })
    #expect {
      _ = try program.evaluate(activation)
    } throws: { error in
      (error as? EvaluationError)?.kind == .costLimit
    }
  }

  @Test func nestedComprehensionsWithinBudgetSucceed() throws {
    let value = try Expression.evaluate("[1, 2, 3].all(x, [4, 5].exists(y, y > x))")
    #expect(Operators.equals(value, .bool(true)))
  }
}
