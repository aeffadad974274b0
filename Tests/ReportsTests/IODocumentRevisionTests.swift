import Foundation
import GRDB
import Reports
import Store
import Testing

@Suite("IO documents: immutable revisions")
struct IODocumentRevisionTests {
  /// Issues `scope` in `format` at `date` and returns the issued document.
  static func issue(
    _ fixture: IODocumentFixture, _ scope: IODocument.Scope, format: String = "md",
    at date: Date = ReportFixture.builtAt
  ) throws -> IODocumentIssuer.Issued {
    try IODocumentIssuer(store: fixture.base.store).issue(
      try fixture.document(scope, at: date), format: format, at: date)
  }

  static func rows(_ fixture: IODocumentFixture) throws -> [IODocumentRecord] {
    try fixture.base.store.writer.read { db in try IODocumentRecords.list(db) }
  }

  @Test("same content → same revision, issue date and no new row; a new format is a row of it")
  func idempotent() throws {
    let fixture = try IODocumentFixture()
    let first = try Self.issue(fixture, .io("IO-1001"))
    #expect(first.document.revision == 1)
    #expect(first.recorded)
    let later = ReportFixture.builtAt.addingTimeInterval(3 * 86_400)
    let again = try Self.issue(fixture, .io("IO-1001"), at: later)
    #expect(again.document.revision == 1)
    #expect(!again.recorded)
    #expect(again.document.issueDate == first.document.issueDate)
    #expect(again.document.signBy == first.document.signBy)
    let pdf = try Self.issue(fixture, .io("IO-1001"), format: "pdf", at: later)
    #expect(pdf.document.revision == 1)
    #expect(pdf.recorded)
    let rows = try Self.rows(fixture)
    #expect(rows.map(\.format) == ["md", "pdf"])
    #expect(Set(rows.map(\.issuedAt)).count == 1)
    let events = try fixture.base.store.writer.read { db in
      try EventLog.list(db, filter: EventFilter(type: "io.document_issued"))
    }
    #expect(events.count == 2)
    #expect(events.first?.subject == "io:IO-1001")
  }

  @Test("changed content → the next revision, never a reused number; back again → a new one too")
  func changed() throws {
    let fixture = try IODocumentFixture()
    let one = try Self.issue(fixture, .campaign("camp-cents"))
    try fixture.base.store.writer.write { db in
      try db.execute(sql: "UPDATE io_bookings SET status = 'cancelled' WHERE io_id = 'IO-2003'")
    }
    let two = try Self.issue(fixture, .campaign("camp-cents"))
    #expect(one.document.revision == 1)
    #expect(two.document.revision == 2)
    #expect(one.document.contentSHA256 != two.document.contentSHA256)
    #expect(one.document.net != two.document.net)
    try fixture.base.store.writer.write { db in
      try db.execute(sql: "UPDATE io_bookings SET status = 'scheduled' WHERE io_id = 'IO-2003'")
    }
    let three = try Self.issue(fixture, .campaign("camp-cents"))
    #expect(three.document.revision == 3)
    #expect(three.document.contentSHA256 == one.document.contentSHA256)
  }

  @Test("a status change that does not change the content keeps the revision")
  func statusOnly() throws {
    let fixture = try IODocumentFixture()
    let one = try Self.issue(fixture, .io("IO-2001"))
    try fixture.base.store.writer.write { db in
      try db.execute(sql: "UPDATE io_bookings SET status = 'live' WHERE io_id = 'IO-2001'")
    }
    #expect(try Self.issue(fixture, .io("IO-2001")).document.revision == one.document.revision)
  }

  @Test("concurrent exports of two contents never share a revision number")
  func concurrent() async throws {
    let fixture = try IODocumentFixture()
    let store = fixture.base.store
    var documents: [IODocument] = []
    for rate in [2500, 2600, 2700, 2800] {
      try await store.writer.write { db in
        try db.execute(
          sql: "UPDATE io_bookings SET rate_cents = ? WHERE io_id = 'IO-1001'", arguments: [rate])
      }
      documents.append(try fixture.document(.io("IO-1001")))
    }
    let issued = try await withThrowingTaskGroup(of: Int?.self) { group in
      for document in documents + documents {
        group.addTask {
          try IODocumentIssuer(store: store).issue(
            document, format: "md", at: ReportFixture.builtAt
          ).document.revision
        }
      }
      var revisions: [Int] = []
      for try await revision in group { revisions.append(try #require(revision)) }
      return revisions
    }
    #expect(issued.count == 8)
    let rows = try Self.rows(fixture)
    // Each revision number has exactly one content.
    let byRevision = Dictionary(grouping: rows, by: \.revision)
    for (revision, group) in byRevision {
      #expect(Set(group.map(\.contentSHA256)).count == 1, "revision \(revision) reused")
    }
    #expect(Set(rows.map(\.revision)).count == rows.count)
  }

  @Test("io_documents refuses updates, deletes and a reused revision number")
  func immutable() throws {
    let fixture = try IODocumentFixture()
    _ = try Self.issue(fixture, .io("IO-1001"))
    for sql in [
      "UPDATE io_documents SET revision = 9",
      "DELETE FROM io_documents",
      """
      INSERT INTO io_documents (scope, scope_id, campaign_id, revision, content_sha256, content, format, issued_at)
      VALUES ('io', 'IO-1001', 'camp-acme-q4', 1, '\(String(repeating: "a", count: 64))', 'x', 'html', '2026-11-25T06:00:00Z')
      """,
    ] {
      #expect(throws: DatabaseError.self, "\(sql)") {
        try fixture.base.store.writer.write { db in try db.execute(sql: sql) }
      }
    }
  }

  @Test("a draft is not issued: no revision, no row")
  func draft() throws {
    let fixture = try IODocumentFixture()
    let issued = try IODocumentIssuer(store: fixture.base.store).issue(
      try fixture.document(.io("IO-2004"), allowDraft: true), format: "md",
      at: ReportFixture.builtAt)
    #expect(issued.document.revision == nil)
    #expect(issued.record == nil)
    #expect(try Self.rows(fixture).isEmpty)
  }

  @Test("a failed export records nothing")
  func failed() throws {
    let fixture = try IODocumentFixture()
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try IODocumentIssuer(store: fixture.base.store).issue(
        try fixture.document(.io("IO-1001")), format: "md", at: ReportFixture.builtAt
      ) { _ in throw Boom() }
    }
    #expect(try Self.rows(fixture).isEmpty)
  }

