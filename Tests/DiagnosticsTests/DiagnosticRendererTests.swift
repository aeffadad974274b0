import Testing

@testable import Diagnostics

struct SourceFileTests {
  @Test(arguments: [
    (0, SourcePosition(line: 1, column: 1)),
    (4, SourcePosition(line: 1, column: 5)),
    (5, SourcePosition(line: 2, column: 1)),
    (9, SourcePosition(line: 2, column: 4)),  // after "é" (two bytes) and "b"
    (13, SourcePosition(line: 3, column: 2)),
  ])
  func positionOfOffset(offset: Int, expected: SourcePosition) {
    let file = SourceFile(name: "f", text: "abcd\naébc\r\nxy")
    #expect(file.position(of: offset) == expected)
  }

  @Test func offsetRoundTripsAndLinesDropTerminators() throws {
    let file = SourceFile(name: "f", text: "abcd\naébc\r\nxy")
    #expect(file.offset(line: 2, column: 3) == 8)
    #expect(file.offset(line: 9, column: 1) == nil)
    #expect(file.lineText(2) == "aébc")
    #expect(file.lineText(3) == "xy")
  }
}

struct DiagnosticRendererTests {
  @Test func rendersCaretUnderRangeWithHelp() {
    let file = SourceFile(
      name: "rules/matchmaking.rules", text: "rule x\n  signal reach = show.downloads + 0.5\n")
    let start = file.offset(line: 2, column: 18)!
    let diagnostic = Diagnostic(
      id: "check.type-mismatch", message: "cannot add int and double", file: file,
      range: SourceRange(start: start, end: start + 20),
      notes: [.init("`show.downloads` is an int")],
      help: "convert one side, e.g. double(show.downloads) + 0.5")
    #expect(
      DiagnosticRenderer.render(diagnostic) == """
        error[check.type-mismatch]: rules/matchmaking.rules:2:18: cannot add int and double
           2 |   signal reach = show.downloads + 0.5
             |                  ^~~~~~~~~~~~~~~~~~~~
           = note: `show.downloads` is an int
           = help: convert one side, e.g. double(show.downloads) + 0.5
        """)
  }

  @Test func colourIsOffByDefaultAndOptional() {
    let diagnostic = Diagnostic(id: "syntax.x", message: "bad")
    #expect(DiagnosticRenderer.render(diagnostic) == "error[syntax.x]: bad")
    #expect(DiagnosticRenderer.render(diagnostic, colour: true).contains("\u{1B}["))
  }

  @Test func collectorCapsAndSorts() {
    var collector = DiagnosticCollector(limit: 2)
    for start in [9, 3, 5] {
      collector.add(
        Diagnostic(id: "a", message: "m", range: SourceRange(start: start, end: start + 1)))
    }
    #expect(collector.all.map(\.range?.start) == [3, 9, nil])
    #expect(collector.all.last?.id == "diagnostics.truncated")
  }
}
