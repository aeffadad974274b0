import Diagnostics
import Foundation
import Rules

extension LanguageServer {
  // MARK: - Index and locations

  /// The parsed workspace of a document, and the document's own file in it.
  func index(for document: TextDocument) -> (RuleIndex, RuleIndex.File) {
    let index = RuleIndex(sources: workspace.ruleSources(for: document))
    let name = Workspace.sourceName(of: document)
    let own =
      index.file(named: name)
      ?? RuleIndex.File(
        source: SourceFile(name: name, text: document.text),
        syntax: RuleFileParser.parse(SourceFile(name: name, text: document.text)).0)
    return (index, own)
  }

  /// An LSP location: open documents keep the URI the editor gave them.
  func location(_ file: SourceFile, _ range: SourceRange) -> JSON {
    let open = workspace.documents.values.first { Workspace.sourceName(of: $0) == file.name }
    let document = open ?? TextDocument(uri: TextDocument.uri(of: file.name), text: file.text)
    return [
      "uri": .string(document.uri),
      "range": document.range(start: range.start, end: range.end).json,
    ]
  }

  // MARK: - Document symbols

  /// Flags (with their prerequisites), rule sets (with lets, requirements and signals) and tests.
  func documentSymbols(_ document: TextDocument) -> JSON {
    let file = SourceFile(name: Workspace.sourceName(of: document), text: document.text)
    let syntax = RuleFileParser.parse(file).0
    func symbol(
      _ name: String, _ detail: String?, kind: Int, range: SourceRange, selection: SourceRange,
      children: [JSON] = []
    ) -> JSON {
      var object: [String: JSON] = [
        "name": .string(name.isEmpty ? "(unnamed)" : name), "kind": .int(kind),
        "range": document.range(start: range.start, end: max(range.end, selection.end)).json,
        "selectionRange": document.range(start: selection.start, end: selection.end).json,
      ]
      if let detail { object["detail"] = .string(detail) }
      if !children.isEmpty { object["children"] = .array(children) }
      return .object(object)
    }
    var symbols: [JSON] = []
    for flag in syntax.flags {
      let kind = flag.variants == nil ? "boolean flag" : "flag with variants"
      symbols.append(
        symbol(
          flag.name.value, flag.description ?? kind, kind: SymbolKind.flag, range: flag.range,
          selection: flag.name.range))
    }
    for ruleSet in syntax.ruleSets {
      var children: [JSON] = []
      for item in ruleSet.items {
        switch item {
        case .letBinding(let name, let expression):
          children.append(
            symbol(
              name.value, file.text(in: expression), kind: SymbolKind.letName,
              range: name.range.union(expression), selection: name.range))
        case .require(let reason, let expression):
          children.append(
            symbol(
              reason.value, "require", kind: SymbolKind.requirement,
              range: reason.range.union(expression), selection: reason.range))
        case .signal(let name, let weight, let expression):
          children.append(
            symbol(
              name.value, "signal, weight \(weight.value)", kind: SymbolKind.signal,
              range: name.range.union(expression), selection: name.range))
        }
      }
      symbols.append(
        symbol(
          ruleSet.name.value, ruleSet.description ?? "matchmaking rule set",
          kind: SymbolKind.ruleSet, range: ruleSet.range, selection: ruleSet.name.range,
          children: children))
    }
    for test in syntax.tests {
      var detail = "test"
      switch test.target {
      case .flag(let name): detail = "test of flag \(name.value)"
      case .ruleSet(let name): detail = "test of matchmaking \(name.value)"
      case nil: break
      }
      symbols.append(
        symbol(
          test.name.value, detail, kind: SymbolKind.test, range: test.range,
          selection: test.name.range))
    }
    return .array(symbols)
  }

  /// LSP `SymbolKind` values for each kind of thing in a rule file.
  enum SymbolKind {
    static let flag = 5  // Class
    static let ruleSet = 3  // Namespace
    static let letName = 13  // Variable
    static let requirement = 24  // Event
    static let signal = 8  // Field
    static let test = 12  // Function
  }

  // MARK: - What is at a position

