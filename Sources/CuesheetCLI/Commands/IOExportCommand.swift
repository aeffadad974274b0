import Application
import ArgumentParser
import Foundation
import Reports
import Rules
import Store

extension IOCommand {
  /// `cuesheet io export`: an IO document (Markdown, HTML or PDF) for one IO or a whole campaign.
  /// Parses options into an ``ExportIODocument/Request`` and renders its result; the use case
  /// (flags, assemble, check, issue a revision, render, write) lives in Application and Reports.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export an insertion-order document for one IO, or for all of a campaign's IOs.",
      discussion: """
        Formats: md, html (self-contained, print-ready) and pdf (the HTML through WeasyPrint:
        sudo apt-get install -y weasyprint). Each non-draft export is issued: recorded with a
        revision that changes only when the content does (see `io documents`). Drafts are refused
        unless --allow-draft, which marks the document DRAFT; cancelled IOs are never exported.
        Checks before issue (creative due date past, flight before the sign-by date, cancellation
        notice period begun) print warnings; --strict refuses to issue then (exit 65).
        Flags: ENABLE_IO_PDF (off refuses --format pdf) and IO_TEMPLATE (classic or modern),
        evaluated for --env/--account (default $CUESHEET_ENV, $CUESHEET_ACCOUNT). See
        docs/io-documents.md.
        """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id (or use --campaign).") var id: String?
    @Option(help: "Export one document covering every IO of this campaign.") var campaign: String?
    @Option(help: "md, html or pdf.") var format: ExportIODocument.Format = .md
    @Option(
      help: ArgumentHelp(
        "The output file for one IO, or the directory for --campaign (default: the current directory, "
          + "named after the IO or campaign id).", valueName: "PATH"))
    var out: String?
    @Flag(help: "Export draft IOs too, with the document marked DRAFT.") var allowDraft = false
    @Flag(help: "Refuse to issue when a check before issue warns (exit 65).") var strict = false
    @Option(
      help: ArgumentHelp(
        "The IO template (default: reports/io.md or reports/io-modern.md, by IO_TEMPLATE).",
        valueName: "PATH"))
    var template: String?
    @Option(
      help: ArgumentHelp("The terms file (default: reports/io-terms.json).", valueName: "PATH"))
    var terms: String?
    @Option(
      help: ArgumentHelp(
        "The folder of IO templates and terms (default: $CUESHEET_REPORTS, else ./reports, else the shipped reports).",
        valueName: "DIR"))
    var reports: String?
    @OptionGroup var flags: IOFlagOptions
    @Flag(help: "Say which templates, terms and flag file were used (where they were found).")
    var verbose = false
    @Flag(help: "Print what was written as JSON.") var json = false

    func validate() throws {
      switch (id, campaign) {
      case (nil, nil):
        throw ValidationError("name an IO id, or pass --campaign ID for a campaign's IOs.")
      case (.some, .some): throw ValidationError("pass either an IO id or --campaign ID, not both.")
      default: break
      }
    }

    func run() async throws {
      try await ExitStatus.run {
        let store = try database.open()
        let decision = try flags.evaluate()
        let folder =
          ShippedFiles.locate(.reports, option: reports)
          ?? ShippedFiles.Located(path: "reports", source: .currentDirectory)
        let sources = IOExportSources(
          reports: folder, template: template, terms: terms, flags: flags.flagFile)
        var request = ExportIODocument.Request(
          scope: id.map { .io($0) } ?? .campaign(campaign!), format: format,
          allowDraft: allowDraft, strict: strict, reportsDirectory: folder.path,
          template: template, terms: terms, flags: decision)
        let (out, format, isCampaign) = (self.out, self.format, campaign != nil)
        request.output = { baseName in
          Self.outputPath(out, baseName: baseName, format: format, isCampaign: isCampaign)
        }
        let result = try await ExportIODocument(store: store).run(request)
        let style = result.template
        if json {
          try Output.json(
            IOExportJSON(result, format: format.rawValue, flags: decision, sources: sources))
          return
        }
        if verbose { for line in sources.lines { Output.error(line) } }
        for warning in result.warnings { Output.error(warning.description) }
        let document = result.document
        var line =
          "wrote \(result.file): \(document.number) "
          + (document.revision.map { "revision \($0)" } ?? "DRAFT")
          + (document.contentSHA256.map { " (\($0.prefix(12)))" } ?? "")
          + ", \(style.rawValue) template, \(document.lines.count) line(s), net \(document.net.formatted())"
        if result.record != nil && !result.recorded { line += "; content unchanged since issued" }
        if !document.skipped.isEmpty {
          line += "; left out \(document.skipped.joined(separator: ", "))"
        }
        print(line)
      }
    }

