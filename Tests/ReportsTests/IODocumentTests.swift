import Foundation
import Reports
import Store
import Testing

@Suite("IO documents: content, goldens and errors")
struct IODocumentTests {
  struct GoldenCase: Sendable, CustomStringConvertible {
    var name: String
    var scope: IODocument.Scope
    var allowDraft = false
    var description: String { name }
  }

  static let goldens: [GoldenCase] = [
    // One CPM line, 15% agency commission.
    GoldenCase(name: "io-IO-1001", scope: .io("IO-1001")),
    // 3 × $33.33 and commission rounding; the draft and the cancelled IO left out.
    GoldenCase(name: "io-camp-cents", scope: .campaign("camp-cents")),
    // A draft: marked DRAFT, its missing promo code shown as "–".
    GoldenCase(name: "io-IO-2004-draft", scope: .io("IO-2004"), allowDraft: true),
  ]

  @Test("Markdown and HTML match the golden files", arguments: goldens)
  func golden(_ testCase: GoldenCase) throws {
    let fixture = try IODocumentFixture()
    let (_, output) = try fixture.render(testCase.scope, allowDraft: testCase.allowDraft)
    try assertGolden(output.markdown, named: "\(testCase.name).md.golden")
    try assertGolden(output.html, named: "\(testCase.name).html.golden")
  }

  @Test("the document has every section the issue asks for")
  func content() throws {
    let fixture = try IODocumentFixture()
    try fixture.base.store.writer.write { db in
      try db.execute(
        sql: "UPDATE io_bookings SET vanity_url = 'acme.test/dec' WHERE io_id = 'IO-1003'")
    }
    let (_, output) = try fixture.render(.campaign("camp-acme-q4"))
    for text in [
      "IO number:", "Issue date:", "Version:", "Acme Mattresses", "Big Agency",
      "agency commission 15%",
      "Wile E.", "wile@acme.test", "Acme Q4 Sleep Sale", "Pre-roll", "Mid-roll", "Post-roll",
      "Host-read",
      "Produced", "300,000 impressions", "4 spots", "CPM", "flat", "Gross",
      "Agency commission (15%)", "Net",
      "ACME20", "RUNACME", "acme.test/tech", "Cancellation", "Net 30", "Creative", "Makegoods",
      "Competitive separation", "Frequency cap", "Signatures",
      "Publisher: Cuesheet Podcast Network",
    ] {
      #expect(output.markdown.contains(text), "Markdown lacks \(text)")
    }
  }

  @Test("the version counts the IO's recorded changes")
  func version() throws {
    let fixture = try IODocumentFixture()
    #expect(try fixture.document(.io("IO-2001")).version == 2)
    #expect(try fixture.document(.io("IO-2002")).version == 1)
  }

  struct ErrorCase: Sendable, CustomStringConvertible {
    var name: String
    var scope: IODocument.Scope
    var allowDraft = false
    var error: IODocumentError
    var mentions: String
    var description: String { name }
  }

  static let errorCases: [ErrorCase] = [
    ErrorCase(
      name: "unknown IO", scope: .io("IO-9999"), error: .unknownIO("IO-9999"), mentions: "IO-9999"),
    ErrorCase(
      name: "unknown campaign", scope: .campaign("camp-nope"), error: .unknownCampaign("camp-nope"),
      mentions: "camp-nope"),
    ErrorCase(
      name: "draft without allowDraft", scope: .io("IO-2004"), error: .draft(io: "IO-2004"),
      mentions: "--allow-draft"),
    ErrorCase(
      name: "cancelled IO", scope: .io("IO-2005"), allowDraft: true,
      error: .cancelled(io: "IO-2005"), mentions: "IO-2005"),
    ErrorCase(
      name: "scheduled IO without a vanity URL (a draft-only gap)", scope: .io("IO-1003"),
      error: .missingField(io: "IO-1003", status: "scheduled", field: "vanity URL"),
      mentions: "only drafts"),
    ErrorCase(
      name: "campaign with a gap", scope: .campaign("camp-acme-q4"), allowDraft: true,
      error: .missingField(io: "IO-1003", status: "scheduled", field: "vanity URL"),
      mentions: "IO-1003"),
    ErrorCase(
      name: "campaign without IOs", scope: .campaign("camp-empty"),
      error: .noLines(campaign: "camp-empty", reason: "it has no IOs"), mentions: "camp-empty"),
  ]

  @Test(
    "unknown ids, drafts, cancelled IOs and draft-only gaps are clear errors", arguments: errorCases
  )
  func refused(_ testCase: ErrorCase) throws {
    let fixture = try IODocumentFixture()
    let before = try fixture.base.dump()
    let error = try #require(throws: IODocumentError.self) {
      try fixture.document(testCase.scope, allowDraft: testCase.allowDraft)
    }
    #expect(error == testCase.error)
    #expect(error.description.contains(testCase.mentions), "\(error.description)")
    #expect(try fixture.base.dump() == before)
  }

  @Test("a campaign document leaves out drafts (unless allowed) and cancelled IOs")
  func campaignSelection() throws {
    let fixture = try IODocumentFixture()
    let strict = try fixture.document(.campaign("camp-cents"))
    #expect(strict.lines.map(\.ioID) == ["IO-2001", "IO-2002", "IO-2003"])
    #expect(strict.skipped == ["IO-2004", "IO-2005"])
    #expect(!strict.isDraft)
    let drafts = try fixture.document(.campaign("camp-cents"), allowDraft: true)
    #expect(drafts.lines.map(\.ioID) == ["IO-2001", "IO-2002", "IO-2003", "IO-2004"])
    #expect(drafts.isDraft)
    #expect(drafts.gross == Money(cents: 9999 + 5000))
  }

  @Test("a terms file with a missing key names the file and the key")
  func badTerms() throws {
    let fixture = try IODocumentFixture()
    let path = fixture.base.path("terms.json")
    try #"{"publisher": {"name": "X"}, "payment_terms": "Net 30", "terms": []}"#
      .write(toFile: path, atomically: true, encoding: .utf8)
    let error = try #require(throws: IODocumentError.self) { try IOTerms.load(path: path) }
    #expect(error.description.contains(path))
    #expect(error.description.contains("creative_due_days"))
  }
}
