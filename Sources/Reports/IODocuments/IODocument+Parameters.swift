import Foundation
import Store

extension IODocument {
  /// The document as page parameters for the IO templates (`reports/io.md`, `reports/io-modern.md`).
  ///
  /// Money appears twice: as exact, formatted text (`gross` = `"$1,234.50"`, from ``Money``) and as
  /// integer cents (`gross_cents`). Dates are printed whole (`4 Jan 2027`, `4–31 Jan 2027`, with
  /// no-break spaces); the raw `YYYY-MM-DD` days sit beside them (`flight_start`). Lists of records
  /// (`lines`, `totals`, `signatures`, `terms`, `key_dates`) work with `{% table … %}` and
  /// `{% for … %}`. Every value comes from the database or the terms file; see
  /// `docs/io-documents.md` for every name.
  public var parameters: TemplateRecord {
    var record = TemplateRecord()
    func set(_ key: String, _ value: String?) {
      record.set(key, value.map(TemplateValue.string) ?? .null)
    }
    set("document_kind", scope.kind)
    set("io_number", number)
    set("issue_date", IODates.day(issueDate))
    set("issue_day", issueDate)
    set("sign_by", IODates.day(signBy))
    set("sign_by_day", signBy)
    record.set("revision", revision.map { TemplateValue.int(Int64($0)) } ?? .null)
    set("revision_label", revision.map { "Revision \($0)" } ?? (isDraft ? "DRAFT" : "Not issued"))
    set("content_hash", contentSHA256.map { String($0.prefix(12)) })
    record.set("draft", .bool(isDraft))
    set("campaign_id", campaignID)
    set("campaign", campaignName)
    set("po_number", poNumber)
    set("talking_points", talkingPoints)
    set("flight", IODates.range(flightStart, flightEnd))
    set("flight_start", flightStart)
    set("flight_end", flightEnd)
    set("advertiser_id", advertiserID)
    set("advertiser", advertiser.name)
    set("advertiser_legal_name", advertiser.signingName)
    set("advertiser_address", advertiser.address)
    set("contact_name", advertiser.contactName)
    set("contact_email", advertiser.contactEmail)
    set("agency", agency?.name)
    set("agency_legal_name", agency?.signingName)
    set("agency_address", agency?.address)
    set("agency_contact_name", agency?.contactName)
    set("agency_contact_email", agency?.contactEmail)
    record.set("commission_bps", commissionBPS.map(TemplateValue.int) ?? .null)
    set("commission_rate", commissionBPS.map(IOMoney.percent(bps:)))
    set("invoice_to", invoiceTo)
    set(
      "invoice_party",
      invoiceTo == "agency"
        ? (agency?.signingName ?? advertiser.signingName) : advertiser.signingName)
    set("billing_contact_name", billingContactName)
    set("billing_contact_email", billingContactEmail)
    record.set(
      "lines",
      .list(lines.enumerated().map { .record(Self.record($0.element, number: $0.offset + 1)) }))
    record.set("line_count", .int(Int64(lines.count)))
    set("gross", gross.formatted())
    record.set("gross_cents", .int(gross.cents))
    set("commission", commission.formatted())
    record.set("commission_cents", .int(commission.cents))
    set("net", net.formatted())
    record.set("net_cents", .int(net.cents))
    var totals: [TemplateValue] = [Self.amount("Gross", gross)]
    if let bps = commissionBPS {
      totals.append(
        Self.amount(
          "Agency commission (\(IOMoney.percent(bps: bps)))", Money(cents: -commission.cents)))
    }
    totals.append(Self.amount("Net", net))
    record.set("totals", .list(totals))
    record.set("signatures", .list(signatories.map(Self.signature)))
    record.set("key_dates", .list(keyDates.map(Self.keyDate)))
    set("publisher", terms.publisher.name)
    set("publisher_legal_name", terms.publisher.legalName ?? terms.publisher.name)
    set("publisher_contact", terms.publisher.contactName)
    set("publisher_email", terms.publisher.contactEmail)
    set("publisher_address", terms.publisher.address)
    set("payment_terms", terms.paymentTerms)
    set("currency", terms.currency)
    set("currency_name", terms.currencyName)
    set("tax_note", terms.taxNote)
    set("governing_law", terms.governingLaw)
    set("measurement", terms.measurement)
    set("creative_specs", terms.creativeSpecs)
    set("standard_terms", terms.standardTerms)
    set("precedence", terms.precedence)
    record.set(
      "cancellation_notice_days",
      terms.cancellationNoticeDays.map { TemplateValue.int(Int64($0)) } ?? .null)
    set("creative_due", IODates.day(creativeDue))
    set("creative_due_day", creativeDue)
    record.set("terms", .list(terms.terms.map(clause)))
    record.set(
      "agency_terms", .list(agency == nil ? [] : (terms.agencyTerms ?? []).map(clause)))
    return record
  }

