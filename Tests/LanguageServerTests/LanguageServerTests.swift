import Diagnostics
import Expressions
import Foundation
import Rules
import Testing

@testable import LanguageServer

@Suite("language server features")
struct LanguageServerTests {
  // MARK: - Lifecycle

  @Test("initialize announces the features; requests before it are refused")
  func initialize() {
    let client = TestClient(initialize: false)
    let early = client.request("textDocument/hover", [:])
    #expect(early["error"]?["code"] == -32002)
    let reply = client.request("initialize", ["capabilities": [:]])
    let capabilities = reply["result"]?["capabilities"]
    #expect(capabilities?["textDocumentSync"]?["change"] == 2)
    for feature in [
      "hoverProvider", "definitionProvider", "referencesProvider", "documentFormattingProvider",
      "documentSymbolProvider",
    ] {
      #expect(capabilities?[feature] == true, "\(feature)")
    }
    #expect(capabilities?["completionProvider"] != nil)
    #expect(capabilities?["codeActionProvider"] != nil)
  }

  @Test("shutdown then exit is exit code 0; exit alone is 1; unknown methods and cancels")
  func lifecycle() {
    let client = TestClient()
    #expect(client.request("no/such", [:])["error"]?["code"] == -32601)
    #expect(client.notify("$/cancelRequest", ["id": 1]).isEmpty)
    #expect(client.request("shutdown", .null)["result"] == .null)
    #expect(client.request("textDocument/hover", [:])["error"]?["code"] == -32600)
    client.notify("exit", .null)
    #expect(client.server.exitCode == 0)
    let abrupt = TestClient()
    abrupt.notify("exit", .null)
    #expect(abrupt.server.exitCode == 1)
  }

  // MARK: - Diagnostics

  static let misspelled = """
    matchmaking m {
      let big = show.downloads_30d > 1000
      require "audience": show.downlods_30d >= 1000
      signal "s" weight 1.0: big ? 1.0 : 0.0
    }

    """

