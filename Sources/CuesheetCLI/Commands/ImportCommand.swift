import Application
import ArgumentParser
import Foundation
import Ingest
import Store

/// `cuesheet import KIND FILE` / `cuesheet import DIR`: strict, atomic, idempotent CSV import.
struct ImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import a CSV file of one kind, or a directory of files named after their kinds.",
    discussion: """
      KIND is one of: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).
      A directory is imported in dependency order (shows, episodes, advertisers, campaigns,
      io_bookings, metrics_daily) in one transaction; files are named shows.csv,
      metrics_daily.csv (or metrics-daily.csv), and so on.
      By default any invalid row means nothing is imported (exit 65). See docs/import.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @Argument(help: ArgumentHelp("KIND FILE, or DIR.", valueName: "KIND FILE | DIR"))
  var targets: [String] = []
  @Flag(help: "Validate and report what would change; write nothing.") var dryRun = false
  @Flag(help: "Import the valid rows; reject the invalid ones (see --rejects).") var skipInvalid =
    false
  @Option(
    help: ArgumentHelp(
      "With --skip-invalid: write rejected rows here, with an error column.",
      valueName: "FILE"))
  var rejects: String?
  @Flag(help: "Print the result as JSON.") var json = false

  /// Checks the arguments; a problem is a usage error (exit 2).
  func checkArguments() throws {
    switch targets.count {
    case 1:
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: targets[0], isDirectory: &isDirectory),
        isDirectory.boolValue
      else {
        if ImportKind(name: targets[0]) != nil {
          throw CLIError.usage(
            "Missing FILE after \(targets[0]); use `cuesheet import \(targets[0]) FILE`.")
        }
        throw CLIError.usage(
          "'\(targets[0])' is not a directory; use `cuesheet import KIND FILE` or `cuesheet import DIR`."
        )
      }
    case 2:
      guard ImportKind(name: targets[0]) != nil else {
        throw CLIError.usage(
          "Unknown kind '\(targets[0])'; use one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))."
        )
      }
    default:
      throw CLIError.usage("Expected KIND FILE or DIR, got \(targets.count) arguments.")
    }
    if rejects != nil && !skipInvalid {
      throw CLIError.usage(
        "--rejects needs --skip-invalid (without it an invalid row imports nothing).")
    }
  }

  func run() async throws {
    try await ExitStatus.run {
      try checkArguments()
      let store = try database.open()
      let progress = Output.stderrIsTerminal && !json ? ProgressBar() : nil
      var options = ImportOptions(skipInvalid: skipInvalid, dryRun: dryRun, rejectsPath: rejects)
      if let progress {
        options.progress = { @Sendable update in progress.update(update) }
      }
      let source: ImportCSV.Source =
        targets.count == 2
        ? .file(ImportKind(name: targets[0])!, path: targets[1]) : .directory(targets[0])
      let results: [ImportResult]
      do {
        results = try await ImportCSV(store: store).run(.init(source: source, options: options))
        progress?.finish()
      } catch let error as ImportError {
        progress?.finish()
        try report(failure: error)
        throw ExitStatus.code(for: error.category)
      }
      try report(results)
    }
  }

  // MARK: - Output

  private func report(_ results: [ImportResult]) throws {
    if json {
      try Output.json(results.map { ImportResultJSON($0) })
      return
    }
    for result in results {
      let verb = result.dryRun ? "would be" : ""
      print(
        "\(result.dryRun ? "dry run: " : "")\(result.fileName) (\(result.kind.rawValue)): \(result.rowsTotal) rows; "
          + "\(result.inserted) \(verb.isEmpty ? "" : verb + " ")inserted, \(result.updated) updated, "
          + "\(result.unchanged) unchanged, \(result.rejected) rejected"
          + (result.importID.map { "; import \($0)" } ?? "") + " (\(result.durationMS) ms)")
      if result.errorsTotal > 0 {
        for error in result.errors { Output.error("rejected: \(error)") }
        if result.errorsTotal > result.errors.count {
          Output.error("… and \(result.errorsTotal - result.errors.count) more invalid values")
        }
        if let rejects, !result.dryRun { Output.error("rejected rows written to \(rejects)") }
      }
    }
  }

  private func report(failure: ImportError) throws {
    if case .invalidRows(_, let file, let errors, let total) = failure {
      if json {
        try Output.json(ImportFailureJSON(failure))
      }
      for error in errors { Output.error("error: \(error)") }
      if total > errors.count { Output.error("… and \(total - errors.count) more invalid values") }
      Output.error(
        "error: \(total) invalid value\(total == 1 ? "" : "s") in \(file); nothing was imported (fix the file, or pass --skip-invalid --rejects FILE)."
      )
    } else {
      if json {
        try Output.json(ImportFailureJSON(failure))
      }
      Output.error("error: \(failure.description)")
    }
  }
}
