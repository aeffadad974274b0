import Application
import ArgumentParser
import Diagnostics
import Foundation
import Store

extension RulesCommand {
  /// `cuesheet rules diff`: what a rule change does to flags and matches, before it ships.
  struct Diff: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Preview a rule change: flags over a population, every advertiser's ranking.",
      discussion: """
        Compares the base rules (--base REV: the --rules paths at a git revision, read with
        `git show`, nothing checked out; --base-dir DIR: another folder of rule files; default
        --base HEAD) with the current --rules files. Flags are evaluated on both sides for every
        advertiser (as account.id) in every environment the rules compare `env` with, or for each
        line of --contexts FILE (JSON lines). Every advertiser × show pair is scored with both
        versions of each rule set over the database's current data; nothing is written.
        Exit 65 when a side does not load (its diagnostics on stderr); with --fail-on-change,
        exit 1 when anything changes. The --json shape is in docs/rule-files.md.
        """)

    @Option(
      help: ArgumentHelp("The git revision to compare with (default: HEAD).", valueName: "REV"))
    var base: String?
    @Option(
      help: ArgumentHelp("A folder of base rule files instead of a revision.", valueName: "DIR"))
    var baseDir: String?
    @OptionGroup var ruleOptions: RuleOptions
    @OptionGroup var database: DatabaseOptions
    @Option(
      help: ArgumentHelp(
        "Flag contexts to evaluate, one JSON object per line (default: advertisers × environments).",
        valueName: "FILE"))
    var contexts: String?
    @Option(name: .customLong("advertiser"), help: "Only this advertiser (repeatable).")
    var advertisers: [String] = []
    @Option(help: "The metrics window's last day (default: the latest day with metrics).")
    var asOf: String?
    @Option(help: "Advertisers (and rows per list) detailed per rule set.") var limit = 10
    @Flag(help: "Print the report as JSON.") var json = false
    @Option(help: ArgumentHelp("Write the HTML review page to this file.", valueName: "OUT"))
    var html: String?
    @Flag(help: "Exit 1 when anything changes (for CI).") var failOnChange = false

    func validate() throws {
      if base != nil && baseDir != nil {
        throw ValidationError("Give --base REV or --base-dir DIR, not both.")
      }
      if json && html != nil {
        throw ValidationError("Give --json or --html OUT, not both.")
      }
      if limit < 0 { throw ValidationError("--limit must be 0 or more.") }
      if let asOf, Day(parsing: asOf) == nil {
        throw ValidationError("--as-of '\(asOf)' is not a day; use YYYY-MM-DD.")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let path = database.path
        let request = RulesDiff.Request(
          head: ruleOptions.paths,
          base: baseDir.map(RulesDiff.Base.directory) ?? .revision(base ?? "HEAD"),
          contextsFile: contexts, advertiserIDs: advertisers.isEmpty ? nil : advertisers,
          asOf: asOf.flatMap(Day.init(parsing:)), limit: limit)
        let report: RulesDiffReport
        do {
          report = try await RulesDiff(store: { try CuesheetStore.open(path: path) }).run(request)
        } catch RulesDiffError.rulesDoNotLoad(let sides) {
          for side in sides {
            Output.error("\(side.side):")
            Output.error(
              DiagnosticRenderer.render(side.diagnostics, colour: Output.stderrIsTerminal))
          }
          throw RulesDiffError.rulesDoNotLoad(sides)
        } catch RulesDiffError.notAGitWorkTree(let rulesPath) where base == nil {
          throw CLIError.usage(
            "\(rulesPath) is not in a git work tree, so there is no HEAD to compare with; pass --base-dir DIR."
          )
        }
        if json {
          try Output.json(report)
        } else if let html {
          do {
            try report.html.write(toFile: html, atomically: true, encoding: .utf8)
          } catch {
            throw ApplicationError.cannotWrite(path: html, reason: "\(error.localizedDescription)")
          }
          print(report.text)
          print("wrote the review page to \(html)")
        } else {
          print(report.text)
        }
        if failOnChange && report.changed { throw ExitStatus.checkFailed }
      }
    }
  }
}