  @Test("diagnostics: the ids, ranges and messages of `rules check`; fixed by a change; cleared")
  func diagnosticsFollowEdits() throws {
    let folder = try TemporaryFolder()
    let uri = folder.uri("m.rules")
    let client = TestClient()
    let published = client.open(uri, Self.misspelled)
    let expected = RuleLoader.analyze([
      SourceFile(name: folder.path + "/m.rules", text: Self.misspelled)
    ]).1
    #expect(published.count == expected.count)
    let first = try #require(published.first)
    #expect(first["code"] == "check.no-such-field")
    #expect(first["severity"] == 1)
    #expect(first["source"] == "cuesheet")
    #expect(first["message"]?.stringValue?.contains("downlods_30d") == true)
    #expect(first["message"]?.stringValue?.contains("did you mean `downloads_30d`?") == true)
    // The range is the checker's: line 3 (zero-based 2), from `show` (column 22).
    let range = try #require(LSPRange(first["range"]))
    let position = try #require(expected.first?.position)
    #expect(range.start == LSPPosition(line: position.line - 1, character: position.column - 1))
    #expect(range.start == LSPPosition(line: 2, character: 22))
    // Fix it with an incremental change: insert the missing "a" (downlo|ds → downloads).
    let replies = client.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": .string(uri), "version": 2],
        "contentChanges": [
          [
            "range": LSPRange(
              start: LSPPosition(line: 2, character: 33), end: LSPPosition(line: 2, character: 33)
            ).json, "text": "a",
          ]
        ],
      ])
    #expect(TestClient.diagnostics(replies, uri).isEmpty, "\(replies)")
    #expect(replies.first?["params"]?["version"] == 2)
    // Closing clears them.
    let closed = client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
    #expect(closed.first?["params"]?["diagnostics"] == [])
  }

  @Test(
    "cross-file: a prerequisite defined in another file of the folder resolves; an unknown one is reported"
  )
  func crossFile() throws {
    let folder = try TemporaryFolder()
    try folder.write("base.rules", "flag BASE {\n  default on\n}\n")
    let client = TestClient()
    let good = client.open(
      folder.uri("child.rules"), "flag CHILD {\n  requires BASE\n  default on\n}\n")
    #expect(good.isEmpty, "\(good)")
    let bad = client.open(
      folder.uri("other.rules"), "flag OTHER {\n  requires BAES\n  default on\n}\n")
    let check = try RuleLoader.check([folder.path + "/base.rules"], context: [folder.path])
    #expect(check.diagnostics.isEmpty)
    #expect(bad.count == 1)
    #expect(bad.first?["message"]?.stringValue?.contains("BAES") == true, "\(bad)")
    // A test file in the folder sees the flags of the .rules files, open or not.
    let test = client.open(folder.uri("base.test"), "test \"t\" {\n  flag BASE\n  expect on\n}\n")
    #expect(test.isEmpty, "\(test)")
  }

  @Test("an unsaved document with the cuesheet-rules language id is checked alone")
  func untitled() {
    let client = TestClient()
    let diagnostics = client.open("untitled:Untitled-1", "flag A {\n  default maybe\n}\n")
    #expect(diagnostics.count == 1, "\(diagnostics)")
    // Without the language id, a file that is not named *.rules is not a rule file.
    let other = client.notify(
      "textDocument/didOpen",
      [
        "textDocument": [
          "uri": "untitled:Untitled-2", "languageId": "plaintext", "version": 1,
          "text": "flag A {\n  default maybe\n}\n",
        ]
      ])
    #expect(TestClient.diagnostics(other, "untitled:Untitled-2").isEmpty)
  }

  @Test("the shipped rules open without diagnostics")
  func shippedRulesClean() throws {
    let client = TestClient()
    for name in ["flags.rules", "flags.test", "matchmaking.rules", "matchmaking.test"] {
      let path = packageRoot + "/rules/" + name
      let text = try String(contentsOfFile: path, encoding: .utf8)
      let diagnostics = client.open(TextDocument.uri(of: path), text)
      #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
    }
  }

  // MARK: - Symbols, hover, completion

  @Test("document symbols: flags, rule sets with their lets, requirements and signals, tests")
  func symbols() throws {
    let client = TestClient()
    let path = packageRoot + "/rules/matchmaking.rules"
    let uri = TextDocument.uri(of: path)
    client.open(uri, try String(contentsOfFile: path, encoding: .utf8))
    let symbols = try #require(
      client.request("textDocument/documentSymbol", ["textDocument": ["uri": .string(uri)]])[
        "result"]?.arrayValue)
    #expect(symbols.first?["name"] == "default")
    let children =
      symbols.first?["children"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
    #expect(children.contains("shared_categories"))
    #expect(children.contains("brand safety"))
    #expect(children.contains("price fit"))
    let flagsPath = packageRoot + "/rules/flags.rules"
    client.open(
      TextDocument.uri(of: flagsPath), try String(contentsOfFile: flagsPath, encoding: .utf8))
    let flags =
      client.request(
        "textDocument/documentSymbol",
        ["textDocument": ["uri": .string(TextDocument.uri(of: flagsPath))]])["result"]?.arrayValue
      ?? []
    let names: [String] = flags.compactMap { symbol in symbol["name"]?.stringValue }
    #expect(names.contains("ENABLE_MATCHMAKING"))
  }

  @Test(
    "hover: a field's type and doc, a let's type, a function's signature, a flag's evaluation order"
  )
  func hover() throws {
    let client = TestClient()
    let path = packageRoot + "/rules/matchmaking.rules"
    let uri = TextDocument.uri(of: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    client.open(uri, text)
    func hover(_ needle: String, plus: Int = 1) -> String {
      let document = TextDocument(uri: uri, text: text)
      let position = document.position(of: utf8Offset(of: needle, in: text) + plus)
      return client.at("textDocument/hover", uri, position.line, position.character)["contents"]?[
        "value"]?.stringValue ?? ""
    }
    #expect(hover("show.downloads_30d >=", plus: 6).contains("show.downloads_30d: int"))
    #expect(hover("show.downloads_30d >=", plus: 6).contains("metrics_daily"))
    #expect(hover("size(shared_categories)", plus: 7).contains("list(string)"))
    #expect(hover("math.least", plus: 6).contains("math.least(a, b, …)"))
    #expect(hover("let shared_categories", plus: 6).contains("let shared_categories: list(string)"))

    let flagsPath = packageRoot + "/rules/flags.rules"
    let flagsText = try String(contentsOfFile: flagsPath, encoding: .utf8)
    let flagsURI = TextDocument.uri(of: flagsPath)
    client.open(flagsURI, flagsText)
    let document = TextDocument(uri: flagsURI, text: flagsText)
    let position = document.position(
      of: utf8Offset(of: "requires ENABLE_MATCHMAKING", in: flagsText) + 12)
    let value =
      client.at("textDocument/hover", flagsURI, position.line, position.character)["contents"]?[
        "value"]?.stringValue ?? ""
    #expect(value.contains("flag ENABLE_MATCHMAKING"), "\(value)")
    #expect(value.contains("Evaluation order: enabled →"), "\(value)")
    #expect(value.contains("3 `when` rules, first match wins → default off"), "\(value)")
  }

  static let completionSource = """
    flag GATE {
      default off
    }

    flag V {
      variants {
        classic = "classic"
        modern = "modern"
      }
      requires 
      default classic
      when account.
      when env == "x" => 
    }

    matchmaking m {
      let reach = show.downloads_30d
      require "r": show.
      signal "s" weight 1.0: math.
      
    }

    """

  @Test(
    "completion by position",
    arguments: [
      (11, 15, "tier"), (17, 20, "downloads_30d"), (17, 20, "cpm"), (9, 11, "GATE"),
      (12, 21, "modern"),
      (12, 21, "rollout"), (18, 30, "least"), (19, 2, "signal"), (19, 2, "keep"),
    ])
  func completion(_ line: Int, _ character: Int, _ label: String) throws {
    let folder = try TemporaryFolder()
    let client = TestClient()
    let uri = folder.uri("c.rules")
    client.open(uri, Self.completionSource)
    let items =
      client.at("textDocument/completion", uri, line, character)["items"]?.arrayValue ?? []
    let labels = items.compactMap { $0["label"]?.stringValue }
    #expect(labels.contains(label), "\(line):\(character) \(labels)")
  }

  @Test("completion inside an expression offers variables, lets and functions with signatures")
  func completionInExpression() throws {
    let folder = try TemporaryFolder()
    let client = TestClient()
    let uri = folder.uri("c.rules")
    client.open(uri, "matchmaking m {\n  let reach = show.downloads_30d\n  require \"r\": r\n}\n")
    let items = client.at("textDocument/completion", uri, 2, 16)["items"]?.arrayValue ?? []
    let byLabel = Dictionary(
      items.compactMap { item in item["label"]?.stringValue.map { ($0, item) } },
      uniquingKeysWith: { a, _ in a })
    #expect(byLabel["reach"]?["detail"] == "int")
    #expect(byLabel["show"] != nil)
    #expect(byLabel["size"]?["detail"] == "size(x) -> int")
    #expect(byLabel["has"] != nil)
  }

  // MARK: - Navigation

  @Test("definition of a let use; references of a flag across files")
  func navigation() throws {
    let client = TestClient()
    let path = packageRoot + "/rules/matchmaking.rules"
    let uri = TextDocument.uri(of: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    client.open(uri, text)
    let document = TextDocument(uri: uri, text: text)
    let position = document.position(of: utf8Offset(of: "size(shared_categories)", in: text) + 8)
    let definition = client.at("textDocument/definition", uri, position.line, position.character)
    let defLine = try #require(
      text.components(separatedBy: "\n").firstIndex { $0.contains("let shared_categories") })
    #expect(definition["uri"]?.stringValue == uri)
    #expect(LSPRange(definition["range"])?.start == LSPPosition(line: defLine, character: 6))
    let references =
      client.request(
        "textDocument/references",
        [
          "textDocument": ["uri": .string(uri)], "position": position.json,
          "context": ["includeDeclaration": true],
        ])["result"]?.arrayValue ?? []
    #expect(references.count == 2)

    let flagsPath = packageRoot + "/rules/flags.rules"
    let flagsURI = TextDocument.uri(of: flagsPath)
    let flagsText = try String(contentsOfFile: flagsPath, encoding: .utf8)
    client.open(flagsURI, flagsText)
    // On the `flag ENABLE_MATCHMAKING` header (line 7, zero-based 6).
    let flagReferences =
      client.request(
        "textDocument/references",
        [
          "textDocument": ["uri": .string(flagsURI)], "position": TestClient.position(6, 8),
          "context": ["includeDeclaration": true],
        ])["result"]?.arrayValue ?? []
    let files = Set(
      flagReferences.compactMap {
        $0["uri"]?.stringValue?.split(separator: "/").last.map(String.init)
      })
    #expect(files == ["flags.rules", "flags.test"], "\(flagReferences)")
    let testCount =
      try String(contentsOfFile: packageRoot + "/rules/flags.test", encoding: .utf8).components(
        separatedBy: "flag ENABLE_MATCHMAKING\n"
      ).count - 1
    // The definition, one `requires` and every test of the flag.
    #expect(flagReferences.count == 2 + testCount)
  }

  @Test("definition of a rule set named by a test, from the .test file")
  func ruleSetDefinition() throws {
    let client = TestClient()
    let path = packageRoot + "/rules/matchmaking.test"
    let uri = TextDocument.uri(of: path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    client.open(uri, text)
    let line = try #require(
      text.components(separatedBy: "\n").firstIndex {
        $0.trimmingCharacters(in: .whitespaces) == "matchmaking default"
      })
    let definition = client.at("textDocument/definition", uri, line, 16)
    #expect(
      definition["uri"]?.stringValue?.hasSuffix("rules/matchmaking.rules") == true, "\(definition)")
  }

  // MARK: - Editing

  @Test("formatting returns one edit to the canonical layout, none when formatted")
  func formatting() throws {
    let folder = try TemporaryFolder()
    let client = TestClient()
    let uri = folder.uri("f.rules")
    let messy = "flag A {\n      default on   # kept\n}\nflag B {\ndefault off\n}\n"
    client.open(uri, messy)
    let edits =
      client.request(
        "textDocument/formatting",
        ["textDocument": ["uri": .string(uri)], "options": ["tabSize": 2, "insertSpaces": true]])[
        "result"]?.arrayValue ?? []
    #expect(edits.count == 1)
    #expect(edits.first?["newText"]?.stringValue == (try RuleFormatter.format(messy)))
    client.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": .string(uri), "version": 2],
        "contentChanges": [["text": .string(try RuleFormatter.format(messy))]],
      ])
    let none = client.request(
      "textDocument/formatting", ["textDocument": ["uri": .string(uri)], "options": [:]])["result"]
    #expect(none == [])
  }

  @Test("a did-you-mean diagnostic has a quick fix replacing just the misspelled name")
  func codeAction() throws {
    let folder = try TemporaryFolder()
    let client = TestClient()
    let uri = folder.uri("m.rules")
    let diagnostics = client.open(uri, Self.misspelled)
    let actions =
      client.request(
        "textDocument/codeAction",
        [
          "textDocument": ["uri": .string(uri)], "range": diagnostics[0]["range"]!,
          "context": ["diagnostics": .array(diagnostics)],
        ])["result"]?.arrayValue ?? []
    let action = try #require(actions.first)
    #expect(action["kind"] == "quickfix")
    let edit = try #require(action["edit"]?["changes"]?[uri]?.arrayValue?.first)
    #expect(edit["newText"] == "downloads_30d")
    #expect(
      LSPRange(edit["range"])
        == LSPRange(
          start: LSPPosition(line: 2, character: 27), end: LSPPosition(line: 2, character: 39)))
  }

  // MARK: - Catalog

  @Test("every catalog entry's example type-checks: the names exist in the language")
  func catalog() {
    for entry in ExpressionCatalog.entries {
      let result = Expression.analyze(entry.example, in: Environment())
      #expect(result.program != nil, "\(entry.name): \(entry.example) \(result.diagnostics)")
      #expect(
        entry.example.contains(entry.name.split(separator: ".").last.map(String.init) ?? entry.name)
      )
    }
  }
}