    /// `--out` as a file for one IO (or a directory that exists), a directory for a campaign.
    static func outputPath(
      _ out: String?, baseName: String, format: ExportIODocument.Format, isCampaign: Bool
    ) -> String {
      let file = "\(baseName).\(format.rawValue)"
      guard let out else { return file }
      var isDirectory: ObjCBool = false
      if isCampaign || out.hasSuffix("/")
        || (FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory)
          && isDirectory.boolValue)
      {
        return (out as NSString).appendingPathComponent(file)
      }
      return out
    }
  }
}

extension IODocumentExport.Format: ExpressibleByArgument {}

/// The flag file and context of an IO export (`ENABLE_IO_PDF`, `IO_TEMPLATE`).
struct IOFlagOptions: ParsableArguments {
  @Option(
    help:
      "The flag file (default: flags.rules in $CUESHEET_RULES, ./rules or the shipped rules; when absent, the flags' defaults)."
  )
  var flags: String?
  @OptionGroup var flagContext: FlagContextOptions

  /// The flag file: `--flags`, else `flags.rules` in the rules folder (``ShippedFiles``).
  var flagFile: ShippedFiles.Located {
    if let flags { return ShippedFiles.Located(path: flags, source: .option) }
    let folder = ShippedFiles.locate(.rules, option: nil)
    return ShippedFiles.Located(
      path: ((folder?.path ?? "rules") as NSString).appendingPathComponent("flags.rules"),
      source: folder?.source ?? .currentDirectory)
  }

  func evaluate() throws -> IODocumentFlags {
    let path = flagFile.path
    if flags == nil && !FileManager.default.fileExists(atPath: path) {
      return .defaults("no flag file at \(path)")
    }
    return try IODocumentFlags.evaluate(
      try RuleBookLoading.load(paths: [path]),
      context: flagContext.runContext, overrides: flagContext.overrides)
  }
}

/// What `io export --json` prints.
private struct IOExportJSON: Encodable {
  var file: String
  var format: String
  var template: String
  var templateReason: String
  var ioNumber: String
  var revision: Int?
  var contentSHA256: String?
  var issuedAt: String?
  var recorded: Bool
  var draft: Bool
  var lines: [String]
  var grossCents: Int64
  var commissionCents: Int64
  var netCents: Int64
  var skipped: [String]
  var warnings: [IODocumentWarning]

  var sources: IOExportSources

  init(
    _ result: IODocumentExport.Result, format: String, flags: IODocumentFlags,
    sources: IOExportSources
  ) {
    self.sources = sources
    let document = result.document
    file = result.file
    self.format = format
    template = result.template.rawValue
    templateReason = flags.templateReason
    ioNumber = document.number
    revision = document.revision
    contentSHA256 = document.contentSHA256
    issuedAt = result.record?.issuedAt
    recorded = result.recorded
    draft = document.isDraft
    lines = document.lines.map(\.ioID)
    grossCents = document.gross.cents
    commissionCents = document.commission.cents
    netCents = document.net.cents
    skipped = document.skipped
    warnings = result.warnings
  }

  enum CodingKeys: String, CodingKey {
    case file, format, template, revision, recorded, draft, lines, skipped, warnings, sources
    case templateReason = "template_reason"
    case ioNumber = "io_number"
    case contentSHA256 = "content_sha256"
    case issuedAt = "issued_at"
    case grossCents = "gross_cents"
    case commissionCents = "commission_cents"
    case netCents = "net_cents"
  }
}

/// Where an export's files came from (``ShippedFiles``' lookup order), for `--verbose` and the
/// JSON's `sources`.
struct IOExportSources: Encodable {
  /// The folder of the default templates and terms.
  var reports: ShippedFiles.Located
  /// `--template`, when given (else the template comes from `reports`).
  var template: String?
  /// `--terms`, when given (else `reports/io-terms.json`).
  var terms: String?
  /// The flag file read for ENABLE_IO_PDF and IO_TEMPLATE.
  var flags: ShippedFiles.Located

  var lines: [String] {
    [
      "templates: " + (template.map { "\($0) (option)" } ?? reports.description),
      "terms: "
        + (terms.map { "\($0) (option)" }
          ?? "\((reports.path as NSString).appendingPathComponent("io-terms.json")) (\(reports.source.rawValue))"),
      "flags: \(flags.description)",
    ]
  }
}
