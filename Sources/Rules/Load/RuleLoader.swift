import Diagnostics
import Expressions
import Foundation

/// Reads, parses, checks and compiles rule files into a ``RuleBook``.
///
/// All files are loaded before anything is returned, and every diagnostic is collected: a rule
/// book with an error is never produced, so a bad file never half-applies.
///
/// ```swift
/// let book = try RuleLoader.load(paths: ["rules"])        // *.rules and *.test in the folder
/// let gate = book.flags.evaluate("ENABLE_MATCHMAKING", in: try book.flags.context(json: "{}"))
/// ```
public struct RuleLoader {
  var diagnostics: [Diagnostic] = []
  var flags: [FeatureFlag] = []
  var flagSyntax: [String: (FlagSyntax, SourceFile)] = [:]
  var ruleSets: [RuleSet] = []
  var tests: [RuleTest] = []
  let flagEnvironment = FlagEnvironment()
  /// Analyses of expressions already seen (``analyze(_:cache:)``), or nil to analyse each.
  var cache: ExpressionCache?

  /// The `.rules` and `.test` files under `paths` (files as given, folders non-recursively, sorted),
  /// each once: a file named directly and again through its folder (`--rules rules/flags.rules
  /// --rules rules`) is loaded once, where it first appears.
  public static func files(in paths: [String]) throws -> [String] {
    var files: [String] = []
    var seen: Set<String> = []
    func append(_ file: String) {
      if seen.insert(canonicalPath(file)).inserted { files.append(file) }
    }
    for path in paths {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw RuleFileReadError(path: path, reason: "no such file or folder")
      }
      if isDirectory.boolValue {
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted()
        for name in names where name.hasSuffix(".rules") || name.hasSuffix(".test") {
          append((path as NSString).appendingPathComponent(name))
        }
      } else {
        append(path)
      }
    }
    return files
  }

  /// An absolute path with `.`, `..` and symbolic links resolved, to tell whether two paths name
  /// the same file.
  static func canonicalPath(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/")
      ? path
      : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
    return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
  }

  /// Loads every rule file under `paths`.
  ///
  /// - Throws: ``RuleLoadError`` with every diagnostic when any file has an error;
  ///   ``RuleFileReadError`` when a file cannot be read.
  public static func load(paths: [String]) throws -> RuleBook {
    let files = try files(in: paths)
    let sources = try files.map { path in
      do {
        return SourceFile(name: path, text: try String(contentsOfFile: path, encoding: .utf8))
      } catch {
        throw RuleFileReadError(path: path, reason: "it is missing or not UTF-8 text")
      }
    }
    return try load(sources)
  }

  /// Loads rule files already in memory.
  public static func load(_ sources: [SourceFile]) throws -> RuleBook {
    let (book, diagnostics) = analyze(sources)
    guard let book else { throw RuleLoadError(diagnostics: diagnostics) }
    return book
  }

  /// Loads without throwing: the book when there were no errors, and every diagnostic.
  ///
  /// With a `cache`, expressions analysed before (the same text in the same environment) are not
  /// analysed again: for tools that re-check the same files after small edits; see
  /// ``ExpressionCache`` for what such a book is good for.
  public static func analyze(_ sources: [SourceFile], cache: ExpressionCache? = nil) -> (
    RuleBook?, [Diagnostic]
  ) {
    var loader = RuleLoader()
    loader.cache = cache
    var syntaxes: [RuleFileSyntax] = []
    for source in sources {
      let (syntax, parseDiagnostics) = RuleFileParser.parse(source)
      loader.diagnostics += parseDiagnostics
      syntaxes.append(syntax)
    }
    // Flags first (prerequisites may name flags of other files), then rule sets, then tests.
    for syntax in syntaxes {
      for flag in syntax.flags { loader.register(flag, in: syntax.file) }
    }
    for syntax in syntaxes {
      for flag in syntax.flags { loader.compile(flag, in: syntax.file) }
    }
    loader.checkPrerequisites()
    for syntax in syntaxes {
      for ruleSet in syntax.ruleSets { loader.compile(ruleSet, in: syntax.file) }
    }
    for syntax in syntaxes {
      for test in syntax.tests { loader.compile(test, in: syntax.file) }
    }
    let errors = loader.diagnostics.contains { $0.severity == .error }
    let sorted = loader.diagnostics.sorted { a, b in
      (a.file?.name ?? "", a.range?.start ?? 0) < (b.file?.name ?? "", b.range?.start ?? 0)
    }
    if errors { return (nil, sorted) }
    let book = RuleBook(
      flags: FlagSet(flags: loader.flags, environment: loader.flagEnvironment),
      ruleSets: loader.ruleSets, tests: loader.tests, files: sources.map(\.name),
      warnings: sorted,
      fingerprint: contentHash(
        sources.map { "\(($0.name as NSString).lastPathComponent)\u{0}\($0.text)\u{0}" }
          .joined()))
    return (book, sorted)
  }

  // MARK: - Shared helpers

  /// Compiles an expression range, keeping its diagnostics; nil when it has errors.
  mutating func compileExpression(
    _ range: SourceRange, in file: SourceFile, environment: Environment
  ) -> Program? {
    let (program, found) =
      cache?.analyze(file, range: range, in: environment)
      ?? {
        let result = Expression.analyze(file, range: range, in: environment)
        return (result.program, result.diagnostics)
      }()
    diagnostics += Self.suggestingEquality(found, in: file, range: range)
    return program
  }

  /// `env = "x"`: a lone `=` is a syntax error in the expression language; the first error of such
  /// an expression gets the help "to compare, write `==`", pointing at the `=`.
  static func suggestingEquality(
    _ diagnostics: [Diagnostic], in file: SourceFile, range: SourceRange
  ) -> [Diagnostic] {
    guard let first = diagnostics.firstIndex(where: { $0.severity == .error }),
      diagnostics[first].id.hasPrefix("syntax")
    else { return diagnostics }
    let bytes = file.utf8
    let equals = UInt8(ascii: "=")
    var quote: UInt8?
    for index in range.start..<min(range.end, bytes.count) {
      let byte = bytes[index]
      if let open = quote {
        if byte == open && bytes[index - 1] != UInt8(ascii: "\\") { quote = nil }
        continue
      }
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
        continue
      }
      guard byte == equals else { continue }
      let before = index > 0 ? bytes[index - 1] : 0
      let after = index + 1 < bytes.count ? bytes[index + 1] : 0
      let operatorBytes: Set<UInt8> = Set("=<>!".utf8)
      if operatorBytes.contains(before) || after == equals || after == UInt8(ascii: ">") {
        continue
      }
      var result = diagnostics
      result[first].help = "to compare, write `==` instead of `=`"
      result[first].range = SourceRange(start: index, end: index + 1)
      // The lexer's follow-on error at the same `=` is the same mistake.
      result = result.enumerated().filter { position, diagnostic in
        position == first || !diagnostic.id.hasPrefix("syntax")
          || diagnostic.range?.start != index
      }.map(\.element)
      return result
    }
    return diagnostics
  }

  mutating func report(
    _ id: String, _ message: String, file: SourceFile, range: SourceRange, help: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(.error, id: id, message: message, file: file, range: range, help: help))
  }

  mutating func warn(
    _ id: String, _ message: String, file: SourceFile, range: SourceRange, help: String? = nil
  ) {
    diagnostics.append(
      Diagnostic(.warning, id: id, message: message, file: file, range: range, help: help))
  }

  /// A definition's text normalised for comparison: comments (`#` outside a string to the end of
  /// the line) and blank lines dropped, each line trimmed, runs of spaces outside strings collapsed
  /// to one, so a re-indented or re-commented definition compares equal to the original.
  ///
  /// ```
  /// flag A {                       →  flag A {
  ///   # why                            default on
  ///   default   on   # for now         }
  /// }
  /// ```
  public static func definitionText(_ text: String) -> String {
    var lines: [String] = []
    for line in text.split(whereSeparator: \.isNewline) {
      var out = ""
      var quote: Character?
      var escaped = false
      var pendingSpace = false
      for character in line {
        if let open = quote {
          out.append(character)
          if escaped {
            escaped = false
          } else if character == "\\" {
            escaped = true
          } else if character == open {
            quote = nil
          }
          continue
        }
        if character == "#" { break }
        if character == " " || character == "\t" || character == "\r" {
          pendingSpace = !out.isEmpty
          continue
        }
        if pendingSpace {
          out.append(" ")
          pendingSpace = false
        }
        if character == "\"" || character == "'" { quote = character }
        out.append(character)
      }
      if !out.isEmpty { lines.append(out) }
    }
    return lines.joined(separator: "\n")
  }

  /// A content hash of a file's text (FNV-1a 64, hex): identifies the rules a result came from.
  static func contentHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }
}
