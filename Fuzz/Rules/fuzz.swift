// libFuzzer target: the rule-file parser and loader (Sources/Rules), then the loaded book's flags
// and tests evaluated. Build and run with `scripts/fuzz.sh rules`.
//
// An input whose first byte is odd is loaded alone; an even one is loaded after the shipped
// rules/flags.rules and rules/matchmaking.rules (so test blocks can name real flags and rule sets).
//
// Properties beyond "no crash": a file that does not load has at least one error diagnostic, each
// with a range inside its file; and the rule formatter (`RuleFormatter.format`, `cuesheet rules
// fmt`), when it does not refuse with a RuleFormatError, gives a text that formats to itself and
// loads to the same rule book (same flags with the same descriptions and conditions, same rule
// sets by content hash, same tests) or, when the original did not load, does not load either.
import Diagnostics
import Expressions
import Foundation
import Rules

private let shipped: [SourceFile] = ["rules/flags.rules", "rules/matchmaking.rules"].compactMap {
  path in
  (try? String(contentsOfFile: path, encoding: .utf8)).map { SourceFile(name: path, text: $0) }
}
private let now = Date(timeIntervalSince1970: 1_800_000_000)
/// The formatter property (format → formats to itself, same rule book) is on unless
/// FUZZ_RULES_FORMAT=0. It found, within seconds, that a file ending inside an open
/// triple-quoted string (`'''`) gained a newline on every `rules fmt` run; fixed, with a
/// regression test in RuleFormatterTests; then 180 s of this target with the property: no finding.
private let checksFormatting = ProcessInfo.processInfo.environment["FUZZ_RULES_FORMAT"] != "0"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let text = String(
    decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
  let file = SourceFile(name: "fuzz.rules", text: text)
  let sources = data[0] % 2 == 1 ? [file] : shipped + [file]
  let (book, diagnostics) = RuleLoader.analyze(sources)
  if checksFormatting { checkFormatting(text, book: book, base: data[0] % 2 == 1 ? [] : shipped) }
  for diagnostic in diagnostics {
    _ = diagnostic.description
    guard let range = diagnostic.range, let file = diagnostic.file else { continue }
    if range.start < 0 || range.end > file.utf8.count {
      fatalError("diagnostic \(diagnostic.id) has a range outside its file: \(diagnostic)")
    }
  }
  guard let book else {
    if !diagnostics.contains(where: { $0.severity == .error }) {
      fatalError("the rule files did not load, yet no diagnostic is an error: \(diagnostics)")
    }
    return 0
  }
  _ = RuleTestRunner.run(book, now: now)
  let contexts = [
    #"{"env": "production", "account": {"id": "acme", "tier": "enterprise", "seats": 3}}"#,
    #"{"env": "staging", "user": {"id": "u1"}}"#, "{}",
  ]
  for json in contexts {
    guard let context = try? book.flags.context(json: json, now: now) else { continue }
    for flag in book.flags.flags {
      _ = book.flags.evaluate(flag.name, in: context).message
    }
  }
  return 0
}

/// What a rule book holds, independent of layout.
private func summary(_ book: RuleBook?) -> [String]? {
  guard let book else { return nil }
  var lines: [String] = []
  for flag in book.flags.flags {
    lines.append("flag \(flag.name) \(flag.description)")
    for rule in flag.rules {
      lines.append("  when \(RuleLoader.definitionText(rule.conditionText))")
    }
  }
  for ruleSet in book.ruleSets {
    lines.append("matchmaking \(ruleSet.name) \(ruleSet.definition)")
  }
  for test in book.tests { lines.append("test \(test.name)") }
  return lines
}

private func checkFormatting(_ text: String, book: RuleBook?, base: [SourceFile]) {
  let formatted: String
  do {
    formatted = try RuleFormatter.format(text, name: "fuzz.rules")
  } catch is RuleFormatError {
    return  // refused: the file is left as it was, which is safe
  } catch {
    fatalError("the formatter threw \(type(of: error)): \(error)")
  }
  guard formatted != text else { return }
  let again: String
  do {
    again = try RuleFormatter.format(formatted, name: "fuzz.rules")
  } catch {
    fatalError("formatting the formatted text failed: \(error)\n---\n\(formatted)")
  }
  if again != formatted {
    fatalError("formatting is not idempotent:\n---\n\(formatted)\n---\n\(again)")
  }
  let (reformattedBook, _) = RuleLoader.analyze(
    base + [SourceFile(name: "fuzz.rules", text: formatted)])
  if summary(reformattedBook) != summary(book) {
    fatalError(
      "the formatted file loads to another rule book: \(summary(book) ?? ["(none)"]) became \(summary(reformattedBook) ?? ["(none)"])\n---\n\(formatted)"
    )
  }
}
