import Application
import ArgumentParser
import Foundation
import Reports
import Store

/// `cuesheet reports`: build dashboards from `reports/*.md`, run the scheduled ones, list them.
struct ReportsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reports",
    abstract: "Build Markdown and HTML dashboards from report templates.",
    discussion:
      "Templates are reports/NAME.md (see docs/reports.md). Output is published atomically.",
    subcommands: [Build.self, Check.self, Run.self, List.self])

  /// Options shared by the subcommands.
  struct Common: ParsableArguments {
    @OptionGroup var database: DatabaseOptions
    @Option(
      name: .customLong("templates"),
      help: ArgumentHelp(
        "The templates directory (default: $CUESHEET_REPORTS, else ./reports, else the shipped reports).",
        valueName: "DIR"))
    var templatesOption: String?

    /// `--templates`, else ``ShippedFiles``' lookup order.
    var templates: String {
      ShippedFiles.locate(.reports, option: templatesOption)?.path ?? "reports"
    }

    /// The builder; with `refreshingSellThrough`, the `sell_through` figures the dashboards
    /// read are recomputed first (a failure is a warning: the build goes on).
    func builder(refreshingSellThrough: Bool = false) throws -> (ReportBuilder, CuesheetStore) {
      let store = try database.open()
      if refreshingSellThrough, let problem = RefreshSellThrough(store: store).runForDashboards() {
        Output.error("warning: \(problem)")
      }
      return (ReportBuilder(store: store, templatesDirectory: templates), store)
    }
  }

  /// Options of the commands that write output.
  struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Where to publish the output.", valueName: "DIR")) var out =
      "out/reports"
    @Option(help: ArgumentHelp("Output formats, comma-separated: md, html.", valueName: "LIST"))
    var format = "md,html"
    @Option(help: "The most rows one query may return.") var rowLimit = 10_000
    @Option(help: "The longest one query may run, in seconds.") var timeLimit = 10.0

    func validate() throws {
      _ = try formats()
      if rowLimit < 1 { throw ValidationError("--row-limit must be at least 1, got \(rowLimit).") }
      if !(timeLimit > 0) {
        throw ValidationError("--time-limit must be positive, got \(timeLimit).")
      }
    }

    func formats() throws -> [OutputFormat] {
      let parts = format.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      guard !parts.isEmpty else { throw ValidationError("--format needs md, html or md,html.") }
      return try parts.map { part in
        guard let format = OutputFormat(rawValue: part) else {
          throw ValidationError("--format '\(part)' is not a format; use md, html or md,html.")
        }
        return format
      }
    }

    func options(strict: Bool = false) throws -> BuildOptions {
      var options = BuildOptions()
      options.formats = try formats()
      options.rowLimit = rowLimit
      options.timeLimit = .milliseconds(Int(timeLimit * 1000))
      options.strict = strict
      options.builtAt = BuildClock.now()
      return options
    }
  }

  struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build reports (all listed ones when no NAME is given) and publish them atomically."
    )

    @OptionGroup var common: Common
    @OptionGroup var output: OutputOptions
    @Argument(help: "Reports to build, by template name.") var names: [String] = []
    @Flag(help: "Treat warnings as failures.") var strict = false
    @Flag(help: "Print the build summary as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let (builder, store) = try common.builder(refreshingSellThrough: true)
        let checks = try ReportChecker(store: store, templatesDirectory: common.templates).check(
          names: names, listedOnly: true)
        let problems = checks.flatMap(\.problems)
        if !problems.isEmpty {
          for problem in problems { Output.error("error: \(problem)") }
          Output.error(
            "error: \(problems.count) problem(s) in the templates; nothing was built (see `cuesheet reports check`)."
          )
          throw ExitStatus.badInput
        }
        let summary: BuildSummary
        var failure: ReportError?
        do {
          summary = try builder.build(
            names: names, into: output.out, options: try output.options(strict: strict))
        } catch let error as ReportError {
          // Some pages failed: the others were published; say what was, then fail.
          guard case .pagesFailed(_, let published) = error else { throw error }
          summary = published
          failure = error
        }
        if json {
          try Output.json(summary)
        } else {
          for report in summary.reports { print("\(report.name)\t\(report.pages) page(s)") }
          for warning in summary.warnings { Output.error("warning: \(warning)") }
          print(
            "built \(summary.pages) page(s) (\(summary.built) rendered, \(summary.unchanged) unchanged), \(summary.files) file(s) into \(summary.out)/ in \(summary.durationMs) ms"
          )
        }
        if let failure { throw failure }
      }
    }
  }

  struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check templates without building them: front matter, SQL, expressions, columns.",
      discussion:
        "Prepares (never runs) every SQL block against the database. Exit 1 when a template has a problem."
    )

    @OptionGroup var common: Common
    @Argument(help: "Reports to check, by template name (default: every template).")
    var names: [String] = []
    @Flag(help: "Print the problems as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let (_, store) = try common.builder()
        let checks = try ReportChecker(store: store, templatesDirectory: common.templates).check(
          names: names)
        let problems = checks.flatMap(\.problems)
        if json {
          try Output.json(checks)
        } else {
          for problem in problems { print("error: \(problem)") }
          print(
            "\(checks.count) template(s) checked, \(problems.count) problem(s)"
              + (problems.isEmpty
                ? "" : " in \(checks.filter { !$0.problems.isEmpty }.count) template(s)"))
        }
        if !problems.isEmpty { throw ExitStatus.checkFailed }
      }
    }
  }

  struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Build each scheduled report that has come due since its last successful run.",
      discussion: "Meant for cron every few minutes; overlapping runs build a due report once.")

    @OptionGroup var common: Common
    @OptionGroup var output: OutputOptions
    @Flag(help: "Build the reports that are due (required).") var due = false
    @Flag(help: "Print what was done as JSON.") var json = false

    func validate() throws {
      guard due else {
        throw ValidationError("reports run needs --due (build the reports that are due).")
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let (builder, store) = try common.builder(refreshingSellThrough: true)
        let outcomes = try ReportScheduler(builder: builder, store: store).runDue(
          into: output.out, options: try output.options())
        if json {
          try Output.json(outcomes)
        } else {
          for outcome in outcomes {
            print(
              "\(outcome.name)\t\(outcome.status)" + (outcome.pages.map { "\t\($0) page(s)" } ?? "")
                + (outcome.error.map { "\t\($0)" } ?? ""))
          }
          if outcomes.isEmpty { print("no scheduled reports") }
        }
        if outcomes.contains(where: { $0.status == "failed" }) { throw ExitStatus.checkFailed }
      }
    }
  }

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List reports with their schedule, last run and next due time.")

    @OptionGroup var common: Common
    @Flag(help: "Print the list as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let (builder, store) = try common.builder()
        let entries = try ReportScheduler(builder: builder, store: store).list()
        if json {
          try Output.json(entries)
          return
        }
        print("report\ttitle\tschedule\tlast run\tstatus\tnext due")
        for entry in entries {
          // The schedule as written, with its time zone once (`0 6 * * * UTC`, never `UTC (UTC)`).
          let schedule =
            entry.schedule.map { text in
              let zone = entry.timeZone ?? "UTC"
              return text.hasSuffix(" " + zone) ? text : "\(text) \(zone)"
            } ?? "-"
          print(
            "\(entry.name)\t\(entry.title)\t\(schedule)\t\(entry.lastRunAt ?? "never")\t\(entry.lastStatus ?? "-")\t\(entry.nextDue ?? "-")"
          )
        }
      }
    }
  }
}
