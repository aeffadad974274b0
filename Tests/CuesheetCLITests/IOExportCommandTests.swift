import Foundation
import Testing

/// `cuesheet io export` end to end on the demo database (the samples imported by `cuesheet demo`).
@Suite("cuesheet io export", .serialized, .timeLimit(.minutes(20)))
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
    #expect(html.stdout.contains("\"revision\" : 1"), "\(html.stdout)")
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

  @Test("ENABLE_IO_PDF off refuses a PDF with the flag's reason; md still works")
  func pdfFlag() throws {
    let (temp, db) = try Self.demo()
    let refused = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--format", "pdf", "--out", temp.path("a.pdf")],
      environment: ["CUESHEET_FLAG_ENABLE_IO_PDF": "off"])
    #expect(refused.status == 65, "\(refused.stderr)")
    #expect(refused.stderr.contains("ENABLE_IO_PDF is off (reason OVERRIDE"), "\(refused.stderr)")
    #expect(!FileManager.default.fileExists(atPath: temp.path("a.pdf")))
    let ci = try CLIRunner.run(
      [
        "io", "export", "--db", db, "IO-1001", "--format", "pdf", "--env", "ci", "--context",
        #"{"env": "ci", "account": {}}"#, "--ignore-overrides", "--out", temp.path("b.pdf"),
      ])
    #expect(ci.status == 65, "the shipped rule turns PDFs off in CI without an account")
    let md = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--out", temp.path("a.md")],
      environment: ["CUESHEET_FLAG_ENABLE_IO_PDF": "off"])
    #expect(md.status == 0, "\(md.stderr)")
  }

  @Test("IO_TEMPLATE picks the template per account: enterprise accounts get modern")
  func templateFlag() throws {
    let (temp, db) = try Self.demo()
    func export(_ extra: [String], _ environment: [String: String] = [:]) throws -> String {
      let result = try CLIRunner.run(
        ["io", "export", "--db", db, "IO-1001", "--json", "--out", temp.path("t.md")] + extra,
        environment: environment)
      #expect(result.status == 0, "\(result.stderr)")
      return result.stdout
    }
    #expect(try export([]).contains("\"template\" : \"classic\""))
    let enterprise = try export([
      "--context", #"{"env": "staging", "account": {"id": "acme", "tier": "enterprise"}}"#,
    ])
    #expect(enterprise.contains("\"template\" : \"modern\""), "\(enterprise)")
    #expect(try String(contentsOfFile: temp.path("t.md"), encoding: .utf8).contains("Key date"))
    #expect(
      try export([], ["CUESHEET_FLAG_IO_TEMPLATE": "modern"]).contains("\"template\" : \"modern\""))
  }

  @Test("revisions: re-export keeps the revision, documents list shows it, verify names it")
  func revisions() throws {
    let (temp, db) = try Self.demo()
    let environment = ["CUESHEET_BUILD_TIME": "2026-11-25T06:00:00Z"]
    let first = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--format", "html", "--out", temp.path("a.html")],
      environment: environment)
    #expect(first.status == 0, "\(first.stderr)")
    #expect(first.stdout.contains("revision 1"), "\(first.stdout)")
    let again = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--format", "html", "--out", temp.path("b.html")],
      environment: environment)
    #expect(again.stdout.contains("revision 1"), "\(again.stdout)")
    #expect(again.stdout.contains("content unchanged"), "\(again.stdout)")
    // Exporting over an existing file replaces it.
    let over = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--format", "html", "--out", temp.path("a.html")],
      environment: environment)
    #expect(over.status == 0, "\(over.stderr)")
    #expect(
      try String(contentsOfFile: temp.path("a.html"), encoding: .utf8)
        == String(contentsOfFile: temp.path("b.html"), encoding: .utf8),
      "same content, same revision: the same document")
    let list = try CLIRunner.run(["io", "documents", "list", "--db", db, "--campaign", "cmp-002"])
    #expect(list.status == 0, "\(list.stderr)")
    #expect(list.stdout.contains("io IO-1001"), "\(list.stdout)")
    let verify = try CLIRunner.run(["io", "documents", "verify", "--db", db, temp.path("b.html")])
    #expect(verify.status == 0, "\(verify.stderr)")
    #expect(verify.stdout.contains("io IO-1001 revision 1"), "\(verify.stdout)")
    let plain = temp.path("plain.md")
    try "# not an IO\n".write(toFile: plain, atomically: true, encoding: .utf8)
    let none = try CLIRunner.run(["io", "documents", "verify", "--db", db, plain])
    #expect(none.status == 65, "\(none.stderr)")
  }

  @Test("checks before issue warn; --strict refuses to issue with exit 65")
  func strict() throws {
    let (temp, db) = try Self.demo()
    // On 25 Nov 2026, live IO-1001 (flight from 15 Nov) is past its creative date.
    let environment = ["CUESHEET_BUILD_TIME": "2026-11-25T06:00:00Z"]
    let warned = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--out", temp.path("w.md")], environment: environment)
    #expect(warned.status == 0)
    #expect(warned.stderr.contains("warning[creative-due-past]"), "\(warned.stderr)")
    let json = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1001", "--out", temp.path("w.md"), "--json"],
      environment: environment)
    #expect(json.stdout.contains("\"id\" : \"creative-due-past\""), "\(json.stdout)")
    let strict = try CLIRunner.run(
      ["io", "export", "--db", db, "IO-1002", "--strict", "--out", temp.path("s.md")],
      environment: environment)
    #expect(strict.status == 65, "\(strict.stderr)")
    #expect(strict.stderr.contains("--strict"), "\(strict.stderr)")
    #expect(!FileManager.default.fileExists(atPath: temp.path("s.md")))
  }
}
