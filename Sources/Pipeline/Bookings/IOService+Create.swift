import Foundation
import GRDB
import Store

extension IOService {
  /// The first generated id: `IO-1001`.
  public static let firstNumber = 1001

  /// Creates a draft IO inside the caller's transaction and records `io.created`.
  ///
  /// Checks that the campaign and the show exist, that the campaign's deal is not `closed_lost`, that an explicit id is free, and that the promo
  /// code (compared without regard to case) is not used by an active IO (not cancelled, not
  /// completed) of another advertiser. Without an explicit id, takes `IO-<n>` with `n` one above the
  /// largest numbered `IO-` id, starting at `IO-1001`.
  @discardableResult
  public static func create(_ db: Database, _ request: NewIO, now: Date) throws -> String {
    let ioID: String
    if let explicit = request.ioID {
      ioID = try validateID(explicit)
      guard
        try Bool.fetchOne(db, sql: "SELECT 1 FROM io_bookings WHERE io_id = ?", arguments: [ioID])
          == nil
      else { throw PipelineError.ioExists(ioID) }
    } else {
      ioID = try nextID(db)
    }
    guard
      let campaign = try Row.fetchOne(
        db, sql: "SELECT advertiser_id, stage FROM campaigns WHERE campaign_id = ?",
        arguments: [request.campaignID])
    else { throw PipelineError.campaignNotFound(request.campaignID) }
    let advertiser: String = campaign[0]
    if campaign[1] == DealStage.closedLost.rawValue {
      throw PipelineError.campaignLost(campaign: request.campaignID)
    }
    try requireShow(db, request.showID)

    let promoCode = try request.promoCode.map(validatePromoCode)
    if let promoCode {
      if let clash = try Row.fetchOne(
        db,
        sql: """
          SELECT io.io_id, c.advertiser_id FROM \(IOBooking.from)
          WHERE io.promo_code = ? COLLATE NOCASE AND io.status NOT IN ('cancelled', 'completed')
            AND c.advertiser_id <> ?
          ORDER BY io.io_id LIMIT 1
          """, arguments: [promoCode, advertiser])
      {
        throw PipelineError.promoCodeInUse(code: promoCode, io: clash[0], advertiser: clash[1])
      }
    }
    let vanityURL = try request.vanityURL.map(VanityURL.validate)

    let stamp = Timestamp.string(now)
    try db.execute(
      sql: """
        INSERT INTO io_bookings (io_id, campaign_id, show_id, placement, ad_format, spots,
          flight_start, flight_end, rate_type, rate_cents, impressions_goal, promo_code, vanity_url,
          status, status_changed_at, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)
        """,
      arguments: [
        ioID, request.campaignID, request.showID, request.placement.rawValue,
        request.adFormat.rawValue, request.rate.spots, request.flight.start.description,
        request.flight.end.description, request.rate.type, request.rate.amount.cents,
        request.rate.impressionsGoal, promoCode, vanityURL, stamp, stamp, stamp,
      ])
    let payload: [String: JSONValue] = [
      "io_id": .string(ioID), "campaign_id": .string(request.campaignID),
      "show_id": .string(request.showID), "placement": .string(request.placement.rawValue),
    ]
    try EventLog.record(db, type: "io.created", subject: "io:\(ioID)", payload: payload, at: now)
    return ioID
  }

  /// The next free generated id: `IO-<max numbered suffix + 1>`, at least `IO-1001`.
  public static func nextID(_ db: Database) throws -> String {
    let ids = try String.fetchAll(
      db, sql: "SELECT io_id FROM io_bookings WHERE io_id GLOB 'IO-[0-9]*'")
    let highest = ids.compactMap(ioNumber).max() ?? (firstNumber - 1)
    return "IO-\(max(highest, firstNumber - 1) + 1)"
  }

  /// An explicit id: 1–64 characters, no white space or control characters.
  static func validateID(_ id: String) throws(PipelineError) -> String {
    guard (1...64).contains(id.count),
      !id.contains(where: { $0.isWhitespace || $0.asciiValue.map { $0 < 32 } == true })
    else {
      throw .invalidArgument(
        "--id '\(id)' must be 1 to 64 characters without spaces, like IO-2001.")
    }
    return id
  }

  /// A promo code: trimmed, 1–64 characters of letters, digits, `-` and `_`.
  static func validatePromoCode(_ code: String) throws(PipelineError) -> String {
    let trimmed = code.trimmingCharacters(in: .whitespaces)
    guard (1...64).contains(trimmed.count),
      trimmed.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
    else {
      throw .invalidArgument(
        "--promo-code '\(BoundedText.clip(code))' must be 1 to 64 letters, digits, - or _, like SAVE20."
      )
    }
    return trimmed
  }
}
