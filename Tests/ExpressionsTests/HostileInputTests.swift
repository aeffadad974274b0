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

  // MARK: - String and list work is charged by the size it produces

  /// `'aaaa'` doubled 21 times by nested `replace` (8 MB; about 500 bytes of source): the work
  /// is exponential in the nesting, so a 10 KB expression of this shape would run for minutes.
  static let doublingReplace =
    String(repeating: "(", count: 21) + "'aaaa'"
    + String(repeating: ".replace('a', 'aa'))", count: 21)

  @Test func nestedReplaceDoublingHitsCostLimit() throws {
    #expect {
      _ = try Expression.evaluate(Self.doublingReplace)
    } throws: { error in
      (error as? EvaluationError)?.kind == .costLimit
    }
  }

  @Test(
    "functions that build big strings and lists hit the cost limit",
    arguments: [
      "s + s + s + s + s + s + s + s + s + s",
      "[s, s, s, s, s, s, s, s, s, s].join(',')",
      "s.split('')",
      "size(l + l + l + l) > 0",
      "[s].map(x, x + x + x + x + x + x + x + x + x + x).size()",
      "'%s%s%s%s%s%s%s%s%s%s'.format([s, s, s, s, s, s, s, s, s, s])",
      "s.replace('a', s.substring(0, 1000), 10000)",
    ])
  func sizeChargedFunctions(_ text: String) throws {
    var env = Environment()
    env.declareVariable("s", .string)
    env.declareVariable("l", .list(.int))
    let program = try Expression.compile(text, in: env)
    var activation = env.makeActivation()
    activation[env.slot(of: "s")!] = .string(String(repeating: "a", count: 1_000_000))
    activation[env.slot(of: "l")!] = .list(Array(repeating: .int(1), count: 300_000))
    #expect {
      _ = try program.evaluate(activation)
    } throws: { error in
      (error as? EvaluationError)?.kind == .costLimit
    }
  }

  @Test(
    "ordinary string and list work stays well within the budget",
    arguments: [
      ("'podcast'.replace('o', '0') + '!'", #""p0dcast!""#),
      ("['a', 'b', 'c'].join('-').split('-').size()", "3"),
      ("size(s + s) == 2000", "true"),
      ("s.replace('a', 'bb').size()", "2000"),
      ("l.map(x, x + 1).size() + (l + l).size()", "3000"),
    ])
  func ordinaryWorkFits(_ text: String, _ expected: String) throws {
    var env = Environment()
    env.declareVariable("s", .string)
    env.declareVariable("l", .list(.int))
    let program = try Expression.compile(text, in: env)
    var activation = env.makeActivation()
    activation[env.slot(of: "s")!] = .string(String(repeating: "a", count: 1_000))
    activation[env.slot(of: "l")!] = .list(Array(repeating: .int(1), count: 1_000))
    #expect(Format.literal(try program.evaluate(activation)) == expected)
  }
}
