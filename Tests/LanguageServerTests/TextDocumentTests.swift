import Testing

@testable import LanguageServer

@Suite("text documents: UTF-16 positions and incremental changes")
struct TextDocumentTests {
  // "é" is 2 UTF-8 bytes and 1 UTF-16 unit; "🎧" is 4 bytes and 2 units (a surrogate pair).
  static let text = "# é🎧x\nflag A {\n}"

  @Test(
    "LSP positions map to UTF-8 offsets and back",
    arguments: [
      (0, 0, 0), (0, 2, 2), (0, 3, 4), (0, 5, 8), (0, 6, 9), (1, 0, 10), (1, 6, 16), (2, 0, 19),
      (2, 1, 20),
    ])
  func positions(_ line: Int, _ character: Int, _ offset: Int) {
    let document = TextDocument(uri: "file:///a.rules", text: Self.text)
    #expect(document.offset(of: LSPPosition(line: line, character: character)) == offset)
    #expect(document.position(of: offset) == LSPPosition(line: line, character: character))
  }

  @Test("positions past a line's end or the text clamp to the end")
  func clamping() {
    let document = TextDocument(uri: "file:///a.rules", text: Self.text)
    #expect(document.offset(of: LSPPosition(line: 0, character: 99)) == 9)
    #expect(document.offset(of: LSPPosition(line: 9, character: 0)) == Self.text.utf8.count)
    #expect(document.position(of: 999) == LSPPosition(line: 2, character: 1))
  }

  @Test("incremental changes after astral characters land in the right place")
  func incremental() {
    var document = TextDocument(uri: "file:///a.rules", text: Self.text)
    // Replace "x" (after the surrogate pair) with "yz".
    document.apply(
      range: LSPRange(
        start: LSPPosition(line: 0, character: 5), end: LSPPosition(line: 0, character: 6)),
      text: "yz")
    #expect(document.text == "# é🎧yz\nflag A {\n}")
    // Insert a line inside the block, then delete it again.
    document.apply(
      range: LSPRange(
        start: LSPPosition(line: 1, character: 8), end: LSPPosition(line: 1, character: 8)),
      text: "\n  default on")
    #expect(document.text == "# é🎧yz\nflag A {\n  default on\n}")
    document.apply(
      range: LSPRange(
        start: LSPPosition(line: 1, character: 8), end: LSPPosition(line: 2, character: 12)),
      text: "")
    #expect(document.text == "# é🎧yz\nflag A {\n}")
    document.apply(range: nil, text: "whole")
    #expect(document.text == "whole")
  }

  @Test("file URIs with escapes give paths and back")
  func uris() {
    #expect(TextDocument.path(of: "file:///tmp/my%20rules/a.rules") == "/tmp/my rules/a.rules")
    #expect(TextDocument.path(of: "untitled:Untitled-1") == nil)
    #expect(TextDocument.uri(of: "/tmp/my rules/a.rules") == "file:///tmp/my%20rules/a.rules")
  }
}