  /// A name under the cursor that navigation understands.
  enum Target {
    case flag(String)
    case ruleSet(String)
    /// A `let` of `ruleSet`, by name.
    case letName(String, RuleSetSyntax, SourceFile)
  }

  /// The flag, rule set or `let` named at `offset`, if any.
  func target(at offset: Int, in index: RuleIndex, file: RuleIndex.File) -> Target? {
    let syntax = file.syntax
    func on(_ range: SourceRange) -> Bool { offset >= range.start && offset <= range.end }
    for flag in syntax.flags {
      if on(flag.name.range) { return .flag(flag.name.value) }
      for prerequisite in flag.prerequisites where on(prerequisite.flag.range) {
        return .flag(prerequisite.flag.value)
      }
    }
    for ruleSet in syntax.ruleSets {
      if on(ruleSet.name.range) { return .ruleSet(ruleSet.name.value) }
      for item in ruleSet.items {
        if case .letBinding(let name, _) = item, on(name.range) {
          return .letName(name.value, ruleSet, file.source)
        }
      }
    }
    for test in syntax.tests {
      switch test.target {
      case .flag(let name) where on(name.range): return .flag(name.value)
      case .ruleSet(let name) where on(name.range): return .ruleSet(name.value)
      default: break
      }
    }
    if let site = index.expression(at: offset, in: file),
      case .ruleSet(let ruleSet, let item) = site.owner,
      let word = ExpressionText.identifier(at: offset, in: file.source.utf8),
      !word.isMember,
      RuleIndex.lets(of: ruleSet, before: item).contains(where: { $0.name.value == word.name })
    {
      return .letName(word.name, ruleSet, file.source)
    }
    return nil
  }

  // MARK: - Definition and references

  func definition(_ document: TextDocument, at offset: Int) -> JSON {
    let (index, file) = index(for: document)
    switch target(at: offset, in: index, file: file) {
    case .flag(let name):
      guard let flag = index.flag(named: name) else { return .null }
      return location(flag.file, flag.syntax.name.range)
    case .ruleSet(let name):
      guard let ruleSet = index.ruleSet(named: name) else { return .null }
      return location(ruleSet.file, ruleSet.syntax.name.range)
    case .letName(let name, let ruleSet, let source):
      guard
        let binding = RuleIndex.lets(of: ruleSet, before: nil).first(where: {
          $0.name.value == name
        })
      else { return .null }
      return location(source, binding.name.range)
    case nil:
      return .null
    }
  }

  func references(_ document: TextDocument, at offset: Int, includeDeclaration: Bool) -> JSON {
    let (index, file) = index(for: document)
    let sites: [RuleIndex.Site]
    switch target(at: offset, in: index, file: file) {
    case .flag(let name):
      sites = index.flagSites(name, includeDefinition: includeDeclaration)
    case .ruleSet(let name):
      sites = index.ruleSetSites(name, includeDefinition: includeDeclaration)
    case .letName(let name, let ruleSet, let source):
      sites = letSites(name, in: ruleSet, source: source, includeDeclaration: includeDeclaration)
    case nil:
      sites = []
    }
    return .array(sites.map { location($0.file, $0.range) })
  }

  /// The `let` definition and every use of its name in the expressions below it.
  func letSites(
    _ name: String, in ruleSet: RuleSetSyntax, source: SourceFile, includeDeclaration: Bool
  ) -> [RuleIndex.Site] {
    var sites: [RuleIndex.Site] = []
    var defined = false
    var ranges: [SourceRange] = []
    for item in ruleSet.items {
      switch item {
      case .letBinding(let letName, let expression):
        if defined { ranges.append(expression) }
        if letName.value == name && !defined {
          defined = true
          if includeDeclaration { sites.append(RuleIndex.Site(file: source, range: letName.range)) }
        }
      case .require(_, let expression), .signal(_, _, let expression):
        if defined { ranges.append(expression) }
      }
    }
    if defined, let keep = ruleSet.keep { ranges.append(keep) }
    for range in ranges {
      for use in ExpressionText.identifiers(in: range, of: source.utf8)
      where use.name == name && !use.isMember {
        sites.append(RuleIndex.Site(file: source, range: use.range))
      }
    }
    return sites
  }
}
