import Diagnostics
import Foundation
import Rules

/// The open documents, and the rule files each one is checked with.
///
/// A rule file's workspace is the other `.rules` and `.test` files of its folder, as
/// `cuesheet rules check FILE --rules FOLDER` loads them: open documents are read from the editor,
/// the rest from disk. A document without a `file:` path is checked alone.
public struct Workspace: Sendable {
  public private(set) var documents: [String: TextDocument] = [:]

  public init() {}

  public mutating func open(_ document: TextDocument) { documents[document.uri] = document }
  public mutating func close(_ uri: String) { documents[uri] = nil }
  public mutating func update(_ uri: String, _ change: (inout TextDocument) -> Void) {
    guard var document = documents[uri] else { return }
    change(&document)
    documents[uri] = document
  }

  /// What kind of file a URI names.
  public enum Kind: Sendable { case rules, template, other }

  public static func kind(of uri: String) -> Kind {
    let name = uri.split(separator: "/").last.map(String.init) ?? uri
    if name.hasSuffix(".rules") || name.hasSuffix(".test") { return .rules }
    // Report templates: `*.md` in a folder named `reports` (not every Markdown file).
    let parts = uri.split(separator: "/")
    if name.hasSuffix(".md"), parts.count >= 2, parts[parts.count - 2] == "reports" {
      return .template
    }
    return .other
  }

  /// What kind of file a document is: by its name, or `cuesheet-rules` as its language id (an
  /// unsaved rule file).
  public static func kind(of document: TextDocument) -> Kind {
    let byName = kind(of: document.uri)
    return byName == .other && document.languageID == "cuesheet-rules" ? .rules : byName
  }

  /// The name a document's `SourceFile` gets: its path, or its URI when it has none.
  public static func sourceName(of document: TextDocument) -> String {
    document.path ?? document.uri
  }

  /// The rule files checked together with `document` (it included, as the editor has it).
  public func ruleSources(for document: TextDocument) -> [SourceFile] {
    let own = SourceFile(name: Self.sourceName(of: document), text: document.text)
    guard let path = document.path else { return [own] }
    let folder = (path as NSString).deletingLastPathComponent
    var names = (try? RuleLoader.files(in: [folder])) ?? []
    names = names.map { ($0 as NSString).standardizingPath }
    if !names.contains(path) { names.append(path) }
    let openByPath = Dictionary(
      documents.values.compactMap { document in document.path.map { ($0, document) } },
      uniquingKeysWith: { first, _ in first })
    return names.compactMap { name in
      if name == path { return own }
      if let open = openByPath[name] { return SourceFile(name: name, text: open.text) }
      guard let text = try? String(contentsOfFile: name, encoding: .utf8) else { return nil }
      return SourceFile(name: name, text: text)
    }
  }

  /// The open rule documents that share `document`'s workspace (it included).
  public func openNeighbours(of document: TextDocument) -> [TextDocument] {
    guard let path = document.path else { return [document] }
    let folder = (path as NSString).deletingLastPathComponent
    return documents.values.filter { other in
      other.uri == document.uri
        || (Self.kind(of: other.uri) == .rules
          && other.path.map { ($0 as NSString).deletingLastPathComponent == folder } == true)
    }.sorted { $0.uri < $1.uri }
  }
}
