import CuesheetTesting
import Foundation
import Reports
import Testing

/// The PDF tests need WeasyPrint and poppler-utils (`scripts/setup.sh` installs both; CI runs it).
/// Without them the tests are reported as skipped, with the reason; under `CI=true` they fail.
enum PDFTools {
  static let missing: [String] =
    HostTools.missing("weasyprint", unless: PDFConverter().isAvailable)
    + ["pdftotext", "pdfinfo", "pdffonts", "pdfdetach"].filter { path(of: $0) == nil }

  static func path(of tool: String) -> String? { HostTools.executable(tool) }

  /// Runs a poppler tool and returns its standard output.
  static func run(_ tool: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(path(of: tool)))
    process.arguments = arguments
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(tool) failed")
    return String(decoding: data, as: UTF8.self)
  }

  static func pageCount(_ pdf: String) throws -> Int {
    let info = try run("pdfinfo", [pdf])
    let line = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") })
    return try #require(Int(line.dropFirst("Pages:".count).trimmingCharacters(in: .whitespaces)))
  }
}

@Suite(
  "IO documents: PDF", .serialized, .timeLimit(.minutes(20)),
  .enabled(
    if: HostTools.shouldRun(missing: PDFTools.missing), "\(HostTools.skipReason(PDFTools.missing))")
)
struct IODocumentPDFTests {
  /// Runs before each test: under `CI=true` a missing tool fails the test, naming the tool.
  init() throws { try HostTools.require(PDFTools.missing) }

  /// Exports `scope` as a PDF through the use case (with its canonical attachment).
  static func export(
    _ fixture: IODocumentFixture, _ scope: IODocument.Scope, style: IOTemplateStyle = .classic,
    terms: String? = nil
  ) throws -> (IODocumentExport.Result, String) {
    var request = IODocumentExport.Request(scope: scope, format: .pdf)
    request.reportsDirectory = ReportFixture.defaultTemplates
    request.termsPath = terms
    request.style = style
    request.now = ReportFixture.builtAt
    let path = fixture.base.path("\(scope.id)-\(style.rawValue).pdf")
    request.output = { _ in path }
    return (try IODocumentExport.run(store: fixture.base.store, request: request), path)
  }

  /// `pdftotext -layout` with no-break spaces as plain spaces.
  static func text(_ pdf: String) throws -> String {
    try PDFTools.run("pdftotext", ["-layout", pdf, "-"]).replacingOccurrences(
      of: "\u{00A0}", with: " ")
  }

