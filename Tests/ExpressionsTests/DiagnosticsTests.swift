import CuesheetTesting
import Diagnostics
import Testing

@testable import Expressions

/// Compile errors: stable ids, carets at the marked position, and helpful hints.
struct CompileDiagnosticsTests {
  static let show = RecordType(
    "Show",
    fields: [
      ("name", .string), ("categories", .list(.string)), ("downloads_30d", .int), ("cpm", .double),
      ("explicit", .bool), ("description", .string),
    ])

  static var environment: Environment {
    var env = Environment()
    env.declareRecord(show)
    env.declareVariable("show", .record(show))
    env.declareVariable("flags", .map(.string, .dyn))
    return env
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let source: String
    let id: String
    let help: String?
    var testDescription: String { source }
  }

  static let cases: [Case] = [
    Case(
      source: "1️⃣show.downlods_30d > 10", id: "check.no-such-field",
      help: "did you mean `downloads_30d`?"),
    Case(
      source: "show.cpm > 20 && 1️⃣shw.explicit", id: "check.undeclared", help: "did you mean `show`?"
    ),
    Case(
      source: "1️⃣show.downloads_30d + 0.5", id: "check.no-matching-overload",
      help: "convert one side, e.g. double(show.downloads_30d) + 0.5"),
    Case(source: "1️⃣\"\"\"abc", id: "syntax.unterminated-string", help: nil),
    Case(source: "1 + 1️⃣'abc", id: "syntax.unterminated-string", help: nil),
    Case(
      source: "show.name.1️⃣lowerAsci()", id: "check.unknown-function",
      help: "did you mean `lowerAscii`?"),
    Case(source: "1️⃣size(1, 2)", id: "check.wrong-argument-count", help: nil),
    Case(source: "(1 + 2 1️⃣3)", id: "syntax.expected-token", help: nil),
    Case(source: "1 + 1️⃣99999999999999999999", id: "syntax.number-out-of-range", help: nil),
    Case(
      source: "1️⃣show.explicit ? 1 : 'a' == 2 && 1️⃣show.name", id: "check.type-mismatch", help: nil),
    Case(source: "'a1️⃣\\q'", id: "syntax.bad-escape", help: nil),
    Case(source: "[1, 2].all(x, 1️⃣x)", id: "check.type-mismatch", help: nil),
  ]

  @Test(arguments: cases)
  func diagnosticPointsAtMarker(_ testCase: Case) throws {
    let marked = MarkedSource(testCase.source)
    let result = Expression.analyze(marked.text, in: Self.environment)
    #expect(result.program == nil)
    let diagnostic = try #require(
      result.diagnostics.first { $0.id == testCase.id }, "\(result.diagnostics)")
    let range = try #require(diagnostic.range)
    #expect(range.start == marked["1️⃣"], "\(DiagnosticRenderer.render(diagnostic))")
    if let help = testCase.help { #expect(diagnostic.help == help) }
  }

  @Test func severalErrorsAreAllReported() {
    let result = Expression.analyze("show.nme == 'x' && show.cpn > 2 && nope", in: Self.environment)
    #expect(
      result.diagnostics.map(\.id) == [
        "check.no-such-field", "check.no-such-field", "check.undeclared",
      ])
  }

  @Test func diagnosticsAreCapped() {
    let text = (0..<100).map { "x\($0)" }.joined(separator: " + ")
    let result = Expression.analyze(text, in: Self.environment)
    #expect(result.diagnostics.count == 21)
    #expect(result.diagnostics.last?.id == "diagnostics.truncated")
  }

  @Test func embeddedExpressionReportsFileLineAndColumn() throws {
    let file = SourceFile(
      name: "rules/match.rules",
      text: "rule tech {\n  when: show.cpm > 20 && show.downlods > 3\n}\n")
    let start = try #require(file.offset(line: 2, column: 9))
    let end = try #require(file.offset(line: 2, column: 43))
    let result = Expression.analyze(
      file, range: SourceRange(start: start, end: end), in: Self.environment)
    let diagnostic = try #require(result.diagnostics.first)
    #expect(diagnostic.position == SourcePosition(line: 2, column: 26))
    #expect(
      DiagnosticRenderer.render(diagnostic) == """
        error[check.no-such-field]: rules/match.rules:2:26: no field `downlods` on Show
           2 |   when: show.cpm > 20 && show.downlods > 3
             |                          ^~~~~~~~~~~~~
           = help: fields of Show: name, categories, downloads_30d, cpm, explicit, description
        """)
  }
}
