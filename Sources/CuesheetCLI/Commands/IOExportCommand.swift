import Application
import ArgumentParser
import Foundation
import Reports
import Store

extension IOCommand {
  /// `cuesheet io export`: an IO document (Markdown, HTML or PDF) for one IO or a whole campaign,
  /// rendered from `reports/io.md` with the terms in `reports/io-terms.json`.
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Export an insertion-order document for one IO, or for all of a campaign's IOs.",
      discussion: """
        Formats: md, html (self-contained, print-ready) and pdf (the HTML through WeasyPrint:
        sudo apt-get install -y weasyprint). Drafts are refused unless --allow-draft, which marks
        the document DRAFT; cancelled IOs are never exported (a campaign document leaves them out).
        Unknown ids, drafts and missing promo codes or vanity URLs exit 65. See docs/io-documents.md.
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
      case md, html, pdf

      var document: ExportIODocument.Format { ExportIODocument.Format(rawValue: rawValue)! }
    }

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The IO id (or use --campaign).") var id: String?
    @Option(help: "Export one document covering every IO of this campaign.") var campaign: String?
    @Option(help: "md, html or pdf.") var format: Format = .md
    @Option(
      help: ArgumentHelp(
        "The output file for one IO, or the directory for --campaign (default: the current directory, "
          + "named after the IO or campaign id).", valueName: "PATH"))
    var out: String?
    @Flag(help: "Export draft IOs too, with the document marked DRAFT.") var allowDraft = false
    @Option(help: ArgumentHelp("The IO template (default: reports/io.md).", valueName: "PATH"))
    var template: String?
    @Option(
      help: ArgumentHelp("The terms file (default: reports/io-terms.json).", valueName: "PATH"))
    var terms: String?
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
        let export = ExportIODocument(store: try database.open())
        let rendered = try await export.run(
          .init(
            scope: id.map { .io($0) } ?? .campaign(campaign!), allowDraft: allowDraft,
            template: template, terms: terms))
        let document = rendered.document
        let path = Self.outputPath(
          out, baseName: rendered.output.baseName, format: format, isCampaign: campaign != nil)
        try await export.write(rendered.output, format: format.document, to: path)
        if json {
          try Output.json(ExportJSON(document, file: path, format: format.rawValue))
        } else {
          var line =
            "wrote \(path): \(document.number) version \(document.version), "
            + "\(document.lines.count) line(s), net \(document.net.formatted())"
          if document.isDraft { line += " (DRAFT)" }
          if !document.skipped.isEmpty {
            line += "; left out \(document.skipped.joined(separator: ", "))"
          }
          print(line)
        }
      }
    }

    /// `--out` as a file for one IO (or a directory that exists), a directory for a campaign.
    static func outputPath(_ out: String?, baseName: String, format: Format, isCampaign: Bool)
      -> String
    {
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

/// What `io export --json` prints.
private struct ExportJSON: Encodable {
  var file: String
  var format: String
  var ioNumber: String
  var version: Int
  var draft: Bool
  var lines: [String]
  var grossCents: Int64
  var commissionCents: Int64
  var netCents: Int64
  var skipped: [String]

  init(_ document: IODocument, file: String, format: String) {
    self.file = file
    self.format = format
    ioNumber = document.number
    version = document.version
    draft = document.isDraft
    lines = document.lines.map(\.ioID)
    grossCents = document.gross.cents
    commissionCents = document.commission.cents
    netCents = document.net.cents
    skipped = document.skipped
  }

  enum CodingKeys: String, CodingKey {
    case file, format, version, draft, lines, skipped
    case ioNumber = "io_number"
    case grossCents = "gross_cents"
    case commissionCents = "commission_cents"
    case netCents = "net_cents"
  }
}
