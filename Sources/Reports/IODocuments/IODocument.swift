import Foundation
import Store

/// An insertion-order document, assembled from the database and the terms file: the parties, the
/// line items with their exact totals, the terms and the key dates. ``IODocumentAssembler`` builds
/// it; ``IODocumentIssuer`` gives it its revision; ``IODocumentRenderer`` renders it through an IO
/// template (`reports/io.md` classic, `reports/io-modern.md` modern).
public struct IODocument: Sendable, Equatable {
  /// What the document covers: one IO, or every IO of a campaign.
  public enum Scope: Sendable, Equatable {
    case io(String)
    case campaign(String)

    /// `io` or `campaign` (the `io_documents.scope` column).
    public var kind: String {
      if case .io = self { return "io" }
      return "campaign"
    }

    /// The IO id or the campaign id.
    public var id: String {
      switch self {
      case .io(let id), .campaign(let id): return id
      }
    }
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
    /// The length of one spot in seconds, when set.
    public var spotLengthSeconds: Int64?
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

  /// A legal party: the advertiser or its agency.
  public struct Party: Sendable, Equatable {
    /// The trading name (`advertisers.name`, `advertisers.agency`).
    public var name: String
    /// The contracting entity, when recorded.
    public var legalName: String?
    public var address: String?
    public var contactName: String?
    public var contactEmail: String?

    /// The legal name, else the trading name.
    public var signingName: String { legalName ?? name }
  }

  public var scope: Scope
  /// The IO number: the IO id, or the campaign id for a campaign document.
  public var number: String
  /// The issue day, `YYYY-MM-DD`: the day the revision was first issued (the build day for drafts
  /// and before issue).
  public var issueDate: String
  /// The day by which the document must be signed: the issue day plus the terms' `sign_by_days`.
  public var signBy: String?
  /// The revision once issued (``IODocumentIssuer``); `nil` for drafts and before issue.
  public var revision: Int?
  /// The SHA-256 (hex) of ``canonicalText``, once computed by the issuer.
  public var contentSHA256: String?
  /// True when any line is a draft (only with `allowDraft`); the document is marked DRAFT.
  public var isDraft: Bool
  public var campaignID: String
  public var campaignName: String
  /// The advertiser's purchase-order number for this campaign, when it has one.
  public var poNumber: String?
  /// Talking points for host reads, when recorded.
  public var talkingPoints: String?
  public var advertiserID: String
  public var advertiser: Party
  public var agency: Party?
  /// Agency commission in basis points (1500 = 15%), when the advertiser has one.
  public var commissionBPS: Int64?
  /// Who receives the invoices: `advertiser` or `agency` (from `advertisers.invoice_to`; default:
  /// the agency when there is one).
  public var invoiceTo: String
  public var billingContactName: String?
  public var billingContactEmail: String?
  public var lines: [Line]
  public var gross: Money
  public var commission: Money
  public var net: Money
  /// The creative due day, `YYYY-MM-DD`: the earliest flight start minus the terms' days.
  public var creativeDue: String
  public var terms: IOTerms
  /// IOs of the campaign left off the document (drafts without `allowDraft`, cancelled IOs).
  public var skipped: [String]

  /// The earliest flight start and the latest flight end.
  public var flightStart: String { lines.map(\.flightStart).min() ?? "" }
  public var flightEnd: String { lines.map(\.flightEnd).max() ?? "" }

  /// The contracting advertiser, for the signature block (`Acme Mattresses Inc.`).
  public var advertiserName: String { advertiser.name }
}
