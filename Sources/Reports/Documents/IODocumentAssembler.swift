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
      io.promo_code, io.vanity_url
    FROM io_bookings io JOIN shows s ON s.show_id = io.show_id
    """

  /// Assembles the document for `scope`, issued on the UTC day of `issuedAt`.
  public func assemble(_ scope: IODocument.Scope, issuedAt: Date) throws -> IODocument {
    let queue = try store.openReadOnlyReader()
    return try queue.read { db in
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
            SELECT c.name AS campaign_name, a.advertiser_id, a.name AS advertiser_name, a.contact_name,
              a.contact_email, a.agency, a.agency_commission_bps
            FROM campaigns c JOIN advertisers a ON a.advertiser_id = c.advertiser_id WHERE c.campaign_id = ?
            """, arguments: [campaignID])
      else { throw IODocumentError.unknownCampaign(campaignID) }

      let gross = try IOMoney.gross(lines.map(\.total))
      let bps: Int64? = party["agency_commission_bps"]
      let commission =
        try bps.map { bps throws(IODocumentError) in try IOMoney.commission(on: gross, bps: bps) }
        ?? Money(cents: 0)
      let subjects = lines.map { "io:\($0.ioID)" }
      let events =
        try Int.fetchOne(
          db,
          sql:
            "SELECT count(*) FROM events WHERE subject IN (\(databaseQuestionMarks(count: subjects.count)))",
          arguments: StatementArguments(subjects)) ?? 0
      let firstFlight = lines.map(\.flightStart).min() ?? ""
      let number: String
      if case .io(let id) = scope { number = id } else { number = campaignID }
      return IODocument(
        scope: scope, number: number, issueDate: String(Timestamp.string(issuedAt).prefix(10)),
        version: max(1, events), isDraft: lines.contains { $0.status == "draft" },
        campaignID: campaignID, campaignName: party["campaign_name"],
        advertiserID: party["advertiser_id"], advertiserName: party["advertiser_name"],
        contactName: party["contact_name"], contactEmail: party["contact_email"],
        agency: party["agency"],
        commissionBPS: bps, lines: lines, gross: gross, commission: commission,
        net: gross - commission,
        creativeDue: Self.day(firstFlight, minus: terms.creativeDueDays), terms: terms,
        skipped: skipped)
    }
  }

  static func line(_ row: Row) throws -> IODocument.Line {
    let rateType: String = row["rate_type"]
    let rate = Money(cents: row["rate_cents"])
    let goal: Int64? = row["impressions_goal"]
    return IODocument.Line(
      ioID: row["io_id"], status: row["status"], showID: row["show_id"], showName: row["show_name"],
      placement: row["placement"], adFormat: row["ad_format"], flightStart: row["flight_start"],
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