  @Test(
    "the PDF is valid and its text has the IO number, every promo code and the net total",
    arguments: [
      IODocument.Scope.io("IO-1001"), .campaign("camp-cents"),
    ])
  func text(_ scope: IODocument.Scope) throws {
    let fixture = try IODocumentFixture()
    let (result, pdf) = try Self.export(fixture, scope)
    let document = result.document
    let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: pdf)).readData(ofLength: 5)
    #expect(String(decoding: header, as: UTF8.self) == "%PDF-")
    let text = try Self.text(pdf)
    #expect(text.contains(document.number))
    for line in document.lines { #expect(text.contains(try #require(line.promoCode))) }
    #expect(text.contains(document.net.formatted()), "net \(document.net.formatted()) missing")
    #expect(try PDFTools.pageCount(pdf) >= 1)
  }

  @Test(
    "print grade: one page for a one-line IO, dates whole, four labels per signatory, revision and hash, no internals",
    arguments: IOTemplateStyle.allCases)
  func printGrade(_ style: IOTemplateStyle) throws {
    let fixture = try IODocumentFixture()
    let (result, pdf) = try Self.export(fixture, .io("IO-1001"), style: style)
    let document = result.document
    let info = try PDFTools.run("pdfinfo", [pdf])
    if style == .classic { #expect(try PDFTools.pageCount(pdf) == 1, "\(info)") }
    #expect(info.contains("612 x 792"), "the terms file asks for US Letter: \(info)")
    let text = try Self.text(pdf)
    for date in ["1–30 Nov 2026", "25 Nov 2026", "30 Nov 2026"] {
      #expect(text.contains(date), "\(date) not whole on one line")
    }
    let revision = "Revision \(try #require(document.revision))"
    let hash = String(try #require(document.contentSHA256).prefix(12))
    #expect(text.contains(revision))
    #expect(text.contains(hash))
    let lines = text.split(separator: "\n").map(String.init)
    for label in ["Signature", "Name", "Title", "Date"] {
      let count = lines.reduce(0) { $0 + $1.components(separatedBy: label).count - 1 }
      #expect(count >= document.signatories.count, "\(label) printed \(count) times")
    }
    for party in ["Acme Mattresses Inc.", "Big Agency LLC", "Cuesheet Media, Inc."] {
      #expect(text.contains(party))
    }
    for detail in ["cuesheet.db", ".db", "import #", "Built "] {
      #expect(!text.contains(detail), "the PDF shows \(detail)")
    }
    let fonts = try PDFTools.run("pdffonts", [pdf])
    let families = Set(
      fonts.split(separator: "\n").dropFirst(2).compactMap { line -> String? in
        let name = line.split(separator: " ").first.map(String.init) ?? ""
        return name.split(separator: "+").last.map { String($0.split(separator: "-").first ?? "") }
      })
    #expect(families.count == 1, "one font family, got \(families)")
  }

  @Test("A4 from the terms file")
  func a4() throws {
    let fixture = try IODocumentFixture()
    var terms = try String(contentsOfFile: IODocumentFixture.termsPath, encoding: .utf8)
    terms = terms.replacingOccurrences(of: "\"Letter\"", with: "\"A4\"")
    let path = fixture.base.path("terms-a4.json")
    try terms.write(toFile: path, atomically: true, encoding: .utf8)
    let (_, pdf) = try Self.export(fixture, .io("IO-1001"), terms: path)
    #expect(try PDFTools.run("pdfinfo", [pdf]).contains("595.276 x 841.89"))
  }

  @Test("a PDF past the converter's time limit fails cleanly: no file, no revision recorded")
  func timeLimit() throws {
    let fixture = try IODocumentFixture()
    var request = IODocumentExport.Request(scope: .io("IO-1001"), format: .pdf)
    request.reportsDirectory = ReportFixture.defaultTemplates
    request.now = ReportFixture.builtAt
    request.pdfConverter.timeoutSeconds = 0.001
    let path = fixture.base.path("timed-out.pdf")
    request.output = { _ in path }
    let error = try #require(throws: PDFError.self) {
      try IODocumentExport.run(store: fixture.base.store, request: request)
    }
    #expect(error.description.contains("time limit"))
    #expect(!FileManager.default.fileExists(atPath: path))
    // The failed export recorded nothing: the next one issues revision 1.
    request.pdfConverter.timeoutSeconds = nil
    let result = try IODocumentExport.run(store: fixture.base.store, request: request)
    #expect(result.document.revision == 1)
    #expect(result.recorded)
  }

  @Test("verify reads the PDF's embedded canonical content and names its revision")
  func verify() throws {
    let fixture = try IODocumentFixture()
    let (result, pdf) = try Self.export(fixture, .io("IO-1001"))
    let verification = try IODocumentVerifier(store: fixture.base.store).verify(file: pdf)
    #expect(verification.isValid)
    #expect(verification.matches.map(\.revision).contains(try #require(result.document.revision)))
  }

  @Test(
    "an IO document with 40 line items runs over several pages, every line item printed, the header repeated"
  )
  func paginates() throws {
    let fixture = try IODocumentFixture()
    let (result, pdf) = try Self.export(fixture, .campaign("camp-big"))
    let document = result.document
    #expect(document.lines.count == 40)
    let pages = try PDFTools.pageCount(pdf)
    #expect(pages > 1)
    let text = try Self.text(pdf)
    #expect(text.contains("Page 1 of \(pages)"))
    for line in document.lines { #expect(text.contains(try #require(line.promoCode))) }
    // The line-items header is repeated on the next page (thead as table-header-group).
    let secondPage = try #require(text.split(separator: "\u{0C}").dropFirst().first)
    #expect(secondPage.contains("Placement"))
  }

  @Test("a draft carries the DRAFT mark into the PDF")
  func draft() throws {
    let fixture = try IODocumentFixture()
    let (_, output) = try fixture.render(.io("IO-2004"), allowDraft: true)
    let pdf = fixture.base.path("draft.pdf")
    try PDFConverter().convert(html: output.html, to: pdf)
    #expect(try PDFTools.run("pdftotext", [pdf, "-"]).contains("DRAFT"))
  }
}

@Suite("IO documents: PDF engine missing")
struct PDFConverterMissingTests {
  @Test("a missing engine is a clear error with the install command")
  func missing() throws {
    let converter = PDFConverter(executable: "/nonexistent/weasyprint")
    #expect(!converter.isAvailable)
    let error = try #require(throws: PDFError.self) {
      try converter.convert(
        html: "<p>x</p>",
        to: FileManager.default.temporaryDirectory.appendingPathComponent("x.pdf").path)
    }
    #expect(error.description.contains("apt-get install -y weasyprint"))
  }
}
