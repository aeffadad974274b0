import Diagnostics
import Testing

@testable import Rules

@Suite("expression cache: the same diagnostics as without it, moved with the text")
struct ExpressionCacheTests {
  static let text = """
    flag F {
      default off
      when env == "prod" && acount.id == "x" => on
    }

    matchmaking m {
      let big = show.downloads_30d > 1000
      require "audience": show.downlods_30d >= 1000
      signal "s" weight 1.0: big ? 1.0 : 0.0
      keep score >= 0.5
    }

    """

  func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { diagnostic in
      let notes = diagnostic.notes.map { "\($0.message)@\($0.range?.start ?? -1)" }
      return
        "\(diagnostic.id) \(diagnostic.position.map { "\($0)" } ?? "-") \(diagnostic.range?.start ?? -1)-\(diagnostic.range?.end ?? -1) \(diagnostic.message) \(diagnostic.help ?? "") \(notes)"
    }
  }

  @Test("a cached re-check after an edit above the expressions reports what a fresh check reports")
  func sameDiagnostics() {
    let cache = ExpressionCache()
    let first = SourceFile(name: "a.rules", text: Self.text)
    #expect(
      summary(RuleLoader.analyze([first], cache: cache).1)
        == summary(RuleLoader.analyze([first]).1))
    let misses = cache.misses
    // Lines added above every expression: each one moves, none changes.
    let edited = SourceFile(name: "a.rules", text: "# a comment\n# é and 🎧\n" + Self.text)
    let cached = RuleLoader.analyze([edited], cache: cache).1
    #expect(cache.misses == misses, "no expression should be analysed again")
    #expect(cache.hits > 0)
    #expect(summary(cached) == summary(RuleLoader.analyze([edited]).1))
    #expect(cached.count >= 2)
    #expect(cached.allSatisfy { $0.file === edited || $0.file == nil })
  }

  @Test("the cache is bounded: when full it starts over")
  func bounded() {
    let cache = ExpressionCache(capacity: 2)
    _ = RuleLoader.analyze([SourceFile(name: "a.rules", text: Self.text)], cache: cache)
    _ = RuleLoader.analyze([SourceFile(name: "a.rules", text: Self.text)], cache: cache)
    // More than two distinct expressions: the second run cannot find them all.
    #expect(cache.misses > 4)
  }
}
