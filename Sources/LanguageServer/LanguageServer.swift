import Diagnostics
import Foundation
import Rules

/// A Language Server Protocol 3.17 server for Cuesheet's rule files (`.rules`, `.test`).
///
/// The server is a state machine over JSON-RPC messages: ``handle(_:)`` takes one message and
/// returns the messages to send (a response, `textDocument/publishDiagnostics` notifications),
/// so tests drive it without pipes; ``StdioTransport`` connects it to stdin and stdout. Requests
/// are answered in the order they arrive; `$/cancelRequest` is accepted and ignored (every
/// request is answered before the next is read).
///
/// Features (see `docs/editors.md`): diagnostics on open, change and save (the ids, ranges,
/// messages and notes of `cuesheet rules check`, checked with the other rule files of the folder);
/// document symbols; hover; completion; go to definition; references; formatting
/// (``RuleFormatter``); quick fixes for "did you mean" suggestions.
public final class LanguageServer {
  /// The JSON-RPC error codes used.
  public enum ErrorCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let serverNotInitialized = -32002
    public static let requestFailed = -32803
  }

  public private(set) var workspace = Workspace()
  /// Expression analyses kept between changes: a keystroke re-checks only what it touched.
  let expressionCache = ExpressionCache()
  private var initialized = false
  private var shutdownRequested = false
  /// Set by the `exit` notification: 0 after `shutdown`, 1 otherwise.
  public private(set) var exitCode: Int32?

  public init() {}

  // MARK: - Messages

  /// Handles one message; returns the messages to send, in order.
  public func handle(_ message: JSON) -> [JSON] {
    let method = message["method"]?.stringValue
    let id = message["id"]
    let params = message["params"] ?? .null
    guard let method else {
      // A response to a request the server never sends, or garbage.
      if id != nil, message["result"] == nil, message["error"] == nil {
        return [Self.error(id: id, code: ErrorCode.invalidRequest, "a request needs a method")]
      }
      return []
    }
    guard let id else {
      return notification(method, params)
    }
    if method == "initialize" {
      initialized = true
      return [Self.result(id: id, Self.initializeResult)]
    }
    guard initialized else {
      return [Self.error(id: id, code: ErrorCode.serverNotInitialized, "initialize first")]
    }
    if shutdownRequested {
      return [Self.error(id: id, code: ErrorCode.invalidRequest, "the server is shutting down")]
    }
    if method == "shutdown" {
      shutdownRequested = true
      return [Self.result(id: id, .null)]
    }
    do {
      guard let result = try request(method, params) else {
        return [Self.error(id: id, code: ErrorCode.methodNotFound, "unknown method \(method)")]
      }
      return [Self.result(id: id, result)]
    } catch let failure as RequestFailure {
      return [Self.error(id: id, code: failure.code, failure.message)]
    } catch {
      return [Self.error(id: id, code: ErrorCode.internalError, "\(error)")]
    }
  }

  /// A request that cannot be answered with a result.
  struct RequestFailure: Error {
    let code: Int
    let message: String
  }

  private func notification(_ method: String, _ params: JSON) -> [JSON] {
    switch method {
    case "exit":
      exitCode = shutdownRequested ? 0 : 1
      return []
    case "initialized", "$/cancelRequest", "$/setTrace", "workspace/didChangeConfiguration":
      return []
    case "textDocument/didOpen":
      guard initialized, let item = params["textDocument"], let uri = item["uri"]?.stringValue,
        let text = item["text"]?.stringValue
      else { return [] }
      workspace.open(
        TextDocument(
          uri: uri, text: text, version: item["version"]?.intValue ?? 0,
          languageID: item["languageId"]?.stringValue ?? ""))
      return publishDiagnostics(around: uri)
    case "textDocument/didChange":
      guard initialized, let uri = params["textDocument"]?["uri"]?.stringValue,
        workspace.documents[uri] != nil
      else { return [] }
      workspace.update(uri) { document in
        if let version = params["textDocument"]?["version"]?.intValue {
          document.version = version
        }
        for change in params["contentChanges"]?.arrayValue ?? [] {
          guard let text = change["text"]?.stringValue else { continue }
          document.apply(range: LSPRange(change["range"]), text: text)
        }
      }
      return publishDiagnostics(around: uri)
    case "textDocument/didSave":
      guard initialized, let uri = params["textDocument"]?["uri"]?.stringValue else { return [] }
      if let text = params["text"]?.stringValue {
        workspace.update(uri) { $0.apply(range: nil, text: text) }
      }
      return workspace.documents[uri] == nil ? [] : publishDiagnostics(around: uri)
    case "textDocument/didClose":
      guard initialized, let uri = params["textDocument"]?["uri"]?.stringValue else { return [] }
      let neighbours = workspace.documents[uri].map { workspace.openNeighbours(of: $0) } ?? []
      workspace.close(uri)
      // The closed file's diagnostics go; its neighbours now read it from disk.
      var messages = [Self.publish(uri: uri, version: nil, diagnostics: [])]
      if let other = neighbours.first(where: { $0.uri != uri }) {
        messages += publishDiagnostics(around: other.uri)
      }
      return messages
    default:
      return []
    }
  }

  /// The result of a request, or nil for an unknown method.
  private func request(_ method: String, _ params: JSON) throws -> JSON? {
    switch method {
    case "textDocument/documentSymbol":
      return try documentSymbols(document(params))
    case "textDocument/hover":
      let (document, offset) = try documentAndOffset(params)
      return hover(document, at: offset)
    case "textDocument/completion":
      let (document, offset) = try documentAndOffset(params)
      return completion(document, at: offset)
    case "textDocument/definition":
      let (document, offset) = try documentAndOffset(params)
      return definition(document, at: offset)
    case "textDocument/references":
      let (document, offset) = try documentAndOffset(params)
      return references(
        document, at: offset,
        includeDeclaration: params["context"]?["includeDeclaration"]?.boolValue ?? true)
    case "textDocument/formatting":
      return try formatting(document(params))
    case "textDocument/codeAction":
      return codeActions(try document(params), params)
    default:
      return nil
    }
  }

  // MARK: - Parameters

  func document(_ params: JSON) throws -> TextDocument {
    guard let uri = params["textDocument"]?["uri"]?.stringValue else {
      throw RequestFailure(code: ErrorCode.invalidParams, message: "textDocument.uri is missing")
    }
    guard let document = workspace.documents[uri] else {
      throw RequestFailure(code: ErrorCode.invalidParams, message: "\(uri) is not open")
    }
    return document
  }

  func documentAndOffset(_ params: JSON) throws -> (TextDocument, Int) {
    let document = try document(params)
    guard let position = LSPPosition(params["position"]) else {
      throw RequestFailure(code: ErrorCode.invalidParams, message: "position is missing")
    }
    return (document, document.offset(of: position))
  }

  // MARK: - Building messages

  static let initializeResult: JSON = [
    "capabilities": [
      "positionEncoding": "utf-16",
      "textDocumentSync": [
        "openClose": true, "change": 2, "save": ["includeText": false],
      ],
      "documentSymbolProvider": true,
      "hoverProvider": true,
      "completionProvider": ["triggerCharacters": [".", " ", ">"], "resolveProvider": false],
      "definitionProvider": true,
      "referencesProvider": true,
      "documentFormattingProvider": true,
      "codeActionProvider": ["codeActionKinds": ["quickfix"]],
    ],
    "serverInfo": ["name": "cuesheet", "version": "1"],
  ]

  static func result(id: JSON?, _ result: JSON) -> JSON {
    ["jsonrpc": "2.0", "id": id ?? .null, "result": result]
  }

  static func error(id: JSON?, code: Int, _ message: String) -> JSON {
    [
      "jsonrpc": "2.0", "id": id ?? .null,
      "error": ["code": .int(code), "message": .string(message)],
    ]
  }

  static func publish(uri: String, version: Int?, diagnostics: [JSON]) -> JSON {
    var params: [String: JSON] = ["uri": .string(uri), "diagnostics": .array(diagnostics)]
    if let version { params["version"] = .int(version) }
    return [
      "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": .object(params),
    ]
  }
}
