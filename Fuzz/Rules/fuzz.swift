// libFuzzer target: the rule-file parser and loader (Sources/Rules), then the loaded book's flags
// and tests evaluated. Build and run with `scripts/fuzz.sh rules`.
//
// An input whose first byte is odd is loaded alone; an even one is loaded after the shipped
// rules/flags.rules and rules/matchmaking.rules (so test blocks can name real flags and rule sets).
//
// Property beyond "no crash": a file that does not load has at least one error diagnostic, each
// with a range inside its file. No rule formatter exists yet (issue 24's "format → same rule
// book" property waits for it).
import Diagnostics
import Expressions
import Foundation
import Rules

private let shipped: [SourceFile] = ["rules/flags.rules", "rules/matchmaking.rules"].compactMap {
  path in
  (try? String(contentsOfFile: path, encoding: .utf8)).map { SourceFile(name: path, text: $0) }
}
private let now = Date(timeIntervalSince1970: 1_800_000_000)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 1 else { return 0 }
  let text = String(
    decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
  let file = SourceFile(name: "fuzz.rules", text: text)
  let sources = data[0] % 2 == 1 ? [file] : shipped + [file]
  let (book, diagnostics) = RuleLoader.analyze(sources)
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
