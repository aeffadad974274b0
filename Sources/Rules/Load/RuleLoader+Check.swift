import Diagnostics
import Foundation

/// What `rules check` found: the files checked, the book when there were no errors, and the
/// diagnostics of the checked files only.
public struct RuleCheckResult: Sendable {
  /// The files the diagnostics are about.
  public var files: [String]
  /// Every file loaded (the checked ones and their context).
  public var loaded: [String]
  /// The loaded rule book, or `nil` when any loaded file has an error.
  public var book: RuleBook?
  /// Diagnostics in the checked files.
  public var diagnostics: [Diagnostic]
  /// Errors in context files that are not being checked (they still prevent a book).
  public var contextErrors: Int
}

extension RuleLoader {
  /// Checks `targets` (files or folders) together with the rule files of `context`, as every
  /// command loads them, and keeps only the diagnostics of the targets.
  ///
  /// `rules check rules/analyst.rules` loads the whole default `rules/` folder, so a prerequisite
  /// naming a flag of `rules/flags.rules` is not reported as undefined; each file is loaded once
  /// even when it is both a target and part of the context. A context path that does not exist is
  /// skipped when `contextIsOptional` (the default `rules/` folder when run elsewhere).
  ///
  /// - Throws: ``RuleFileReadError`` when a file cannot be read.
  public static func check(
    _ targets: [String], context: [String], contextIsOptional: Bool = false
  ) throws -> RuleCheckResult {
    let targetFiles = try files(in: targets)
    let contextPaths = context.filter { path in
      !contextIsOptional || FileManager.default.fileExists(atPath: path)
    }
    let loaded = try files(in: targets + contextPaths)
    let sources = try loaded.map { path in
      do {
        return SourceFile(name: path, text: try String(contentsOfFile: path, encoding: .utf8))
      } catch {
        throw RuleFileReadError(path: path, reason: "it is missing or not UTF-8 text")
      }
    }
    let (book, diagnostics) = analyze(sources)
    let checked = Set(targetFiles)
    let own = diagnostics.filter { diagnostic in
      guard let name = diagnostic.file?.name else { return true }
      return checked.contains(name)
    }
    let contextErrors = diagnostics.filter { diagnostic in
      diagnostic.severity == .error && !(diagnostic.file.map { checked.contains($0.name) } ?? true)
    }.count
    return RuleCheckResult(
      files: targetFiles, loaded: loaded, book: book, diagnostics: own,
      contextErrors: contextErrors)
  }
}
