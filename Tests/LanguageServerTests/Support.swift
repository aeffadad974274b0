import CuesheetTesting
import Foundation
import Testing

@testable import LanguageServer

/// The package root (for `rules/`).
let packageRoot: String = PackageRoot.url.path

/// Drives a ``LanguageServer`` in process, as an editor would over stdio.
final class TestClient {
  let server = LanguageServer()
  private var nextID = 1
  /// Every notification the server sent, in order.
  private(set) var notifications: [JSON] = []

  init(initialize: Bool = true) {
    if initialize {
      _ = request("initialize", ["processId": .null, "rootUri": .null, "capabilities": [:]])
      notify("initialized", [:])
    }
  }

  /// Sends a request; returns its response.
  @discardableResult
  func request(_ method: String, _ params: JSON) -> JSON {
    let id = nextID
    nextID += 1
    let replies = server.handle([
      "jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params,
    ])
    notifications += replies.filter { $0["method"] != nil }
    return replies.first { $0["id"] == .int(id) } ?? .null
  }

  /// Sends a notification; returns what the server sent back.
  @discardableResult
  func notify(_ method: String, _ params: JSON) -> [JSON] {
    let replies = server.handle(["jsonrpc": "2.0", "method": .string(method), "params": params])
    notifications += replies
    return replies
  }

  /// Opens a document; returns its published diagnostics.
  @discardableResult
  func open(_ uri: String, _ text: String) -> [JSON] {
    let replies = notify(
      "textDocument/didOpen",
      [
        "textDocument": [
          "uri": .string(uri), "languageId": "cuesheet-rules", "version": 1, "text": .string(text),
        ]
      ])
    return Self.diagnostics(replies, uri)
  }

  /// The diagnostics published for `uri` in `replies`.
  static func diagnostics(_ replies: [JSON], _ uri: String) -> [JSON] {
    replies.last { $0["params"]?["uri"]?.stringValue == uri }?["params"]?["diagnostics"]?.arrayValue
      ?? []
  }

  static func position(_ line: Int, _ character: Int) -> JSON {
    ["line": .int(line), "character": .int(character)]
  }

  func at(_ method: String, _ uri: String, _ line: Int, _ character: Int) -> JSON {
    request(
      method, ["textDocument": ["uri": .string(uri)], "position": Self.position(line, character)])[
        "result"] ?? .null
  }
}

/// A fresh temporary folder for rule files, removed when released.
final class TemporaryFolder {
  let path: String
  init() throws {
    path =
      FileManager.default.temporaryDirectory.appendingPathComponent(
        "cuesheet-lsp-\(UUID().uuidString)"
      ).path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
  func uri(_ name: String) -> String { URL(fileURLWithPath: path + "/" + name).absoluteString }
  func write(_ name: String, _ text: String) throws {
    try text.write(toFile: path + "/" + name, atomically: true, encoding: .utf8)
  }
}
