import CuesheetTesting
import Diagnostics
import Testing

@testable import Expressions

/// Did-you-mean for undeclared variables and unknown functions, one error per mistake (issue #14).
struct SuggestTests {
  static var environment: Environment {
    var env = Environment()
    env.declareVariable("env", .string)
    env.declareVariable("account", .map(.string, .dyn))
    env.declareVariable("items", .list(.int))
    return env
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let id: String
    let help: String
    var testDescription: String { source }
  }

  static let cases: [Case] = [
    Case(
      source: "1️⃣enviroment == 'production'", id: "check.undeclared", help: "did you mean `env`?"),
    Case(source: "1️⃣acount.id == 'x'", id: "check.undeclared", help: "did you mean `account`?"),
    Case(
      source: "math.1️⃣lest(1, 2) > 0", id: "check.unknown-function",
      help: "did you mean `math.least`?"),
    Case(
      source: "size(items.1️⃣filtr(x, x > 1)) > 0", id: "check.unknown-function",
      help: "did you mean `filter`?"),
    Case(
      source: "items.1️⃣exist(i, i > 2)", id: "check.unknown-function", help: "did you mean `exists`?"
    ),
  ]

  @Test(arguments: cases)
  func oneErrorWithASuggestion(_ testCase: Case) throws {
    let marked = MarkedSource(testCase.source)
    let result = Expression.analyze(marked.text, in: Self.environment)
    #expect(result.program == nil)
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    let diagnostic = try #require(errors.first)
    #expect(diagnostic.id == testCase.id)
    #expect(diagnostic.help == testCase.help)
    #expect(diagnostic.range?.start == marked["1️⃣"], "\(DiagnosticRenderer.render(diagnostic))")
  }

  @Test func abbreviationNeedsThreeCharacters() {
    #expect(Suggest.abbreviation("enviroment", ["env", "now"]) == "env")
    #expect(Suggest.abbreviation("ab", ["abc"]) == nil)
    #expect(Suggest.abbreviation("xyz", ["abc"]) == nil)
    #expect(Suggest.didYouMean("nope", ["env", "account"]) == nil)
  }

  @Test func correctNamespacedCallsStillCompile() throws {
    let result = Expression.analyze(
      "math.least(1, 2) == 1 && items.filter(x, x > 1).size() >= 0", in: Self.environment)
    #expect(result.program != nil, "\(result.diagnostics.map(\.description))")
  }
}
