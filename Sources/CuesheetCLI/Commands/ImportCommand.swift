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
      let importer = Importer(store: store)
      let results: [ImportResult]
      do {
        if targets.count == 2 {
          results = [
            try importer.importFile(
              ImportKind(name: targets[0])!, path: targets[1], options: options)
          ]
        } else {
          results = try importer.importDirectory(targets[0], options: options)
        }
        progress?.finish()
      } catch let error as ImportError {
        progress?.finish()
        try report(failure: error)
        throw ImportCommand.exitCode(for: error)
      }
      try report(results)
    }
  }

  // MARK: - Output

  private func report(_ results: [ImportResult]) throws {
    if json {
      try Output.json(results.map(ResultJSON.init))
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
    if case .invalidRows(let kind, let file, let errors, let total) = failure {
      if json {
        try Output.json(
          FailureJSON(
            status: "failed", kind: kind.rawValue, file: file, errorsTotal: total, errors: errors))
      }
      for error in errors { Output.error("error: \(error)") }
      if total > errors.count { Output.error("… and \(total - errors.count) more invalid values") }
      Output.error(
        "error: \(total) invalid value\(total == 1 ? "" : "s") in \(file); nothing was imported (fix the file, or pass --skip-invalid --rejects FILE)."
      )
    } else {
      if json {
        try Output.json(
          FailureJSON(
            status: "failed", kind: failure.kind?.rawValue, file: nil, errorsTotal: 1, errors: [],
            message: failure.description))
      }
      Output.error("error: \(failure.description)")
    }
  }

  static func exitCode(for error: ImportError) -> ExitCode {
    switch error {
    case .cannotRead: ExitStatus.ioError
    default: ExitStatus.badInput
    }
  }

  struct ResultJSON: Encodable {
    let importID: Int64?
    let kind, file, sha256: String
    let dryRun, skipInvalid: Bool
    let rowsTotal, inserted, updated, unchanged, rejected, durationMs, errorsTotal: Int
    let errors: [RowError]

    init(_ r: ImportResult) {
      importID = r.importID
      kind = r.kind.rawValue
      file = r.fileName
      sha256 = r.sha256
      dryRun = r.dryRun
      skipInvalid = r.skipInvalid
      rowsTotal = r.rowsTotal
      inserted = r.inserted
      updated = r.updated
      unchanged = r.unchanged
      rejected = r.rejected
      durationMs = r.durationMS
      errorsTotal = r.errorsTotal
      errors = r.errors
    }
  }

  struct FailureJSON: Encodable {
    let status: String
    let kind: String?
    let file: String?
    let errorsTotal: Int
    let errors: [RowError]
    var message: String? = nil
  }
}
