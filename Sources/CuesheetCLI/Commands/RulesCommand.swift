import ArgumentParser
import Diagnostics
import Expressions
import Foundation
import Matchmaking
import Rules
import Store

/// `cuesheet rules …`: check, test and explain rule files.
struct RulesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "Check, test and explain rule files.",
    subcommands: [Check.self, Test.self, Explain.self]
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
        let book = try ruleOptions.load()
        guard let rules = book.ruleSet(named: ruleSet) else {
          throw CLIError.usage(
            "There is no matchmaking rule set named \(ruleSet); the rule files define \(book.ruleSets.map(\.name).joined(separator: ", "))."
          )
        }
        let advertiserValue: Value
        let showValue: Value
        if let advertiser, let show {
          let store = try CuesheetStore.open(path: CuesheetStore.resolvePath(explicit: db))
          (advertiserValue, showValue) = try await store.writer.read { db in
            let day = try asOf.flatMap(Day.init(parsing:)) ?? MatchInputLoader.defaultAsOf(db)
            guard let a = try MatchInputLoader.advertisers(db, ids: [advertiser]).first else {
              throw MatchmakingError.unknownAdvertiser(advertiser)
            }
            guard let s = try MatchInputLoader.shows(db, asOf: day, ids: [show]).first else {
              throw MatchmakingError.unknownShow(show)
            }
            return (a.value, s.value)
          }
        } else {
          do {
            advertiserValue = try MatchInputs.record(
              MatchInputs.advertiser, json: advertiserJson ?? "{}")
            showValue = try MatchInputs.record(MatchInputs.show, json: showJson ?? "{}")
          } catch {
            throw CLIError.usage("\(error)")
          }
        }
        let explanation = PairExplanation(
          ruleSet: rules, advertiser: advertiserValue, show: showValue)
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

/// One pair's evaluation, step by step.
struct PairExplanation: Encodable {
  struct Requirement: Encodable {
    let reason: String
    let line: Int
    let passed: Bool?
  }
  struct SignalRow: Encodable {
    let name: String
    let weight: Double
    let value: Double?
    let contribution: Double?
  }

  let ruleSet: String
  let outcome: String
  let score: Double?
  let requirements: [Requirement]
  let signals: [SignalRow]
  let keep: String?

  init(ruleSet: RuleSet, advertiser: Value, show: Value) {
    var activation = ruleSet.makeActivation()
    ruleSet.bind(advertiser: advertiser, show: show, in: &activation)
    var values: [Double] = []
    let result = ruleSet.evaluate(&activation, signalValues: &values)
    self.ruleSet = ruleSet.name
    outcome = RuleTestRunner.describe(result, ruleSet)
    score = result.score
    let rejected: Int?
    if case .rejected(let index) = result { rejected = index } else { rejected = nil }
    let evaluatedAll = result.score != nil
    requirements = ruleSet.requirements.enumerated().map { index, requirement in
      let passed: Bool? =
        if let rejected { index < rejected ? true : (index == rejected ? false : nil) } else {
          evaluatedAll ? true : nil
        }
      return Requirement(reason: requirement.reason, line: requirement.line, passed: passed)
    }
    signals = ruleSet.signals.enumerated().map { index, signal in
      let value = evaluatedAll ? values[index] : nil
      return SignalRow(
        name: signal.name, weight: signal.weight, value: value,
        contribution: value.map { $0 * signal.weight })
    }
    keep = ruleSet.keepText
  }

  var text: String {
    var lines = ["rule set \(ruleSet)"]
    for requirement in requirements {
      let mark = requirement.passed.map { $0 ? "✓" : "✗" } ?? "·"
      lines.append("  \(mark) require \"\(requirement.reason)\" (line \(requirement.line))")
    }
    for signal in signals {
      let value = signal.value.map { String(format: "%.4f", $0) } ?? "—"
      let contribution = signal.contribution.map { String(format: "%.4f", $0) } ?? "—"
      lines.append("    signal \"\(signal.name)\" = \(value) × \(signal.weight) = \(contribution)")
    }
    if let score {
      lines.append("  score \(String(format: "%.4f", score))\(keep.map { " (keep \($0))" } ?? "")")
    }
    lines.append("  → \(outcome)")
    return lines.joined(separator: "\n")
  }
}
