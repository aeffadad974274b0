import ArgumentParser
import Foundation
import Reports
import Store

extension IOCommand {
  /// `cuesheet io documents …`: the issued IO document revisions, and checking a file against them.
  struct Documents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List issued IO document revisions, or verify an exported document.",
      subcommands: [List.self, Verify.self])

    struct List: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "List issued IO documents (one row per revision and format), oldest first.")
      @OptionGroup var database: DatabaseOptions
      @Option(help: "Only this campaign's documents (campaign and IO documents).") var campaign:
        String?
      @Flag(help: "Print the rows as JSON.") var json = false

      func run() async throws {
        try await ExitStatus.run {
          let store = try database.open()
          let records = try await store.writer.read { db in
            try IODocumentRecords.list(db, campaignID: campaign)
          }
          if json {
            try Output.json(records)
            return
          }
          if records.isEmpty {
            print(
              "no IO documents issued\(campaign.map { " for campaign \($0)" } ?? ""); "
                + "issue one with `cuesheet io export`")
            return
          }
          print("document           revision  content       format  issued at             campaign")
          for record in records {
            let name = "\(record.scope) \(record.scopeID)"
            print(
              name.padding(toLength: 18, withPad: " ", startingAt: 0) + " "
                + String(record.revision).leftPad(8) + "  " + record.shortHash + "  "
                + record.format.padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
                + record.issuedAt + "  " + record.campaignID)
          }
        }
      }
    }

    struct Verify: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Check an exported IO document (md, html or pdf) against the issued revisions.",
        discussion: """
          Recomputes the SHA-256 of the canonical content the file carries and names the revision
          it matches. Exit 0 when it matches an issued revision; 1 when it matches none (or the
          file's stated hash disagrees with its content); 65 when the file has no canonical content.
          A PDF's content is read with pdfdetach (poppler-utils).
          """)
      @OptionGroup var database: DatabaseOptions
      @Argument(help: "The exported document.") var file: String
      @Flag(help: "Print the result as JSON.") var json = false

      func run() async throws {
        try await ExitStatus.run {
          let store = try database.open()
          let result = try IODocumentVerifier(store: store).verify(file: file)
          if json {
            try Output.json(result)
          } else {
            print(Self.sentence(result))
          }
          if !result.isValid { throw ExitStatus.checkFailed }
        }
      }

      static func sentence(_ result: IODocumentVerification) -> String {
        let hash = String(result.contentSHA256.prefix(12))
        if let stated = result.statedSHA256, stated != result.contentSHA256 {
          return
            "\(result.file): altered — it states content \(stated.prefix(12)) but carries \(hash)"
        }
        guard let first = result.matches.first else {
          return
            "\(result.file): content \(hash) matches no issued revision"
            + (result.scope.map { " of \($0)" } ?? "")
        }
        let revisions = Set(
          result.matches.map { "\($0.scope) \($0.scopeID) revision \($0.revision)" }
        )
        .sorted()
        return
          "\(result.file): matches \(revisions.joined(separator: ", ")) (content \(hash), issued "
          + "\(first.issuedAt))"
      }
    }
  }
}
