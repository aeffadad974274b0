import Application
import ArgumentParser
import Diagnostics
import Foundation
import Rules

/// `--rules PATH`: where rule files are read from (a folder of `*.rules` / `*.test`, or files).
struct RuleOptions: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "A rule file or a folder of them (default: $CUESHEET_RULES, else ./rules, else the shipped rules).",
      valueName: "PATH"))
  var rules: [String] = []

  /// `--rules`, else the rules folder by ``ShippedFiles``' lookup order ($CUESHEET_RULES, ./rules,
  /// the shipped copy).
  var paths: [String] {
    rules.isEmpty ? [ShippedFiles.locate(.rules, option: nil)?.path ?? "rules"] : rules
  }

  /// Loads the rule files, or prints every diagnostic and fails with exit 65.
  func load() throws -> RuleBook {
    try RuleBookLoading.load(paths: paths)
  }

  /// Loads the rule files when `--rules` is given or a rules folder is found; otherwise `nil` and why
  /// (`no rule files at rules`), for commands that work without rules.
  func loadIfPresent() throws -> (RuleBook?, String?) {
    if rules.isEmpty && ShippedFiles.locate(.rules, option: nil) == nil {
      return (nil, "no rule files at rules")
    }
    return (try load(), nil)
  }
}

/// Loading rule files for a command, with diagnostics rendered on stderr.
enum RuleBookLoading {
  static func load(paths: [String]) throws -> RuleBook {
    do {
      return try RuleLoader.load(paths: paths)
    } catch let error as RuleLoadError {
      Output.error(DiagnosticRenderer.render(error.diagnostics, colour: Output.stderrIsTerminal))
      throw CLIError.badInput(
        "the rule files have \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"); nothing was applied"
      )
    } catch let error as RuleFileReadError {
      throw CLIError.io(error.description)
    }
  }
}
