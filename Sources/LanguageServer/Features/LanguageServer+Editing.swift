import Diagnostics
import Foundation
import Rules

extension LanguageServer {
  /// `textDocument/formatting`: the whole document through ``RuleFormatter``; no edits when it is
  /// already formatted; a request failure (and no edit) when formatting would change its meaning.
  func formatting(_ document: TextDocument) throws -> JSON {
    guard Workspace.kind(of: document) == .rules else { return [] }
    let formatted: String
    do {
      formatted = try RuleFormatter.format(document.text, name: Workspace.sourceName(of: document))
    } catch let error as RuleFormatError {
      throw RequestFailure(code: ErrorCode.requestFailed, message: error.description)
    }
    guard formatted != document.text else { return [] }
    return [["range": document.fullRange.json, "newText": .string(formatted)]]
  }

  /// `textDocument/codeAction`: for each diagnostic in the request's context with a "did you mean"
  /// suggestion, a quick fix replacing the misspelled name with the suggestion.
  func codeActions(_ document: TextDocument, _ params: JSON) -> JSON {
    var actions: [JSON] = []
    for diagnostic in params["context"]?["diagnostics"]?.arrayValue ?? [] {
      guard
        let suggestion = diagnostic["data"]?["suggestion"]?.stringValue
          ?? diagnostic["message"]?.stringValue.flatMap(Self.suggestion(inText:)),
        let range = LSPRange(diagnostic["range"])
      else { continue }
      let start = document.offset(of: range.start)
      let end = max(start, document.offset(of: range.end))
      guard
        let word = Self.misspelling(
          of: suggestion, in: SourceRange(start: start, end: end), document.utf8)
      else { continue }
      actions.append([
        "title": .string("Replace `\(word.name)` with `\(suggestion)`"),
        "kind": "quickfix",
        "diagnostics": [diagnostic],
        "isPreferred": true,
        "edit": [
          "changes": [
            document.uri: [
              [
                "range": document.range(start: word.range.start, end: word.range.end).json,
                "newText": .string(suggestion),
              ]
            ]
          ]
        ],
      ])
    }
    return .array(actions)
  }

  static func suggestion(inText text: String) -> String? {
    suggestion(in: Diagnostic(id: "", message: text))
  }

  /// The name in `range` that `suggestion` corrects: the one closest to it by edit distance (the
  /// diagnostic's range may cover `show.downlods_30d`; the fix replaces `downlods_30d`).
  static func misspelling(of suggestion: String, in range: SourceRange, _ bytes: [UInt8])
    -> ExpressionText.Identifier?
  {
    var names = ExpressionText.identifiers(in: range, of: bytes)
    if names.isEmpty, let word = ExpressionText.identifier(at: range.start, in: bytes) {
      names = [word]
    }
    // Flag names may contain `-`: widen a name over `-` joined parts.
    return names.filter { $0.name != suggestion }.min {
      editDistance($0.name, suggestion) < editDistance($1.name, suggestion)
    }
  }

  static func editDistance(_ a: String, _ b: String) -> Int {
    NameSuggester.editDistance(Array(a), Array(b))
  }
}