  @Test("verify names the revision of an exported md and html file, and spots an altered one")
  func verify() throws {
    let fixture = try IODocumentFixture()
    let store = fixture.base.store
    for format in [IODocumentExport.Format.md, .html] {
      var request = IODocumentExport.Request(scope: .io("IO-1001"), format: format)
      request.reportsDirectory = ReportFixture.defaultTemplates
      request.now = ReportFixture.builtAt
      let path = fixture.base.path("IO-1001.\(format.rawValue)")
      request.output = { _ in path }
      let result = try IODocumentExport.run(store: store, request: request)
      let verification = try IODocumentVerifier(store: store).verify(file: path)
      #expect(verification.isValid)
      #expect(verification.matches.first?.revision == result.document.revision)
      #expect(verification.scope == "io IO-1001")

      // Another content hash in the comment: the stated hash no longer agrees.
      var text = try String(contentsOfFile: path, encoding: .utf8)
      let stated = try #require(result.document.contentSHA256)
      text = text.replacingOccurrences(of: stated, with: String(repeating: "0", count: 64))
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      #expect(!(try IODocumentVerifier(store: store).verify(file: path)).isValid)
    }
    let plain = fixture.base.path("plain.md")
    try "# hello\n".write(toFile: plain, atomically: true, encoding: .utf8)
    #expect(throws: IODocumentError.noCanonicalContent(path: plain)) {
      try IODocumentVerifier(store: store).verify(file: plain)
    }
  }

  @Test("content that was never issued matches no revision")
  func unmatched() throws {
    let fixture = try IODocumentFixture()
    let document = try fixture.document(.io("IO-1001"))
    let path = fixture.base.path("never.md")
    try IOCanonical.comment(document.canonicalText).write(
      toFile: path, atomically: true, encoding: .utf8)
    let verification = try IODocumentVerifier(store: fixture.base.store).verify(file: path)
    #expect(verification.matches.isEmpty)
    #expect(!verification.isValid)
  }
}

@Suite("IO documents: checks before issue")
struct IODocumentWarningTests {
  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var io: String
    var today: String
    var expected: [String]
    var description: String { name }
  }

  // IO-1001 flies 1–30 Nov 2026 (creative due 25 Oct); the fixture's issue day is 25 Nov 2026,
  // sign-by 5 days later. IO-2001 flies from 1 Dec 2026 (creative due 24 Nov).
  static let cases: [Case] = [
    Case(name: "all clear well ahead", io: "IO-2001", today: "2026-10-01", expected: []),
    Case(
      name: "inside the cancellation notice period", io: "IO-2001", today: "2026-11-20",
      expected: ["cancellation-window-open"]),
    Case(
      name: "creative overdue and flight before sign-by", io: "IO-1001", today: "2026-11-25",
      expected: ["creative-due-past", "flight-before-sign-by", "cancellation-window-open"]),
  ]

  @Test("warnings name the dates", arguments: cases)
  func warnings(_ testCase: Case) throws {
    let fixture = try IODocumentFixture()
    let document = try fixture.document(.io(testCase.io))
    let warnings = IODocumentWarning.check(
      document, today: try #require(Day(parsing: testCase.today)))
    #expect(warnings.map(\.id) == testCase.expected)
    for warning in warnings { #expect(warning.message.contains("20")) }
  }

  @Test("--strict refuses to issue: an error, no row and no file")
  func strict() throws {
    let fixture = try IODocumentFixture()
    var request = IODocumentExport.Request(scope: .io("IO-1001"), format: .md)
    request.reportsDirectory = ReportFixture.defaultTemplates
    request.now = ReportFixture.builtAt
    request.strict = true
    let path = fixture.base.path("strict.md")
    request.output = { _ in path }
    let error = try #require(throws: IODocumentError.self) {
      try IODocumentExport.run(store: fixture.base.store, request: request)
    }
    guard case .warnings(let warnings) = error else {
      Issue.record("expected warnings, got \(error)")
      return
    }
    #expect(warnings.count == 3)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(try fixture.base.store.writer.read { db in try IODocumentRecords.list(db) }.isEmpty)
    request.strict = false
    let result = try IODocumentExport.run(store: fixture.base.store, request: request)
    #expect(result.warnings.count == 3)
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test("PDF export refused while ENABLE_IO_PDF is off, before anything is written")
  func pdfOff() throws {
    let fixture = try IODocumentFixture()
    var request = IODocumentExport.Request(scope: .io("IO-1001"), format: .pdf)
    request.reportsDirectory = ReportFixture.defaultTemplates
    request.pdfRefusal = "ENABLE_IO_PDF is off (reason OVERRIDE)"
    let error = try #require(throws: IODocumentError.self) {
      try IODocumentExport.run(store: fixture.base.store, request: request)
    }
    #expect(error.description.contains("ENABLE_IO_PDF"))
    #expect(try fixture.base.store.writer.read { db in try IODocumentRecords.list(db) }.isEmpty)
  }
}
