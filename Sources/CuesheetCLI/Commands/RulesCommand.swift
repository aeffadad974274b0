import Application
import ArgumentParser
import Diagnostics
import Expressions
import Foundation
import Matchmaking
import Rules
import Store

/// `cuesheet rules …`: check, test, explain and diff rule files.
struct RulesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Check, test, explain, diff and format rule files.",
    subcommands: [Check.self, Test.self, Explain.self, Diff.self, Fmt.self]
  )

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Load and type-check rule files; report every error and warning.",
      discussion: """
        Checks the given files or folders (default: the --rules paths) together with the --rules
        paths (default: ./rules), so names defined in other files resolve; reports only the
        diagnostics of the checked files. Exit 65 when a loaded file has an error, 0 otherwise
        (warnings included).
        """)
    @Argument(help: "Rule files or folders to check (default: the --rules paths).")
    var paths: [String] = []
    @OptionGroup var ruleOptions: RuleOptions
    @Flag(help: "Print the diagnostics as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let result: RuleCheckResult
        do {
          result = try RuleLoader.check(
            paths.isEmpty ? ruleOptions.paths : paths, context: ruleOptions.paths,
            contextIsOptional: ruleOptions.rules.isEmpty)
        } catch let error as RuleFileReadError {
          throw CLIError.io(error.description)
        }
        let (files, book, diagnostics) = (result.files, result.book, result.diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if json {
          try Output.json(
            CheckJSON(
              files: files, ok: book != nil, errors: errors, warnings: warnings,
              flags: book?.flags.flags.count ?? 0, ruleSets: book?.ruleSets.count ?? 0,
              tests: book?.tests.count ?? 0, diagnostics: diagnostics.map(DiagnosticJSON.init)))
        } else {
          if !diagnostics.isEmpty {
            Output.error(DiagnosticRenderer.render(diagnostics, colour: Output.stderrIsTerminal))
          }
          let contents =
            book.map {
              "\($0.flags.flags.count) flags, \($0.ruleSets.count) rule sets, \($0.tests.count) tests; "
            } ?? ""
          print(
            "checked \(files.count) file\(files.count == 1 ? "" : "s"): \(contents)\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
          )
        }
        if result.contextErrors > 0 {
          Output.error(
            "error: \(result.contextErrors) error(s) in other rule files (\(result.loaded.filter { !files.contains($0) }.joined(separator: ", "))); run `cuesheet rules check` on them"
          )
        }
        if book == nil { throw ExitStatus.badInput }
      }
    }
  }

  struct Test: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run every rule test; print each failure with expected vs actual.",
      discussion: "Exit 1 when a test fails, 65 when the rule files do not load.")
    @Argument(help: "Rule files or folders (added to --rules; default: ./rules).")
    var paths: [String] = []
    @OptionGroup var ruleOptions: RuleOptions
    @Option(help: "Only tests whose name contains this text.") var filter: String?
    @Flag(help: "Print the results as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let book = try RuleBookLoading.load(
          paths: paths.isEmpty ? ruleOptions.paths : ruleOptions.rules + paths)
        var results = RuleTestRunner.run(book)
        if let filter { results = results.filter { $0.name.contains(filter) } }
        let failed = results.filter { !$0.passed }
        if json {
          try Output.json(results)
        } else {
          for result in results {
            if result.passed {
              print("✓ \(result.name)")
            } else {
              print("✗ \(result.name)  (\(result.file):\(result.line))")
              for failure in result.failures { print("    \(failure)") }
            }
          }
          print("\(results.count - failed.count) passed, \(failed.count) failed")
        }
        if !failed.isEmpty { throw ExitStatus.checkFailed }
      }
    }
  }

  struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain one advertiser × show pair: each requirement, signal and the score.",
      discussion: """
        From the database: --advertiser ID --show ID (inputs built as `match recalculate` builds
        them). Or as JSON records: --advertiser-json and --show-json (fields left out are zero or
        empty). Fields: see docs/rule-files.md.
        """)
    @OptionGroup var ruleOptions: RuleOptions
    @Option(help: "The matchmaking rule set (default: default).") var ruleSet = "default"
    @Option(help: "The advertiser's id in the database.") var advertiser: String?
    @Option(help: "The show's id in the database.") var show: String?
    @Option(help: "With --advertiser/--show: the metrics window's last day (default: latest).")
    var asOf: String?
    @Option(
      help: "The database (with --advertiser/--show; default $CUESHEET_DB, else ./cuesheet.db).")
    var db: String?
    @Option(help: "The advertiser as a JSON object.") var advertiserJson: String?
    @Option(help: "The show as a JSON object.") var showJson: String?
    @Flag(help: "Print the explanation as JSON.") var json = false

    func validate() throws {
      let fromDatabase = advertiser != nil || show != nil
      let fromJSON = advertiserJson != nil || showJson != nil
      if fromDatabase == fromJSON || (fromDatabase && (advertiser == nil || show == nil))
        || (fromJSON && (advertiserJson == nil || showJson == nil))
      {
        throw ValidationError(
          "Give either --advertiser ID and --show ID, or --advertiser-json and --show-json.")
      }
      if let asOf, Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let pair: ExplainPair.Pair
        if let advertiser, let show {
          pair = .stored(advertiser: advertiser, show: show, asOf: asOf.flatMap(Day.init(parsing:)))
        } else {
          pair = .json(advertiser: advertiserJson ?? "{}", show: showJson ?? "{}")
        }
        let path = CuesheetStore.resolvePath(explicit: db)
        let explanation = try await ExplainPair(store: { try CuesheetStore.open(path: path) }).run(
          .init(rules: try ruleOptions.load(), ruleSet: ruleSet, pair: pair))
        if json {
          try Output.json(explanation)
        } else {
          print(explanation.text)
        }
      }
    }
  }
}

/// A diagnostic for `--json`.
struct DiagnosticJSON: Encodable {
  let severity: String
  let id: String
  let message: String
  let file: String?
  let line: Int?
  let column: Int?
  let help: String?

  init(_ diagnostic: Diagnostic) {
    severity = diagnostic.severity.rawValue
    id = diagnostic.id
    message = diagnostic.message
    file = diagnostic.file?.name
    line = diagnostic.position?.line
    column = diagnostic.position?.column
    help = diagnostic.help
  }
}

struct CheckJSON: Encodable {
  let files: [String]
  let ok: Bool
  let errors: Int
  let warnings: Int
  let flags: Int
  let ruleSets: Int
  let tests: Int
  let diagnostics: [DiagnosticJSON]
}