  /// The signatories, in signing order: the advertiser, its agency when it has one (as its agent),
  /// and the publisher.
  public var signatories: [(role: String, name: String)] {
    var parties: [(role: String, name: String)] = [("Advertiser", advertiser.signingName)]
    if let agency { parties.append(("Agency, as agent for the advertiser", agency.signingName)) }
    parties.append(("Publisher", terms.publisher.legalName ?? terms.publisher.name))
    return parties
  }

  /// Issue date, sign-by date, creative due date, first and last flight day.
  var keyDates: [(label: String, text: String)] {
    var dates: [(label: String, text: String)] = [("Issue date", IODates.day(issueDate) ?? "")]
    if let signBy { dates.append(("Sign by", IODates.day(signBy) ?? signBy)) }
    dates.append(("Creative due", IODates.day(creativeDue) ?? creativeDue))
    dates.append(("Flight", IODates.range(flightStart, flightEnd)))
    return dates
  }

  func clause(_ term: IOTerms.Term) -> TemplateValue {
    var clause = TemplateRecord()
    clause.set("title", .string(term.title))
    clause.set("text", .string(terms.fill(term.text, creativeDue: creativeDue)))
    return .record(clause)
  }

  static func keyDate(_ date: (label: String, text: String)) -> TemplateValue {
    var record = TemplateRecord()
    record.set("label", .string(date.label))
    record.set("date", .string(date.text))
    return .record(record)
  }

  static func record(_ line: Line, number: Int) -> TemplateRecord {
    var record = TemplateRecord()
    func set(_ key: String, _ value: String?) {
      record.set(key, value.map(TemplateValue.string) ?? .null)
    }
    record.set("line", .int(Int64(number)))
    set("io_id", line.ioID)
    set("status", line.status)
    set("show", line.showName)
    set("show_id", line.showID)
    set("placement", placementText(line.placement))
    set("ad_format", line.adFormat == "produced" ? "Produced" : "Host-read")
    record.set("spot_length_seconds", line.spotLengthSeconds.map(TemplateValue.int) ?? .null)
    set("spot_length", line.spotLengthSeconds.map { "\($0)\(IODates.nbsp)s" } ?? "–")
    set("flight", IODates.range(line.flightStart, line.flightEnd))
    set("flight_start", line.flightStart)
    set("flight_end", line.flightEnd)
    set("volume", volumeText(line))
    record.set("spots", line.spots.map(TemplateValue.int) ?? .null)
    record.set("impressions_goal", line.impressionsGoal.map(TemplateValue.int) ?? .null)
    set("rate_type", line.rateType == "cpm" ? "CPM" : "Flat")
    set("rate", line.rate.formatted() + (line.rateType == "cpm" ? " CPM" : " flat"))
    record.set("rate_cents", .int(line.rate.cents))
    set("total", line.total.formatted())
    record.set("total_cents", .int(line.total.cents))
    set("promo_code", line.promoCode ?? "–")
    set("vanity_url", line.vanityURL ?? "–")
    return record
  }

  static func amount(_ label: String, _ money: Money) -> TemplateValue {
    var record = TemplateRecord()
    record.set("label", .string(label))
    record.set("amount", .string(money.formatted()))
    record.set("cents", .int(money.cents))
    return .record(record)
  }

  /// A signatory: the role and the party, then empty cells to sign in (signature, name, title, date).
  static func signature(_ party: (role: String, name: String)) -> TemplateValue {
    var record = TemplateRecord()
    record.set("party", .string("\(party.role): \(party.name)"))
    record.set("role", .string(party.role))
    record.set("party_name", .string(party.name))
    for key in ["signature", "name", "title", "date"] { record.set(key, .string("")) }
    return .record(record)
  }

  /// `pre` → `Pre-roll`.
  static func placementText(_ placement: String) -> String {
    switch placement {
    case "pre": return "Pre-roll"
    case "mid": return "Mid-roll"
    case "post": return "Post-roll"
    default: return placement
    }
  }

  /// `300,000 impressions`, `4 spots`, or both.
  static func volumeText(_ line: Line) -> String {
    var parts: [String] = []
    if let spots = line.spots {
      parts.append("\(ValueFormat.grouped(spots)) spot\(spots == 1 ? "" : "s")")
    }
    if let goal = line.impressionsGoal {
      parts.append("\(ValueFormat.grouped(goal)) impressions")
    }
    return parts.isEmpty ? "–" : parts.joined(separator: " · ")
  }
}
