import Foundation
import Reports
import Store
import Testing

@Suite("IO documents: the async export")
struct IODocumentExportAsyncTests {
  static func request(
    _ fixture: IODocumentFixture, _ format: IODocumentExport.Format, to path: String
  ) -> IODocumentExport.Request {
    var request = IODocumentExport.Request(scope: .io("IO-1001"), format: format)
    request.reportsDirectory = ReportFixture.defaultTemplates
    request.now = ReportFixture.builtAt
    request.output = { _ in path }
    return request
  }

  static func rows(_ fixture: IODocumentFixture) throws -> [IODocumentRecord] {
    try fixture.base.store.writer.read { db in try IODocumentRecords.list(db) }
  }

  /// A stand-in for WeasyPrint: logs each run, writes a file where the PDF goes, and runs
  /// `firstRun` (shell) the first time only.
  static func engine(in fixture: IODocumentFixture, firstRun: String = "") throws -> String {
    let script = fixture.base.path("weasyprint")
    let marker = fixture.base.path("engine-ran")
    try """
    #!/bin/sh
    for last; do :; done
    echo run >> '\(marker).log'
    if [ ! -e '\(marker)' ]; then touch '\(marker)'; \(firstRun); fi
    printf '%%PDF-1.4 stand-in' > "$last"
    """.write(toFile: script, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
    return script
  }

  @Test("the same file, revision and record as the synchronous export")
  func sameAsSynchronous() async throws {
    for format in [IODocumentExport.Format.md, .html] {
      let sync = try IODocumentFixture()
      let async = try IODocumentFixture()
      let syncPath = sync.base.path("sync.\(format.rawValue)")
      let asyncPath = async.base.path("async.\(format.rawValue)")
      let expected = try IODocumentExport.run(
        store: sync.base.store, request: Self.request(sync, format, to: syncPath))
      let result = try await IODocumentExport.runAsync(
        store: async.base.store, request: Self.request(async, format, to: asyncPath))
      #expect(result.document.revision == expected.document.revision)
      #expect(result.document.contentSHA256 == expected.document.contentSHA256)
      #expect(result.record == expected.record)
      #expect(result.recorded && expected.recorded)
      #expect(result.warnings == expected.warnings)
      #expect(
        try String(contentsOfFile: asyncPath, encoding: .utf8)
          == String(contentsOfFile: syncPath, encoding: .utf8))
    }
  }

  @Test("concurrent exports of one content: one revision, one row, every file written")
  func concurrent() async throws {
    let fixture = try IODocumentFixture()
    let store = fixture.base.store
    let results = try await withThrowingTaskGroup(of: IODocumentExport.Result.self) { group in
      for index in 0..<6 {
        let request = Self.request(fixture, .md, to: fixture.base.path("copy-\(index).md"))
        group.addTask { try await IODocumentExport.runAsync(store: store, request: request) }
      }
      var results: [IODocumentExport.Result] = []
      for try await result in group { results.append(result) }
      return results
    }
    #expect(results.count == 6)
    #expect(Set(results.compactMap(\.document.revision)) == [1])
    #expect(results.filter(\.recorded).count == 1)
    #expect(try Self.rows(fixture).count == 1)
    for result in results { #expect(FileManager.default.fileExists(atPath: result.file)) }
  }

  @Test("a revision taken while the PDF printed: staged again, printed again, the next number")
  func revisionTakenWhilePrinting() async throws {
    let fixture = try IODocumentFixture()
    let other = String(repeating: "a", count: 64)
    let insert =
      "sqlite3 -cmd '.timeout 5000' '\(fixture.base.store.path)' \"INSERT INTO io_documents "
      + "(scope, scope_id, campaign_id, revision, content_sha256, content, format, issued_at) "
      + "VALUES ('io', 'IO-1001', 'camp-acme-q4', 1, '\(other)', 'x', 'pdf', "
      + "'2026-11-20T06:00:00Z')\""
    let path = fixture.base.path("IO-1001.pdf")
    var request = Self.request(fixture, .pdf, to: path)
    request.pdfConverter = PDFConverter(executable: try Self.engine(in: fixture, firstRun: insert))
    let result = try await IODocumentExport.runAsync(store: fixture.base.store, request: request)
    #expect(result.document.revision == 2)
    #expect(result.record?.revision == 2)
    #expect(try Self.rows(fixture).map(\.revision) == [1, 2])
    let runs = try String(
      contentsOfFile: fixture.base.path("engine-ran.log"), encoding: .utf8)
    #expect(runs.split(separator: "\n").count == 2)
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test("a failing PDF engine leaves no file and no record")
  func failedPrint() async throws {
    let fixture = try IODocumentFixture()
    let path = fixture.base.path("IO-1001.pdf")
    var request = Self.request(fixture, .pdf, to: path)
    request.pdfConverter = PDFConverter(
      executable: try Self.engine(in: fixture, firstRun: "echo broken >&2; exit 4"))
    await #expect(throws: PDFError.self) {
      try await IODocumentExport.runAsync(store: fixture.base.store, request: request)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try Self.rows(fixture).isEmpty)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: fixture.base.path(""))
      .filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty)
  }

  @Test("strict checks refuse before anything is written")
  func strict() async throws {
    let fixture = try IODocumentFixture()
    let path = fixture.base.path("strict.md")
    var request = Self.request(fixture, .md, to: path)
    request.strict = true
    await #expect(throws: IODocumentError.self) {
      try await IODocumentExport.runAsync(store: fixture.base.store, request: request)
    }
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try Self.rows(fixture).isEmpty)
  }
}
