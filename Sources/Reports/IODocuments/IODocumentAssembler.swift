import Foundation
import GRDB
import Store

/// Reads one IO, or every IO of a campaign, from the database and assembles an ``IODocument`` with
/// exact totals (``IOMoney``). Reads only, on a read-only connection.
///
/// Rules: an unknown id is an error; a cancelled IO is refused; a draft IO is refused unless
/// `allowDraft` (the document is then marked DRAFT); a non-draft IO must have a promo code and a
/// vanity URL (fields only a draft may leave empty). A campaign document leaves out cancelled IOs
/// and, without `allowDraft`, drafts (listed in ``IODocument/skipped``).
///
/// ```swift
/// let assembler = IODocumentAssembler(store: store, terms: try IOTerms.load(path: "reports/io-terms.json"))
/// let document = try assembler.assemble(.io("IO-1001"), issuedAt: Date())
/// ```
public struct IODocumentAssembler {
  let store: CuesheetStore
  let terms: IOTerms
  /// Whether draft IOs may be exported (marked DRAFT).
  public var allowDraft: Bool

  public init(store: CuesheetStore, terms: IOTerms, allowDraft: Bool = false) {
    self.store = store
    self.terms = terms
    self.allowDraft = allowDraft
  }

  static let lineSQL = """
    SELECT io.io_id, io.campaign_id, io.status, io.show_id, s.name AS show_name, io.placement, io.ad_format,
      io.flight_start, io.flight_end, io.spots, io.impressions_goal, io.rate_type, io.rate_cents,
      io.promo_code, io.vanity_url, io.spot_length_seconds
    FROM io_bookings io JOIN shows s ON s.show_id = io.show_id
    """

  /// Assembles the document for `scope`, issued on the UTC day of `issuedAt`.
  public func assemble(_ scope: IODocument.Scope, issuedAt: Date) throws -> IODocument {
    let queue = try store.openReadOnlyReader()
    return try queue.read { db in try assemble(scope, issuedAt: issuedAt, in: db) }
  }

