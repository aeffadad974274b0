import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Rules

@Suite("rule formatter: canonical layout, comments kept, meaning kept")
struct RuleFormatterTests {
  // MARK: - Corpus

  /// Every shipped rule file: `rules/` and `samples/rules-proposed/`.
  static var shippedFiles: [String] {
    ["rules", "samples/rules-proposed"].flatMap { folder in
      let directory = PackageRoot.path(folder)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
      return names.filter { $0.hasSuffix(".rules") || $0.hasSuffix(".test") }.sorted()
        .map { folder + "/" + $0 }
    }
  }

  /// The rule-file fixtures kept as files under `Tests/` (e.g. `Tests/Fixtures/Flags/`), found by
  /// walking the folder.
  static var fixtureFiles: [String] {
    let tests = PackageRoot.path("Tests")
    let walker = FileManager.default.enumerator(atPath: tests)
    var found: [String] = []
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".rules") || path.hasSuffix(".test") { found.append("Tests/" + path) }
    }
    return found.sorted()
  }

  /// The rule-file fixtures written inline in the rule tests (`"""` literals that hold a `flag`,
  /// `matchmaking` or `test` block and no interpolation), found by reading the test sources, so
  /// a new fixture is covered without listing it here.
  static var inlineFixtures: [(name: String, text: String)] {
    let directory = PackageRoot.path("Tests/RulesTests")
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter {
      $0.hasSuffix(".swift") && $0 != "RuleFormatterTests.swift"
    }.sorted()
    var fixtures: [(String, String)] = []
    for name in names {
      guard let source = try? String(contentsOfFile: directory + "/" + name, encoding: .utf8)
      else { continue }
      let lines = source.components(separatedBy: "\n")
      var index = 0
      while index < lines.count {
        guard lines[index].hasSuffix("\"\"\""), !lines[index].hasSuffix("#\"\"\"") else {
          index += 1
          continue
        }
        let start = index + 1
        var end = start
        while end < lines.count,
          lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("\"\"\"") == false
        {
          end += 1
        }
        guard end < lines.count else { break }
        let indent = lines[end].prefix { $0 == " " }.count
        let body = lines[start..<end].map {
          String($0.dropFirst(min(indent, $0.prefix { $0 == " " }.count)))
        }
        let text = body.joined(separator: "\n") + "\n"
        let isRuleFile = body.contains {
          $0.hasPrefix("flag ") || $0.hasPrefix("matchmaking ") || $0.hasPrefix("test \"")
        }
        if isRuleFile && !text.contains("\\(") {
          fixtures.append(("\(name):\(start)", text))
        }
        index = end + 1
      }
    }
    return fixtures
  }

  @Test("the corpus is not empty: shipped files and inline fixtures are found")
  func corpusFound() {
    #expect(Self.shippedFiles.count >= 6)
    #expect(Self.inlineFixtures.count >= 20)
  }

  @Test("every shipped rule file formats, is already formatted, and keeps its meaning")
  func shippedFilesAreFormatted() throws {
    for path in Self.shippedFiles {
      let text = try String(contentsOfFile: PackageRoot.path(path), encoding: .utf8)
      let formatted = try RuleFormatter.format(text, name: path)
      #expect(formatted == text, "\(path) is not formatted; run `cuesheet rules fmt`")
      try expectFormats(text, name: path)
    }
  }

  @Test("every rule fixture file under Tests/ formats idempotently and keeps its meaning")
  func fixtureFilesFormat() throws {
    #expect(!Self.fixtureFiles.isEmpty)
    for path in Self.fixtureFiles {
      try expectFormats(
        try String(contentsOfFile: PackageRoot.path(path), encoding: .utf8), name: path)
    }
  }

  @Test("the formatted rule folders load to the same rule book: same flags, rule sets, tests")
  func sameRuleBook() throws {
    for folder in ["rules", "samples/rules-proposed"] {
      let paths = try RuleLoader.files(in: [PackageRoot.path(folder)])
      let sources = try paths.map {
        SourceFile(name: $0, text: try String(contentsOfFile: $0, encoding: .utf8))
      }
      // samples/rules-proposed has no tests of its own: load it beside rules/*.test as `rules diff` does.
      let before = try RuleLoader.load(sources)
      let after = try RuleLoader.load(
        sources.map {
          SourceFile(name: $0.name, text: try RuleFormatter.format($0.text, name: $0.name))
        })
      #expect(before.flags.flags.map(\.name) == after.flags.flags.map(\.name))
      #expect(before.ruleSets.map(\.name) == after.ruleSets.map(\.name))
      #expect(before.tests.map(\.name) == after.tests.map(\.name))
      #expect(before.fingerprint == after.fingerprint, "\(folder) changed when formatted")
    }
  }

  @Test("every inline rule fixture of the rule tests formats idempotently and keeps its meaning")
  func inlineFixturesFormat() throws {
    for fixture in Self.inlineFixtures {
      try expectFormats(fixture.text, name: fixture.name)
    }
  }

  // MARK: - Before and after

  static let cases: [(name: String, before: String, after: String)] = [
    (
      "indentation, blank lines and comments",
      """
      # header comment
      flag A {


          description "x"   # trailing comment stays
      # a comment inside, re-indented
              default on

      }
      flag B {
      default off
      }



      # about C
      matchmaking C {
      let x = show.cpm    +   1   # no re-spacing inside expressions
      keep score >= 0.5
      }
      """,
      """
      # header comment
      flag A {
        description "x"   # trailing comment stays
        # a comment inside, re-indented
        default on
      }

      flag B {
        default off
      }

      # about C
      matchmaking C {
        let x = show.cpm    +   1   # no re-spacing inside expressions
        keep score >= 0.5
      }

      """
    ),
    (
      "nested blocks and multi-line expressions",
      """
      flag V {
      variants {
      a = {"x": [1,
      2]}
      b = "b"
      }
      default a
      when account.id in [
      "acme",   # why acme
      "globex"
      ] => b
      }
      """,
      """
      flag V {
        variants {
          a = {"x": [1,
              2]}
          b = "b"
        }
        default a
        when account.id in [
          "acme",   # why acme
          "globex"
        ] => b
      }

      """
    ),
    (
      "brackets and # inside strings do not count",
      """
      test "a { # not a comment" {
      flag F
      context {"env": "}#"}
      expect on
      }
      """,
      """
      test "a { # not a comment" {
        flag F
        context {"env": "}#"}
        expect on
      }

      """
    ),
    (
      "tabs, CRLF line ends and trailing spaces",
      "flag T {\r\n\tdefault on   \r\n}\r\n\r\n\r\n",
      "flag T {\n  default on\n}\n"
    ),
  ]

  @Test("before → after", arguments: cases.indices)
  func beforeAfter(_ index: Int) throws {
    let (name, before, after) = Self.cases[index]
    let formatted = try RuleFormatter.format(before, name: name)
    #expect(formatted == after, "\(name)")
    try expectFormats(before, name: name)
  }

  @Test("an empty file and a blank file format to nothing")
  func empty() throws {
    #expect(try RuleFormatter.format("") == "")
    #expect(try RuleFormatter.format("\n\n  \n") == "")
  }

  @Test("a layout whose meaning would change is refused with rules.format.changed-meaning")
  func refusesChangedMeaning() throws {
    let text = "flag A {\n  default on\n}\n"
    // A layout that rewrites a line: the default changes.
    let breaking: (String) -> String = {
      $0.replacingOccurrences(of: "default on", with: "default off")
    }
    #expect(throws: RuleFormatError.self) {
      _ = try RuleFormatter.format(text, name: "a.rules", layout: breaking)
    }
    do {
      _ = try RuleFormatter.format(text, name: "a.rules", layout: breaking)
    } catch let error as RuleFormatError {
      #expect(error.was == "  default on")
      #expect(error.now == "  default off")
      #expect(error.description.contains("rules.format.changed-meaning"))
      #expect(error.diagnostic.id == "rules.format.changed-meaning")
    }
    // The real layout keeps it.
    #expect(try RuleFormatter.format(text, name: "a.rules") == text)
  }

  @Test("lines inside a triple-quoted string are kept byte for byte")
  func tripleQuotedStrings() throws {
    let text = """
      matchmaking M {
      require "r": show.title != '''
         two
      lines''' && true
      }
      """
    let formatted = try RuleFormatter.format(text)
    #expect(formatted.contains("\n   two\nlines''' && true\n"), "\(formatted)")
  }

  @Test(
    "a triple-quoted string left open at the end of the file formats to itself (found by fuzzing)",
    arguments: ["'''", "'''\n", "flag A {\n  default on\n}\nx = \"\"\"\nabc\n", "y = '''\r\n"])
  func openTripleQuoteAtEnd(text: String) throws {
    let once = RuleFormatter.layout(text)
    #expect(RuleFormatter.layout(once) == once, "\(once.debugDescription)")
  }

  @Test(
    "carriage returns before a line end go at once: formatting is idempotent (found by fuzzing)",
    arguments: [
      "flag A {\n  default on\n}\r\r\r", "flag A {\n  default on\r\r\n}\r\r\n",
      "flag A {\r\r\r\n  default on\n}\n", "flag A {\n  default on\n} \r\r\t\r\r",
      "flag A { default on } \r\t \r\n", "flag A {\n  default on\n}\n  \r\t\r\r",
      "flag A {\n \r default on\n}\n",
    ])
  func trailingCarriageReturns(text: String) throws {
    let once = RuleFormatter.layout(text)
    #expect(RuleFormatter.layout(once) == once, "\(once.debugDescription)")
    #expect(!once.contains("\r"), "\(once.debugDescription)")
    try expectFormats(text, name: "cr.rules")
  }

  @Test(
    "carriage returns inside a triple-quoted string are kept; formatting is idempotent (found by fuzzing)",
    arguments: [
      "x = '''a\r\r\nb'''\n", "x = '''\r\r\n'''\r\n",
      "flag A {\n  default on\n}\r\n'''a\r\r\nb\r'''\r\r\n", "y = '''\r\r\r\n\r\n  \r\r\n",
      "'''''''\r\n}\r\r5\n}\n\r\r'''\r4\r",
    ])
  func carriageReturnsInTripleQuotes(text: String) throws {
    let once = RuleFormatter.layout(text)
    #expect(RuleFormatter.layout(once) == once, "\(once.debugDescription)")
  }

  /// The rules fuzz target's committed corpus (which CI's fuzz run replays), so `swift test`
  /// catches a formatter change that breaks an input fuzzing once found.
  static var fuzzCorpus: [String] {
    let directory = PackageRoot.path("Fuzz/Rules/corpus")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.sorted()
  }

  @Test("every input of the rules fuzz corpus formats idempotently")
  func fuzzCorpusFormats() throws {
    #expect(Self.fuzzCorpus.count >= 20, "Fuzz/Rules/corpus not found or short")
    for name in Self.fuzzCorpus {
      let path = PackageRoot.path("Fuzz/Rules/corpus/" + name)
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      // As the fuzz target reads it: the first byte picks the mode, invalid UTF-8 is repaired.
      let text = String(decoding: data.dropFirst(), as: UTF8.self)
      let laidOut = RuleFormatter.layout(text)
      #expect(RuleFormatter.layout(laidOut) == laidOut, "\(name): \(laidOut.debugDescription)")
      // A refusal leaves the file as it was (safe); a result formats to itself.
      guard let once = try? RuleFormatter.format(text, name: name) else { continue }
      #expect(try RuleFormatter.format(once, name: name) == once, "\(name)")
    }
  }

  // MARK: - Helpers

  /// Formats `text`; the result formats to itself and has the same meaning as `text`.
  func expectFormats(
    _ text: String, name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let once = try RuleFormatter.format(text, name: name)
    let twice = try RuleFormatter.format(once, name: name)
    #expect(
      once == twice, "\(name): formatting twice changed the text", sourceLocation: sourceLocation)
    #expect(
      RuleFormatter.meaning(of: SourceFile(name: name, text: text))
        == RuleFormatter.meaning(of: SourceFile(name: name, text: once)),
      "\(name): the meaning changed", sourceLocation: sourceLocation)
    let comments = text.components(separatedBy: "\n").filter {
      $0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
    }.map { $0.trimmingCharacters(in: .whitespaces) }
    let kept = once.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    for comment in comments {
      #expect(kept.contains(comment), "\(name): lost \(comment)", sourceLocation: sourceLocation)
    }
  }
}
