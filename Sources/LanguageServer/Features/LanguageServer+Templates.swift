#if canImport(Reports)
  import Foundation
  import Reports

  extension LanguageServer {
    /// A report template's problems that need no database (``ReportChecker/checkWithoutDatabase(_:file:)``:
    /// parse errors, schedule, expressions and tags), each at its line and column, spanning the
    /// name or symbol there. SQL blocks are not prepared: `cuesheet reports check` does that
    /// against a database.
    func templateDiagnostics(_ document: TextDocument) -> [JSON] {
      let problems = ReportChecker.checkWithoutDatabase(
        document.text, file: Workspace.sourceName(of: document))
      let lines = document.text.components(separatedBy: "\n")
      return problems.map { problem in
        let lineIndex = max(0, problem.line - 1)
        let line = lineIndex < lines.count ? lines[lineIndex] : ""
        let before = line.prefix(max(0, problem.column - 1))
        let rest = line.dropFirst(before.count)
        var word = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
        if word.isEmpty { word = rest.prefix(1) }
        let start = LSPPosition(line: lineIndex, character: before.utf16.count)
        let end = LSPPosition(line: lineIndex, character: before.utf16.count + word.utf16.count)
        return [
          "range": LSPRange(start: start, end: end).json, "severity": 1,
          "code": "reports.check", "source": "cuesheet", "message": .string(problem.message),
        ]
      }
    }
  }
#endif
