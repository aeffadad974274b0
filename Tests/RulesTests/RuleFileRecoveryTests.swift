import CuesheetTesting
import Diagnostics
import Testing

@testable import Rules

/// One mistake, one error (issue #14): the error is at the place of the mistake and the rest of the
/// file is read as what it is, not as a run of follow-on errors.
@Suite("Rule file recovery")
struct RuleFileRecoveryTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let source: String
    let id: String?
    let help: String?
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "missing } before the next flag",
      source: """
        flag A {
          description "first"
          default on1️⃣

        # the next one
        flag B {
          default off
        }

        flag C {
          default on
        }
        """, id: "rules.syntax.unclosed-block", help: "add `}` on its own line before `flag`"),
    Case(
      name: "missing } before a rule set",
      source: """
        flag A {
          default on
          when env == "x" => off1️⃣
        matchmaking m {
          require "r": show.cpm > 1.0
          signal "s" weight 1.0: 1.0
        }
        """, id: "rules.syntax.unclosed-block", help: nil),
    Case(
      name: "stray quote in a description",
      source: """
        flag A {
          description "Allows things1️⃣
          default on
        }

        flag B {
          default off
        }
        """, id: "rules.syntax.unterminated-string", help: nil),
    Case(
      name: "unclosed bracket in a condition",
      source: """
        flag A {
          when math.least(1, 2 == 1 => on
          default off
        }

        flag B {
          default off
        }
        """, id: nil, help: nil),
    Case(
      name: "= for ==",
      source: """
        flag A {
          default off
          when env 1️⃣= "staging" => on
        }
        """, id: nil, help: "to compare, write `==` instead of `=`"),
  ]

  @Test(arguments: cases)
  func oneMistakeOneError(_ item: Case) throws {
    let marked = MarkedSource(item.source)
    let (book, diagnostics) = RuleLoader.analyze([SourceFile(name: "t.rules", text: marked.text)])
    #expect(book == nil)
    let errors = diagnostics.filter { $0.severity == .error }
    #expect(errors.count == 1, "\(errors.map(\.description))")
    let error = try #require(errors.first)
    if let id = item.id { #expect(error.id == id) }
    if let help = item.help { #expect(error.help == help, "\(error.description)") }
    if let expected = marked.positions.first {
      #expect(error.position == expected, "\(DiagnosticRenderer.render(error))")
    }
  }

  /// Found by the rules fuzz target (docs/fuzzing.md): an error at the end of the file had a
  /// range ending one byte past the end of the file.
  @Test(
    "an error at the end of the file has a range inside the file",
    arguments: ["flag F { default on when => }", "flag F {", "flag F {\n  default on\n"])
  func errorAtEndOfFile(_ source: String) throws {
    let (_, diagnostics) = RuleLoader.analyze([SourceFile(name: "end.rules", text: source)])
    #expect(diagnostics.contains { $0.severity == .error })
    for diagnostic in diagnostics {
      let range = try #require(diagnostic.range)
      #expect(range.start <= range.end && range.end <= source.utf8.count, "\(diagnostic)")
    }
  }

  @Test("after a missing } the next blocks are still read")
  func laterBlocksSurvive() throws {
    let (syntax, diagnostics) = RuleFileParser.parse(
      SourceFile(
        name: "t.rules",
        text: "flag A {\n  default on\nflag B {\n  default off\n}\nflag C {\n  default on\n}\n"))
    #expect(diagnostics.count == 1)
    #expect(syntax.flags.map(\.name.value) == ["A", "B", "C"])
  }

  @Test("a bracket may still continue an expression onto the next line")
  func multiLineExpressionsStillWork() throws {
    let (book, diagnostics) = RuleLoader.analyze([
      SourceFile(
        name: "t.rules",
        text: """
          flag A {
            default off
            when env in [
              "staging",
              "development"
            ] => on
          }
          """)
    ])
    #expect(book != nil, "\(diagnostics.map(\.description))")
  }
}