/// The UTF-8 offset of the first occurrence of `needle` in `text` (or -1).
func utf8Offset(of needle: String, in text: String) -> Int {
  guard let range = text.range(of: needle) else { return -1 }
  return text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound)
}

@Suite("language server: report templates")
struct TemplateDiagnosticsTests {
  @Test("the shipped templates open without diagnostics")
  func shippedTemplates() throws {
    let client = TestClient()
    let folder = packageRoot + "/reports"
    for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    where name.hasSuffix(".md") {
      let path = folder + "/" + name
      let diagnostics = client.open(
        TextDocument.uri(of: path), try String(contentsOfFile: path, encoding: .utf8))
      #expect(diagnostics.isEmpty, "\(name): \(diagnostics)")
    }
  }

  @Test("a bad schedule and an unclosed front matter are reported at their lines")
  func problems() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/reports", withIntermediateDirectories: true)
    let client = TestClient()
    let uri = folder.uri("reports/t.md")
    let schedule = client.open(uri, "---\ntitle: T\nschedule: \"61 * * * *\"\n---\n# Hi\n")
    #expect(schedule.count == 1, "\(schedule)")
    #expect(LSPRange(schedule.first?["range"])?.start.line == 2)
    #expect(schedule.first?["message"]?.stringValue?.contains("bad schedule") == true)
    let unclosed = client.notify(
      "textDocument/didChange",
      [
        "textDocument": ["uri": .string(uri), "version": 2],
        "contentChanges": [["text": "---\ntitle: T\n"]],
      ])
    let diagnostics = TestClient.diagnostics(unclosed, uri)
    #expect(diagnostics.first?["message"]?.stringValue?.contains("not closed") == true)
    // A Markdown file outside a `reports` folder is not a template.
    #expect(client.open(folder.uri("README.md"), "# not a template\n").isEmpty)
  }
}
