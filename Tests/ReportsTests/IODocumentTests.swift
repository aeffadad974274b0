import CuesheetTesting
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
    var style: IOTemplateStyle = .classic
    var description: String { "\(name) (\(style.rawValue))" }
  }

  static let goldens: [GoldenCase] = [
    // One CPM line, 15% agency commission, an agency signatory, a PO number.
    GoldenCase(name: "io-IO-1001", scope: .io("IO-1001")),
    GoldenCase(name: "io-IO-1001-modern", scope: .io("IO-1001"), style: .modern),
    // 3 × $33.33 and commission rounding; the draft and the cancelled IO left out.
    GoldenCase(name: "io-camp-cents", scope: .campaign("camp-cents")),
    GoldenCase(name: "io-camp-cents-modern", scope: .campaign("camp-cents"), style: .modern),
    // A draft: marked DRAFT, its missing promo code shown as "–", no revision.
    GoldenCase(name: "io-IO-2004-draft", scope: .io("IO-2004"), allowDraft: true),
  ]

  @Test("Markdown and HTML match the golden files, for both templates", arguments: goldens)
  func golden(_ testCase: GoldenCase) throws {
    let fixture = try IODocumentFixture()
    let (_, output) = try fixture.render(
      testCase.scope, allowDraft: testCase.allowDraft, style: testCase.style)
    try goldenFiles.assertMatches(output.markdown, named: "\(testCase.name).md.golden")
    try goldenFiles.assertMatches(output.html, named: "\(testCase.name).html.golden")
  }

  @Test(
    "both templates render the same data, and no detail detail", arguments: IOTemplateStyle.allCases
  )
  func sameData(_ style: IOTemplateStyle) throws {
    let fixture = try IODocumentFixture()
    let (document, output) = try fixture.render(.io("IO-1001"), style: style)
    for text in [
      "Revision 1", String(try #require(document.contentSHA256).prefix(12)), "$7,500.00",
      "$6,375.00", "Acme Mattresses Inc.", "Big Agency LLC", "Cuesheet Media, Inc.", "PO-77",
      "ACME20", "Sequential liability", "Governing law", "Order of precedence",
    ] {
      #expect(
        output.markdown.replacingOccurrences(of: "\\", with: "").contains(text),
        "\(style) Markdown lacks \(text)")
      #expect(output.html.contains(HTMLEscape.escape(text)), "\(style) HTML lacks \(text)")
    }
    for detail in ["cuesheet.db", "network.db", "import #", "Built "] {
      #expect(!output.markdown.contains(detail), "\(style) Markdown shows \(detail)")
      #expect(!output.html.contains(detail), "\(style) HTML shows \(detail)")
    }
  }

  @Test("the document has every section the issue asks for")
  func content() throws {
    let fixture = try IODocumentFixture()
    try fixture.base.store.writer.write { db in
      try db.execute(
        sql: "UPDATE io_bookings SET vanity_url = 'acme.test/dec' WHERE io_id = 'IO-1003'")
    }
    let (_, output) = try fixture.render(.campaign("camp-acme-q4"))
    let nbsp = "\u{00A0}"
    for text in [
      "Revision 1", "Issued", "Sign by", "PO", "Acme Mattresses Inc.", "1 Desert Road",
      "Big Agency LLC", "9 Madison Avenue", "Ada Agent", "commission 15%",
      "Wile E.", "wile@acme.test", "Invoices to:", "Road Runner", "ap@acme.test",
      "Acme Q4 Sleep Sale", "Pre-roll", "Mid-roll", "Post-roll", "Host-read", "60\(nbsp)s",
      "Produced", "300,000 impressions", "4 spots", "CPM", "flat", "Gross",
      "Agency commission (15%)", "Net", "1–30\(nbsp)Nov\(nbsp)2026",
      "ACME20", "RUNACME", "acme.test/tech", "Cancellation", "14 days", "Net 30", "Creative",
      "Makegoods", "Competitive separation", "Frequency cap", "Measurement", "IAB Tech Lab",
      "Talking points: Sleep better | wake happier.", "Sequential liability", "US dollars (USD)",
      "Amounts exclude sales tax", "Order of precedence", "Governing law", "State of California",
      "IAB/4A's Standard Terms", "Signatures", "Advertiser: Acme Mattresses Inc.",
      "Agency, as agent for the advertiser: Big Agency LLC", "Publisher: Cuesheet Media, Inc.",
      "Signature:", "Name:", "Title:", "Date:",
    ] {
      #expect(
        output.markdown.replacingOccurrences(of: "\\", with: "").contains(text),
        "Markdown lacks \(text)")
    }
  }

  @Test("a direct advertiser has no agency signatory and no agency clauses")
  func direct() throws {
    let fixture = try IODocumentFixture()
    let (document, output) = try fixture.render(.campaign("camp-big"))
    #expect(document.agency == nil)
    #expect(document.signatories.map(\.role) == ["Advertiser", "Publisher"])
    #expect(!output.markdown.contains("Sequential liability"))
    #expect(output.markdown.contains("none (direct)"))
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
