import Diagnostics
import Expressions
import Foundation
import Rules

extension LanguageServer {
  /// LSP `CompletionItemKind` values.
  enum CompletionKind {
    static let function = 3
    static let field = 5
    static let variable = 6
    static let module = 9
    static let keyword = 14
    static let enumMember = 20
    static let constant = 21
  }

  /// The keywords that start a line, by the block the line is in.
  static let blockKeywords: [String: [String]] = [
    "": ["flag", "matchmaking", "test"],
    "flag": [
      "description", "enabled", "active", "requires", "salt", "variants", "default", "off", "when",
    ],
    "matchmaking": ["description", "let", "require", "signal", "keep", "top"],
    "test": ["flag", "matchmaking", "context", "advertiser", "show", "env", "expect"],
  ]

  /// The keys flag contexts conventionally give `account` and `user` (maps of anything; see
  /// `docs/flags.md`).
  static let contextKeys: [String: [(String, String)]] = [
    "account": [
      ("id", "the account's id: the usual bucketing unit"), ("tier", "e.g. startup, enterprise"),
      ("country", "country code"), ("seats", "number of seats"),
    ],
    "user": [("id", "the user's id (for `by user.id`)"), ("email", "the user's e-mail")],
  ]

  /// Completion by position: record fields after `advertiser.`/`show.`, context keys after
  /// `account.`/`user.`, flag names after `requires`, variants after `=>`, rule set and flag names
  /// in tests, methods after any other `.`, variables, functions and macros inside expressions,
  /// and the keywords of the block at the start of a line.
  func completion(_ document: TextDocument, at offset: Int) -> JSON {
    let (index, file) = index(for: document)
    let prefix = ExpressionText.linePrefix(before: offset, in: document.utf8)
    return ["isIncomplete": false, "items": .array(completionItems(prefix, offset, index, file))]
  }

  func completionItems(
    _ prefix: String, _ offset: Int, _ index: RuleIndex, _ file: RuleIndex.File
  ) -> [JSON] {
    func item(_ label: String, _ kind: Int, _ detail: String? = nil, _ doc: String? = nil) -> JSON {
      var object: [String: JSON] = ["label": .string(label), "kind": .int(kind)]
      if let detail { object["detail"] = .string(detail) }
      if let doc { object["documentation"] = ["kind": "markdown", "value": .string(doc)] }
      return .object(object)
    }
    let trimmed = prefix.drop { $0 == " " || $0 == "\t" }
    let words = trimmed.split(separator: " ", omittingEmptySubsequences: true)
    let endsWithSpace = prefix.last == " "
    let block = enclosingBlock(at: offset, in: file.syntax)

    // `advertiser.` / `show.` / `account.` / `user.` and other members.
    if let dot = Self.memberAccess(prefix) {
      let records = ["advertiser": MatchInputs.advertiser, "show": MatchInputs.show]
      if let record = records[dot.receiver], block == "matchmaking" || block == "test" {
        return record.fields.map {
          item(
            $0.name, CompletionKind.field, "\($0.type)",
            MatchInputs.fieldDocs["\(dot.receiver).\($0.name)"])
        }
      }
      if let keys = Self.contextKeys[dot.receiver], block == "flag" {
        return keys.map { item($0.0, CompletionKind.field, "dyn", $0.1) }
      }
      if dot.receiver == "math" || dot.receiver == "base64" {
        return ExpressionCatalog.entries.filter { $0.name.hasPrefix(dot.receiver + ".") }.map {
          item(
            String($0.name.dropFirst(dot.receiver.count + 1)), CompletionKind.function,
            $0.signature, $0.doc)
        }
      }
      return ExpressionCatalog.entries.filter(\.member).map {
        item($0.name, CompletionKind.function, $0.signature, $0.doc)
      }
    }

    // `requires NAME` in a flag; `flag NAME` / `matchmaking NAME` in a test.
    if words.count <= 2, let first = words.first, words.count == 2 || endsWithSpace {
      if first == "requires" && block == "flag" {
        let current = file.syntax.flags.first { offset >= $0.range.start && offset <= $0.range.end }
        return index.flags.filter { $0.syntax.name.value != current?.name.value }.map {
          item($0.syntax.name.value, CompletionKind.constant, $0.syntax.description)
        }
      }
      if first == "flag" && block == "test" {
        return index.flags.map {
          item($0.syntax.name.value, CompletionKind.constant, $0.syntax.description)
        }
      }
      if first == "matchmaking" && block == "test" {
        return index.ruleSets.map {
          item($0.syntax.name.value, CompletionKind.module, $0.syntax.description)
        }
      }
      if (first == "default" || first == "off") && block == "flag" {
        return variants(at: offset, in: file).map { item($0, CompletionKind.enumMember, "variant") }
      }
    }

    // `when … => VARIANT`.
    if block == "flag", let arrow = prefix.range(of: "=>", options: .backwards),
      prefix[arrow.upperBound...].allSatisfy({ $0 == " " || Self.isNameCharacter($0) })
    {
      var items = variants(at: offset, in: file).map {
        item($0, CompletionKind.enumMember, "variant")
      }
      items.append(item("rollout", CompletionKind.keyword, "rollout N% [of VARIANT] by UNIT"))
      items.append(item("split", CompletionKind.keyword, "split by UNIT { VARIANT N%, … }"))
      return items
    }

    // The start of a line: the block's keywords.
    if words.count == 0
      || (words.count == 1 && !endsWithSpace && words[0].allSatisfy(Self.isNameCharacter))
    {
      if index.expression(at: offset, in: file) == nil {
        return (Self.blockKeywords[block] ?? []).map { item($0, CompletionKind.keyword) }
      }
    }

    // Inside an expression: variables, lets, functions and macros.
    guard
      let site = index.expression(at: offset, in: file)
        ?? expressionStart(prefix, block: block, offset: offset, index: index, file: file)
    else { return [] }
    var items: [JSON] = []
    let environment = environment(for: site, in: file.source)
    for variable in environment.variables {
      items.append(item(variable.name, CompletionKind.variable, "\(variable.type)"))
    }
    for entry in ExpressionCatalog.entries where entry.global {
      items.append(item(entry.name, CompletionKind.function, entry.signature, entry.doc))
    }
    for literal in ExpressionCatalog.literals {
      items.append(item(literal, CompletionKind.keyword))
    }
    return items
  }

