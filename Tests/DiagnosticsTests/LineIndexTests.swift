import Testing

@testable import Diagnostics

struct LineIndexTests {
  @Test func countsLinesAndFindsTheLineOfEachOffset() {
    let lines = LineIndex(Array("ab\n\ncd\n".utf8))
    #expect(lines.count == 4)
    #expect((0..<4).map(lines.start(ofLine:)) == [0, 3, 4, 7])
    let expected = [0, 0, 0, 1, 2, 2, 2, 3, 3]  // offset 8 is past the end: the last line
    #expect((0...8).map(lines.line(containing:)) == expected)
  }

  @Test func anEmptyTextIsOneLine() {
    let lines = LineIndex([])
    #expect(lines.count == 1)
    #expect(lines.line(containing: 0) == 0)
  }
}
