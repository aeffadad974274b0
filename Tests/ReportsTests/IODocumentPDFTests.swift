import Foundation
import Reports
import Testing

/// The PDF tests need WeasyPrint and poppler-utils (`scripts/setup.sh` installs both; CI runs it).
/// Without them the tests are reported as skipped, with the reason.
enum PDFTools {
  static let available =
    PDFConverter().isAvailable && path(of: "pdftotext") != nil && path(of: "pdfinfo") != nil

  static func path(of tool: String) -> String? {
    (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
      .map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

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
  "IO documents: PDF", .serialized,
  .enabled(
    if: PDFTools.available,
    "skipped: weasyprint and poppler-utils (pdftotext, pdfinfo) are not installed"))
struct IODocumentPDFTests {
  @Test(
    "the PDF is valid and its text has the IO number, every promo code and the net total",
    arguments: [
      IODocument.Scope.io("IO-1001"), .campaign("camp-cents"),
    ])
  func text(_ scope: IODocument.Scope) throws {
    let fixture = try IODocumentFixture()
    let (document, output) = try fixture.render(scope)
    let pdf = fixture.base.path("\(output.baseName).pdf")
    try PDFConverter().convert(html: output.html, to: pdf)
    let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: pdf)).readData(ofLength: 5)
    #expect(String(decoding: header, as: UTF8.self) == "%PDF-")
    let text = try PDFTools.run("pdftotext", ["-layout", pdf, "-"])
    #expect(text.contains(document.number))
    for line in document.lines { #expect(text.contains(try #require(line.promoCode))) }
    #expect(text.contains(document.net.formatted()), "net \(document.net.formatted()) missing")
    #expect(try PDFTools.pageCount(pdf) >= 1)
  }

  @Test("an IO document with 40 line items runs over several pages, rows whole, header repeated")
  func paginates() throws {
    let fixture = try IODocumentFixture()
    let (document, output) = try fixture.render(.campaign("camp-big"))
    #expect(document.lines.count == 40)
    let pdf = fixture.base.path("big.pdf")
    try PDFConverter().convert(html: output.html, to: pdf)
    let pages = try PDFTools.pageCount(pdf)
    #expect(pages > 1)
    let text = try PDFTools.run("pdftotext", ["-layout", pdf, "-"])
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
