import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Rules

@Suite("RuleLoader")
struct RuleLoaderTests {
  func load(_ text: String, name: String = "test.rules") -> (RuleBook?, [Diagnostic]) {
    RuleLoader.analyze([SourceFile(name: name, text: text)])
  }

  @Test("the shipped rule files load without errors and all their tests pass")
  func shippedRules() throws {
    let book = try RuleLoader.load(paths: [PackageRoot.path("rules")])
    #expect(book.flags.flag(named: "ENABLE_MATCHMAKING") != nil)
    #expect(book.ruleSet(named: "default") != nil)
    #expect(!book.tests.isEmpty)
    let results = RuleTestRunner.run(book, now: Date(timeIntervalSince1970: 1_795_000_000))
    for result in results where !result.passed {
      Issue.record("\(result.file):\(result.line) \(result.name): \(result.failures)")
    }
    #expect(book.warnings.isEmpty, "\(book.warnings.map(\.description))")
  }

  @Test(
    "errors point at the exact spot with a stable id",
    arguments: [
      (
        """
        matchmaking m {
          require "audience": 1️⃣show.downlods_30d >= 1000
        }
        """, "check.no-such-field", "downloads_30d"
      ),
      (
        """
        flag F {
          default 1️⃣maybe
        }
        """, "rules.unknown-variant", "its variants are off, on"
      ),
      (
        """
        flag F {
          1️⃣defualt on
        }
        """, "rules.syntax.unknown-statement", "did you mean `default`?"
      ),
      (
        """
        matchmaking m {
          require "x": 1️⃣show.cpm + 1.0
        }
        """, "rules.type-mismatch", "a requirement must be a bool"
      ),
      (
        """
        flag 1️⃣A {
          requires B
        }
        flag B {
          requires A
        }
        """, "rules.prerequisite-cycle", "A → B → A"
      ),
      (
        """
        flag F {
          when 1️⃣acount.tier == "x" => on
        }
        """, "check.undeclared", "account"
      ),
      (
        """
        1️⃣flagg F {
        }
        """, "rules.syntax.unknown-block", "did you mean `flag`?"
      ),
    ])
  func errors(marked: String, id: String, mention: String) throws {
    let source = MarkedSource(marked)
    let (book, diagnostics) = load(source.text)
    #expect(book == nil)
    let diagnostic = try #require(diagnostics.first { $0.severity == .error }, "no error")
    #expect(diagnostic.id == id, "\(diagnostic)")
    #expect(diagnostic.position == source.positions.first, "\(diagnostic)")
    let text =
      diagnostic.message + " " + (diagnostic.help ?? "") + " "
      + diagnostic.notes.map(\.message).joined()
    #expect(text.contains(mention), "\(text)")
  }

  @Test("several errors in one file are all reported")
  func severalErrors() {
    let (_, diagnostics) = load(
      """
      flag A {
        default sometimes
      }
      matchmaking m {
        signal "s" weight 1: show.nope
        require "r": advertiser.nah
      }
      """)
    #expect(diagnostics.filter { $0.severity == .error }.count == 3)
  }

  @Test(
    "likely mistakes are warnings",
    arguments: [
      (
        """
        matchmaking m {
          signal "a" weight 0.5: 1.0
          signal "b" weight 0.4: 1.0
        }
        """, "rules.weights-sum"
      ),
      (
        """
        flag F {
          when true => on
          when env == "x" => off
        }
        """, "rules.unreachable-rule"
      ),
      (
        """
        matchmaking m {
          let unused = 1
          signal "a" weight 1: 1.0
        }
        """, "rules.unused-let"
      ),
      (
        """
        flag F {
          requires NOT_A_FLAG
        }
        """, "rules.unknown-prerequisite"
      ),
    ])
  func warnings(text: String, id: String) {
    let (book, diagnostics) = load(text)
    #expect(book != nil, "\(diagnostics.map(\.description))")
    #expect(diagnostics.map(\.id) == [id], "\(diagnostics.map(\.description))")
  }

  @Test("duplicate flag names are an error naming the first definition")
  func duplicateFlags() throws {
    let (_, diagnostics) = load("flag A {\n}\nflag A {\n}\n")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.id == "rules.duplicate-name")
    #expect(diagnostic.help?.contains("test.rules:1:6") == true, "\(diagnostic)")
  }
}
