import Foundation
import Testing

/// `cuesheet io export` end to end on the demo database (the samples imported by `cuesheet demo`).
@Suite("cuesheet io export", .serialized)
struct IOExportCommandTests {
  /// Runs the demo into a fresh directory and returns it with the database path.
  static func demo(sourceLocation: SourceLocation = #_sourceLocation) throws -> (
    TemporaryDirectory, String
  ) {
    let temp = try TemporaryDirectory()
    let result = try CLIRunner.run(["demo", "--out", temp.path("demo")])
    #expect(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
    #expect(
      result.stdout.contains("exported the IO document of campaign"), sourceLocation: sourceLocation
    )
    return (temp, temp.path("demo/cuesheet.db"))
  }

  @Test("the demo exports a campaign's IO document into <out>/io/")
  func demoStep() throws {
    let (temp, _) = try Self.demo()
    let files = try FileManager.default.contentsOfDirectory(atPath: temp.path("demo/io"))
    #expect(files.contains { $0.hasSuffix(".md") })
    #expect(files.contains { $0.hasSuffix(".html") })
  }

  struct Refusal: Sendable, CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var mentions: String
    var description: String { arguments.joined(separator: " ") }
  }

  @Test(
    "bad requests exit 65 (data) or 2 (usage) with one clear sentence",
    arguments: [
      Refusal(arguments: ["IO-9999"], status: 65, mentions: "IO-9999"),
      Refusal(arguments: ["--campaign", "cmp-999"], status: 65, mentions: "cmp-999"),
      Refusal(arguments: ["IO-1015"], status: 65, mentions: "--allow-draft"),
      Refusal(arguments: ["IO-1018"], status: 65, mentions: "cancelled"),
      Refusal(arguments: [], status: 2, mentions: "--campaign"),
      Refusal(arguments: ["IO-1001", "--campaign", "cmp-002"], status: 2, mentions: "not both"),
      Refusal(arguments: ["IO-1001", "--format", "docx"], status: 2, mentions: "docx"),
    ])
  func refusals(_ refusal: Refusal) throws {
    let (temp, db) = try Self.demo()
    let result = try CLIRunner.run(
      ["io", "export", "--db", db, "--out", temp.path("x")] + refusal.arguments)
    #expect(result.status == refusal.status, "\(result.stderr)")
    #expect(result.stderr.contains(refusal.mentions), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: temp.path("x")))
  }

  @Test(
    "md, html and --json work; a draft needs --allow-draft; a missing PDF engine says how to install it"
  )
  func formats() throws {
    let (temp, db) = try Self.demo()
    let html = try CLIRunner.run(
      [
        "io", "export", "--db", db, "--campaign", "cmp-002", "--format", "html", "--out",
        temp.path("docs"), "--json",
      ],
      environment: ["CUESHEET_BUILD_TIME": "2026-11-25T06:00:00Z"])
    #expect(html.status == 0, "\(html.stderr)")
    #expect(html.stdout.contains("\"io_number\" : \"cmp-002\""))
    #expect(FileManager.default.fileExists(atPath: temp.path("docs/cmp-002.html")))

    let draft = try CLIRunner.run([
      "io", "export", "--db", db, "IO-1015", "--allow-draft", "--out", temp.path("d.md"),
    ])
    #expect(draft.status == 0, "\(draft.stderr)")
    #expect(try String(contentsOfFile: temp.path("d.md"), encoding: .utf8).contains("DRAFT"))

    let pdf = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--format", "pdf", "--out", temp.path("a.pdf")],
      environment: ["CUESHEET_WEASYPRINT": "/nonexistent/weasyprint"])
    #expect(pdf.status == 74)
    #expect(pdf.stderr.contains("apt-get install -y weasyprint"), "\(pdf.stderr)")
    #expect(!FileManager.default.fileExists(atPath: temp.path("a.pdf")))
  }
}
