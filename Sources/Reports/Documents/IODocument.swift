import Foundation
import Store

/// An insertion-order document, assembled from the database: the parties, the line items with their
/// exact totals, and the terms. ``IODocumentAssembler`` builds it; ``IODocumentRenderer`` renders it
/// through the `reports/io.md` template.
public struct IODocument: Sendable, Equatable {
  /// What the document covers: one IO, or every IO of a campaign.
  public enum Scope: Sendable, Equatable {
    case io(String)
    case campaign(String)
  }

  /// One line item: one IO booking.
  public struct Line: Sendable, Equatable {
    public var ioID: String
    public var status: String
    public var showID: String
    public var showName: String
    /// `pre`, `mid` or `post`.
    public var placement: String
    /// `host_read` or `produced`.
    public var adFormat: String
    public var flightStart: String
    public var flightEnd: String
    public var spots: Int64?
    public var impressionsGoal: Int64?
    /// `cpm` or `flat`.
    public var rateType: String
    public var rate: Money
    /// The line total (``IOMoney/lineTotal(rateType:rate:impressionsGoal:)``).
    public var total: Money
    public var promoCode: String?
    public var vanityURL: String?
  }

  public var scope: Scope
  /// The IO number: the IO id, or the campaign id for a campaign document.
  public var number: String
  /// The issue day, `YYYY-MM-DD` (the build day).
  public var issueDate: String
  /// How many recorded changes the covered IOs have had (events on `io:<id>`), at least 1.
  public var version: Int
  /// True when any line is a draft (only with `allowDraft`); the document is marked DRAFT.
  public var isDraft: Bool
  public var campaignID: String
  public var campaignName: String
  public var advertiserID: String
  public var advertiserName: String
  public var contactName: String?
  public var contactEmail: String?
  public var agency: String?
  /// Agency commission in basis points (1500 = 15%), when the advertiser has one.
  public var commissionBPS: Int64?
  public var lines: [Line]
  public var gross: Money
  public var commission: Money
  public var net: Money
  /// The creative due day, `YYYY-MM-DD`: the earliest flight start minus the terms' days.
  public var creativeDue: String
  public var terms: IOTerms
  /// IOs of the campaign left off the document (drafts without `allowDraft`, cancelled IOs).
  public var skipped: [String]
}