  /// An expression being started on a line whose expression range is still empty
  /// (`require "x": ` with nothing after it yet).
  func expressionStart(
    _ prefix: String, block: String, offset: Int, index: RuleIndex, file: RuleIndex.File
  ) -> RuleIndex.ExpressionSite? {
    let trimmed = prefix.drop { $0 == " " || $0 == "\t" }
    if block == "flag",
      let flag = file.syntax.flags.first(where: {
        offset >= $0.range.start && offset <= $0.range.end
      }),
      trimmed.hasPrefix("when ")
    {
      return RuleIndex.ExpressionSite(
        range: SourceRange(start: offset, end: offset), owner: .flag(flag))
    }
    if block == "matchmaking",
      let ruleSet = file.syntax.ruleSets.first(where: {
        offset >= $0.range.start && offset <= $0.range.end
      }),
      ["let ", "require ", "signal ", "keep "].contains(where: { trimmed.hasPrefix($0) })
    {
      let item = ruleSet.items.firstIndex { item in
        switch item {
        case .letBinding(let name, _): name.range.start > offset
        case .require(let name, _): name.range.start > offset
        case .signal(let name, _, _): name.range.start > offset
        }
      }
      return RuleIndex.ExpressionSite(
        range: SourceRange(start: offset, end: offset),
        owner: .ruleSet(
          ruleSet, item: trimmed.hasPrefix("keep ") ? nil : (item ?? ruleSet.items.count)))
    }
    return nil
  }

  /// The kind of the innermost block around `offset`: "flag", "matchmaking", "test" or "".
  func enclosingBlock(at offset: Int, in syntax: RuleFileSyntax) -> String {
    func inside(_ range: SourceRange) -> Bool { offset > range.start && offset <= range.end }
    if syntax.flags.contains(where: { inside($0.range) }) { return "flag" }
    if syntax.ruleSets.contains(where: { inside($0.range) }) { return "matchmaking" }
    if syntax.tests.contains(where: { inside($0.range) }) { return "test" }
    return ""
  }

  /// The variant names of the flag around `offset` (`on`/`off` for a boolean flag).
  func variants(at offset: Int, in file: RuleIndex.File) -> [String] {
    guard
      let flag = file.syntax.flags.first(where: {
        offset >= $0.range.start && offset <= $0.range.end
      })
    else { return ["on", "off"] }
    return flag.variants.map { $0.map(\.name.value) } ?? ["on", "off"]
  }

  /// `receiver.partial` at the end of a line prefix: the receiver's last dotted component.
  static func memberAccess(_ prefix: String) -> (receiver: String, partial: String)? {
    let bytes = Array(prefix.utf8)
    var end = bytes.count
    while end > 0, ExpressionText.isNameByte(bytes[end - 1]) { end -= 1 }
    guard end > 0, bytes[end - 1] == UInt8(ascii: ".") else { return nil }
    var start = end - 1
    while start > 0, ExpressionText.isNameByte(bytes[start - 1]) { start -= 1 }
    let receiver = String(decoding: bytes[start..<(end - 1)], as: UTF8.self)
    return (receiver, String(decoding: bytes[end...], as: UTF8.self))
  }

  static func isNameCharacter(_ character: Character) -> Bool {
    character.isLetter || character.isNumber || character == "_" || character == "-"
  }
}
