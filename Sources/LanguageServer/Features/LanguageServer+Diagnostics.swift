import Diagnostics
import Foundation
import Rules

extension LanguageServer {
  /// Checks the workspace of `uri` and publishes diagnostics for it and the other open rule files
  /// of its folder (a change in one file can fix or break another: a prerequisite, a test's flag).
  func publishDiagnostics(around uri: String) -> [JSON] {
    guard let document = workspace.documents[uri] else { return [] }
    guard Workspace.kind(of: document) == .rules else {
      var diagnostics: [JSON] = []
      #if canImport(Reports)
        if Workspace.kind(of: document) == .template {
          diagnostics = templateDiagnostics(document)
        }
      #endif
      return [Self.publish(uri: uri, version: document.version, diagnostics: diagnostics)]
    }
    let sources = workspace.ruleSources(for: document)
    let (_, diagnostics) = RuleLoader.analyze(sources, cache: expressionCache)
    let neighbours = workspace.openNeighbours(of: document)
    return neighbours.map { open in
      let name = Workspace.sourceName(of: open)
      let own = diagnostics.filter { ($0.file?.name ?? name) == name }
      return Self.publish(
        uri: open.uri, version: open.version, diagnostics: own.map { lspDiagnostic($0, in: open) })
    }
  }

  /// The diagnostics of one document, as `rules check` reports them (for tests and the benchmark).
  public func diagnostics(for uri: String) -> [JSON] {
    publishDiagnostics(around: uri).first { $0["params"]?["uri"]?.stringValue == uri }?["params"]?[
      "diagnostics"]?.arrayValue ?? []
  }

  /// A Cuesheet diagnostic as an LSP one: the id is the `code`, the help is the message's second
  /// line, notes are related information, and a "did you mean" suggestion rides in `data` for the
  /// quick fix.
  func lspDiagnostic(_ diagnostic: Diagnostic, in document: TextDocument) -> JSON {
    let range = diagnostic.range ?? SourceRange(start: 0, end: 0)
    var message = diagnostic.message
    if let help = diagnostic.help { message += "\nhelp: \(help)" }
    var object: [String: JSON] = [
      "range": document.range(start: range.start, end: range.end).json,
      "severity": .int(Self.severity(diagnostic.severity)),
      "code": .string(diagnostic.id),
      "source": "cuesheet",
      "message": .string(message),
    ]
    let related: [JSON] = diagnostic.notes.map { note in
      let noteRange = note.range ?? range
      return [
        "location": [
          "uri": .string(document.uri),
          "range": document.range(start: noteRange.start, end: noteRange.end).json,
        ],
        "message": .string(note.message),
      ]
    }
    if !related.isEmpty { object["relatedInformation"] = .array(related) }
    if let suggestion = Self.suggestion(in: diagnostic) {
      object["data"] = ["suggestion": .string(suggestion)]
    }
    return .object(object)
  }

  static func severity(_ severity: Severity) -> Int {
    switch severity {
    case .error: 1
    case .warning: 2
    case .note: 3
    }
  }

  /// The name suggested by a diagnostic's "did you mean `x`?" (or `'x'`) help or message.
  static func suggestion(in diagnostic: Diagnostic) -> String? {
    for text in [diagnostic.help, diagnostic.message].compactMap({ $0 }) {
      guard let marker = text.range(of: "did you mean ") else { continue }
      let rest = text[marker.upperBound...]
      guard let quote = rest.first, quote == "`" || quote == "'" else { continue }
      let name = rest.dropFirst().prefix { $0 != quote }
      if !name.isEmpty { return String(name) }
    }
    return nil
  }
}