  /// ``assemble(_:issuedAt:)`` reading in `db`, a read transaction the caller holds (the async
  /// export reads through the store's async seam).
  public func assemble(_ scope: IODocument.Scope, issuedAt: Date, in db: Database) throws
    -> IODocument
  {
    var rows: [Row]
    var skipped: [String] = []
    let campaignID: String
    switch scope {
    case .io(let id):
      guard
        let row = try Row.fetchOne(db, sql: Self.lineSQL + " WHERE io.io_id = ?", arguments: [id])
      else {
        throw IODocumentError.unknownIO(id)
      }
      let status: String = row["status"]
      if status == "cancelled" { throw IODocumentError.cancelled(io: id) }
      if status == "draft" && !allowDraft { throw IODocumentError.draft(io: id) }
      rows = [row]
      campaignID = row["campaign_id"]
    case .campaign(let id):
      guard
        try Bool.fetchOne(
          db, sql: "SELECT 1 FROM campaigns WHERE campaign_id = ?", arguments: [id]) != nil
      else {
        throw IODocumentError.unknownCampaign(id)
      }
      let all = try Row.fetchAll(
        db, sql: Self.lineSQL + " WHERE io.campaign_id = ? ORDER BY io.flight_start, io.io_id",
        arguments: [id])
      rows = []
      for row in all {
        let status: String = row["status"]
        if status == "cancelled" || (status == "draft" && !allowDraft) {
          skipped.append(row["io_id"])
        } else {
          rows.append(row)
        }
      }
      if rows.isEmpty {
        throw IODocumentError.noLines(
          campaign: id,
          reason: all.isEmpty
            ? "it has no IOs"
            : "its \(all.count) IO(s) are cancelled or drafts; pass --allow-draft to include drafts"
        )
      }
      campaignID = id
    }
    let lines = try rows.map(Self.line)
    for line in lines where line.status != "draft" {
      if (line.promoCode ?? "").isEmpty {
        throw IODocumentError.missingField(
          io: line.ioID, status: line.status, field: "promo code")
      }
      if (line.vanityURL ?? "").isEmpty {
        throw IODocumentError.missingField(
          io: line.ioID, status: line.status, field: "vanity URL")
      }
    }
    guard
      let party = try Row.fetchOne(
        db,
        sql: """
          SELECT c.name AS campaign_name, c.po_number, c.talking_points, a.advertiser_id,
            a.name AS advertiser_name, a.legal_name, a.address, a.contact_name, a.contact_email,
            a.billing_contact_name, a.billing_contact_email, a.invoice_to, a.agency,
            a.agency_legal_name, a.agency_address, a.agency_contact_name, a.agency_contact_email,
            a.agency_commission_bps
          FROM campaigns c JOIN advertisers a ON a.advertiser_id = c.advertiser_id WHERE c.campaign_id = ?
          """, arguments: [campaignID])
    else { throw IODocumentError.unknownCampaign(campaignID) }

    let gross = try IOMoney.gross(lines.map(\.total))
    let bps: Int64? = party["agency_commission_bps"]
    let commission =
      try bps.map { bps throws(IODocumentError) in try IOMoney.commission(on: gross, bps: bps) }
      ?? Money(cents: 0)
    let firstFlight = lines.map(\.flightStart).min() ?? ""
    let advertiser = IODocument.Party(
      name: party["advertiser_name"], legalName: party["legal_name"], address: party["address"],
      contactName: party["contact_name"], contactEmail: party["contact_email"])
    let agency = (party["agency"] as String?).map { name in
      IODocument.Party(
        name: name, legalName: party["agency_legal_name"], address: party["agency_address"],
        contactName: party["agency_contact_name"], contactEmail: party["agency_contact_email"])
    }
    let issueDate = String(Timestamp.string(issuedAt).prefix(10))
    return IODocument(
      scope: scope, number: scope.id, issueDate: issueDate,
      signBy: terms.signByDays.map { Self.day(issueDate, minus: -$0) },
      revision: nil, contentSHA256: nil, isDraft: lines.contains { $0.status == "draft" },
      campaignID: campaignID, campaignName: party["campaign_name"],
      poNumber: party["po_number"], talkingPoints: party["talking_points"],
      advertiserID: party["advertiser_id"], advertiser: advertiser, agency: agency,
      commissionBPS: bps,
      invoiceTo: party["invoice_to"] ?? (agency == nil ? "advertiser" : "agency"),
      billingContactName: party["billing_contact_name"],
      billingContactEmail: party["billing_contact_email"],
      lines: lines, gross: gross, commission: commission, net: gross - commission,
      creativeDue: Self.day(firstFlight, minus: terms.creativeDueDays), terms: terms,
      skipped: skipped)
  }

  static func line(_ row: Row) throws -> IODocument.Line {
    let rateType: String = row["rate_type"]
    let rate = Money(cents: row["rate_cents"])
    let goal: Int64? = row["impressions_goal"]
    return IODocument.Line(
      ioID: row["io_id"], status: row["status"], showID: row["show_id"], showName: row["show_name"],
      placement: row["placement"], adFormat: row["ad_format"],
      spotLengthSeconds: row["spot_length_seconds"], flightStart: row["flight_start"],
      flightEnd: row["flight_end"], spots: row["spots"], impressionsGoal: goal, rateType: rateType,
      rate: rate,
      total: try IOMoney.lineTotal(rateType: rateType, rate: rate, impressionsGoal: goal),
      promoCode: row["promo_code"], vanityURL: row["vanity_url"])
  }

  /// `YYYY-MM-DD` minus `days` (proleptic Gregorian, UTC).
  static func day(_ text: String, minus days: Int) -> String {
    guard let day = Day(parsing: text) else { return text }
    return day.adding(days: -days).description
  }
}
