import Application
import ArgumentParser
import Foundation
import Ingest
import Matchmaking
import Reports
import Rules
import Store

/// `cuesheet demo`: the main job, end to end, on the embedded default data.
///
/// Each capability adds its step here, so the demo always shows everything that works.
struct DemoCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "demo",
    abstract: "Build a fresh database under DIR and run every capability end to end on it.")

  @Option(help: "Where to put the demo database and outputs.") var out = "demo"
  @Option(
    help: ArgumentHelp(
      "The sample CSVs to import (default: $CUESHEET_SAMPLES, else ./samples, else the shipped samples).",
      valueName: "DIR"))
  var samples: String?
  @OptionGroup var ruleOptions: RuleOptions

  func run() async throws {
    try await ExitStatus.run {
      let fileManager = FileManager.default
      try fileManager.createDirectory(atPath: out, withIntermediateDirectories: true)
      let dbPath = (out as NSString).appendingPathComponent("cuesheet.db")
      for suffix in ["", "-wal", "-shm"] where fileManager.fileExists(atPath: dbPath + suffix) {
        try fileManager.removeItem(atPath: dbPath + suffix)
      }
      var summary: [String] = []

      let store = try CuesheetStore.openUnchecked(path: dbPath, create: true)
      let migration = try Migrator().migrate(store)
      summary.append("migrated \(dbPath) to schema version \(migration.toVersion)")

      let report = try await SchemaVerifier().verify(store)
      guard report.isHealthy else {
        throw CLIError(
          message: "the fresh demo database failed verification: "
            + (report.missing + report.different).joined(separator: "; "),
          code: ExitStatus.checkFailed)
      }
      summary.append("verified: every table, column and index present; integrity ok")

      // Samples, rules and templates: the options, CUESHEET_* settings, the current directory,
      // else the copies shipped with the binary (ShippedFiles); the summary says which.
      let located = ShippedFiles.locate(.samples, option: self.samples)
      let samples = located?.path ?? "samples"
      var isDirectory: ObjCBool = false
      guard fileManager.fileExists(atPath: samples, isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        throw CLIError.io(
          "No samples directory at \(samples), and no shipped copy beside the binary; pass --samples DIR or set CUESHEET_SAMPLES."
        )
      }
      let rulesFolder = ruleOptions.rules.isEmpty ? ShippedFiles.locate(.rules, option: nil) : nil
      let templatesFolder = ShippedFiles.locate(.reports, option: nil)
      summary.append(
        "using samples \(located?.description ?? samples), rules "
          + (rulesFolder?.description ?? ruleOptions.paths.joined(separator: ", "))
          + ", templates \(templatesFolder?.description ?? "(none found)")")
      let imported = try await ImportCSV(store: store).run(.init(source: .directory(samples)))
      summary.append(
        "imported \(samples)/: "
          + imported.map { "\($0.inserted) \($0.kind.table)" }.joined(separator: ", ")
          + " (\(imported.reduce(0) { $0 + $1.durationMS }) ms, one transaction)")
      // Rules: load and self-test the rule files, evaluate the gate, recalculate matches.
      let book = try ruleOptions.load()
      let failing = RuleTestRunner.run(book).filter { !$0.passed }
      guard failing.isEmpty else {
        throw CLIError(
          message: "\(failing.count) rule test(s) fail; run `cuesheet rules test` for details",
          code: ExitStatus.checkFailed)
      }
      summary.append(
        "loaded \(ruleOptions.paths.joined(separator: ", ")): \(book.flags.flags.count) flags, \(book.ruleSets.count) rule set(s); \(book.tests.count) rule tests pass"
      )
      let matching = try await RecalculateMatches(store: store).run(
        .init(
          rules: book, rulesSource: ruleOptions.paths.joined(separator: ", "),
          context: .defaults(
            env: FlagRunContext.defaultEnv, account: FlagRunContext.defaultAccount)))
      let gate = FlagResultJSON(matching.gate).sentence
      if matching.ran {
        summary.append(
          "\(gate); recalculated \(matching.pairsEvaluated) advertiser × show pairs, kept \(matching.pairsKept) matches (`cuesheet match list --db \(dbPath) --advertiser ID`)"
        )
      } else {
        summary.append("\(gate); matches not recalculated")
      }

      summary.append(try await reviewRuleChange(dbPath: dbPath, samples: samples))

      // Dashboards: every listed template in reports/, built into <out>/dashboards.
      let templates = templatesFolder?.path ?? "reports"
      if FileManager.default.fileExists(atPath: templates) {
        let dashboards = (out as NSString).appendingPathComponent("dashboards")
        if let problem = RefreshSellThrough(store: store).runForDashboards() {
          Output.error("warning: \(problem)")
        }
        let built = try ReportBuilder(store: store, templatesDirectory: templates).build(
          names: [], into: dashboards, options: BuildOptions())
        summary.append(
          "built \(built.reports.count) dashboard(s), \(built.pages) page(s) into \(dashboards)/ "
            + "(open \(dashboards)/index.html)")
      } else {
        summary.append(
          "dashboards skipped: no templates directory \(templates)/ (set CUESHEET_REPORTS)")
      }

      summary.append(try await exportIODocument(store, templates: templates))

      print("Cuesheet demo")
      for line in summary { print("  - \(line)") }
      print("outputs: \(out)/")
    }
  }

  /// Diffs the rules against the shipped proposal (`<samples>/rules-proposed/`: a reweighted
  /// signal and a moved split) on the demo database and writes the review page
  /// `<out>/rules-diff.html`.
  func reviewRuleChange(dbPath: String, samples: String) async throws -> String {
    let proposal = (samples as NSString).appendingPathComponent("rules-proposed")
    guard FileManager.default.fileExists(atPath: proposal) else {
      return "rules diff skipped: no proposed change at \(proposal)/"
    }
    let report = try await RulesDiff(store: { try CuesheetStore.open(path: dbPath) }).run(
      .init(head: [proposal], base: .directory(ruleOptions.paths.first ?? "rules")))
    let page = (out as NSString).appendingPathComponent("rules-diff.html")
    do {
      try report.html.write(toFile: page, atomically: true, encoding: .utf8)
    } catch {
      throw ApplicationError.cannotWrite(path: page, reason: error.localizedDescription)
    }
    let flagContexts = report.flags.changed.reduce(0) { $0 + $1.contextsChanged }
    let rankings = report.matchmaking.ruleSets.reduce(0) { $0 + $1.advertisersChanged }
    let pairs = report.matchmaking.ruleSets.reduce(0) { $0 + $1.pairsChanged }
    return
      "previewed the proposed rule change in \(proposal)/: \(report.flags.changed.count) flag(s) change for \(flagContexts) context(s), \(pairs) pair(s) change outcome, \(rankings) advertiser ranking(s) change; review page \(page) (`cuesheet rules diff --base-dir rules --rules \(proposal) --db \(dbPath)`)"
  }

  /// Exports the IO document of the first closed-won campaign (by id) that has exportable IOs into
  /// `<out>/io/`: Markdown and HTML, and PDF when WeasyPrint is installed.
  func exportIODocument(_ store: CuesheetStore, templates: String) async throws -> String {
    let template = (templates as NSString).appendingPathComponent("io.md")
    guard FileManager.default.fileExists(atPath: template) else {
      return "IO document skipped: no \(template) (set CUESHEET_REPORTS)"
    }
    let export = ExportIODocument(store: store)
    guard let campaign = try await export.firstExportableCampaign() else {
      return "IO document skipped: no closed-won campaign with IOs"
    }
    let directory = (out as NSString).appendingPathComponent("io")
    var formats: [ExportIODocument.Format] = [.md, .html]
    if ExportIODocument.canPrintPDF { formats.append(.pdf) }
    var document: IODocument?
    for format in formats {
      var request = ExportIODocument.Request(
        scope: .campaign(campaign), format: format, reportsDirectory: templates)
      request.output = { baseName in
        (directory as NSString).appendingPathComponent("\(baseName).\(format.rawValue)")
      }
      document = try await export.run(request).document
    }
    guard let document else { return "IO document skipped" }
    return "exported the IO document of campaign \(campaign) (revision \(document.revision ?? 0), "
      + "\(document.lines.count) line(s), net "
      + "\(document.net.formatted())) into \(directory)/ as \(formats.map(\.rawValue).joined(separator: ", "))"
      + (formats.contains(.pdf) ? "" : " (no PDF: weasyprint is not installed)")
  }
}
