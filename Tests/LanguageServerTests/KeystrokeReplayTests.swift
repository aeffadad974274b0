import Foundation
import Rules
import Testing

@testable import LanguageServer

/// Every shipped rule file typed into the server from empty to complete, one character at a time
/// as incremental changes: every change is answered with diagnostics for that version, and the
/// finished file has the diagnostics `rules check` gives it (none).
@Suite("keystroke replay: the server answers every keystroke of the shipped files")
struct KeystrokeReplayTests {
  static let files = ["flags.rules", "flags.test", "matchmaking.rules", "matchmaking.test"]

  @Test("typing a shipped file character by character", arguments: files)
  func replay(_ name: String) throws {
    let text = try String(contentsOfFile: packageRoot + "/rules/" + name, encoding: .utf8)
    // The other files of the folder are on disk beside it, as in a checkout.
    let folder = try TemporaryFolder()
    for other in Self.files where other != name {
      try folder.write(
        other, try String(contentsOfFile: packageRoot + "/rules/" + other, encoding: .utf8))
    }
    let uri = folder.uri(name)
    let client = TestClient()
    client.open(uri, "")
    var line = 0
    var character = 0
    var version = 1
    for scalar in text.unicodeScalars {
      version += 1
      let position = TestClient.position(line, character)
      let replies = client.notify(
        "textDocument/didChange",
        [
          "textDocument": ["uri": .string(uri), "version": .int(version)],
          "contentChanges": [
            ["range": ["start": position, "end": position], "text": .string(String(scalar))]
          ],
        ])
      let answer = replies.first { $0["params"]?["uri"]?.stringValue == uri }
      #expect(
        answer?["params"]?["version"] == .int(version),
        "\(name): no diagnostics at \(line):\(character)")
      if answer == nil { return }
      if scalar == "\n" {
        line += 1
        character = 0
      } else {
        character += scalar.utf16.count
      }
    }
    let document = try #require(client.server.workspace.documents[uri])
    #expect(document.text == text)
    #expect(client.server.diagnostics(for: uri).isEmpty)
  }
}
