import Foundation
import Testing

/// The VS Code extension under editors/vscode: valid JSON, a grammar whose patterns compile and
/// colour the shipped rule files, and a client that starts `cuesheet lsp`.
@Suite("editors/vscode")
struct EditorFilesTests {
  static let folder = packageRoot + "/editors/vscode"

  static func json(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  @Test("package.json declares the language, its grammar and configuration files that exist")
  func manifest() throws {
    let manifest = try Self.json("package.json")
    let contributes = try #require(manifest["contributes"] as? [String: Any])
    let languages = try #require(contributes["languages"] as? [[String: Any]])
    #expect(languages.first?["id"] as? String == "cuesheet-rules")
    #expect((languages.first?["extensions"] as? [String]) == [".rules"])
    let grammars = try #require(contributes["grammars"] as? [[String: Any]])
    for path in [
      languages.first?["configuration"] as? String, grammars.first?["path"] as? String,
      manifest["main"] as? String,
    ] {
      let file = try #require(path)
      #expect(FileManager.default.fileExists(atPath: Self.folder + "/" + file), "\(file)")
    }
    let client = try String(contentsOfFile: Self.folder + "/extension.js", encoding: .utf8)
    #expect(client.contains(#"args: ["lsp"]"#))
  }

  @Test("every grammar pattern compiles, and keywords and comments of the shipped files match")
  func grammar() throws {
    let grammar = try Self.json("syntaxes/cuesheet-rules.tmLanguage.json")
    var patterns: [String] = []
    func collect(_ value: Any) {
      if let object = value as? [String: Any] {
        for key in ["match", "begin", "end"] {
          if let pattern = object[key] as? String { patterns.append(pattern) }
        }
        object.values.forEach(collect)
      } else if let array = value as? [Any] {
        array.forEach(collect)
      }
    }
    collect(grammar)
    #expect(patterns.count > 10)
    let rules = try String(contentsOfFile: packageRoot + "/rules/flags.rules", encoding: .utf8)
    var matched = 0
    for pattern in patterns {
      let regex = try NSRegularExpression(pattern: pattern, options: [.anchorsMatchLines])
      if regex.firstMatch(in: rules, range: NSRange(rules.startIndex..., in: rules)) != nil {
        matched += 1
      }
    }
    #expect(matched >= patterns.count / 2, "\(matched) of \(patterns.count) patterns match")
  }
}
