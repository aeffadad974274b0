import Foundation
import Store

extension IODocument {
  /// The document as page parameters for the `reports/io.md` template.
  ///
  /// Money appears twice: as exact, formatted text (`gross` = `"$1,234.50"`, from ``Money``) and as
  /// integer cents (`gross_cents`). Lines are a list of records (`lines`), usable with
  /// `{% table lines … %}` and `{% for line in lines %}`. See `docs/io-documents.md` for every name.
  public var parameters: TemplateRecord {
    var record = TemplateRecord()
    func set(_ key: String, _ value: String?) {
      record.set(key, value.map(TemplateValue.string) ?? .null)
    }
    set("document_kind", { if case .io = scope { return "io" } else { return "campaign" } }())
    set("io_number", number)
    set("issue_date", issueDate)
    record.set("version", .int(Int64(version)))
    record.set("draft", .bool(isDraft))
    set("campaign_id", campaignID)
    set("campaign", campaignName)
    set("advertiser_id", advertiserID)
    set("advertiser", advertiserName)
    set("contact_name", contactName)
    set("contact_email", contactEmail)
    set("agency", agency)
    record.set("commission_bps", commissionBPS.map(TemplateValue.int) ?? .null)
    set("commission_rate", commissionBPS.map(IOMoney.percent(bps:)))
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
    record.set(
      "signatures",
      .list([
        Self.signature("Advertiser: \(advertiserName)" + (agency.map { " (through \($0))" } ?? "")),
        Self.signature("Publisher: \(terms.publisher.name)"),
      ]))
    set("publisher", terms.publisher.name)
    set("publisher_contact", terms.publisher.contactName)
    set("publisher_email", terms.publisher.contactEmail)
    set("publisher_address", terms.publisher.address)
    set("payment_terms", terms.paymentTerms)
    set("creative_due", creativeDue)
    let dueText = ValueFormat.date(creativeDue)
    record.set(
      "terms",
      .list(
        terms.terms.map { term in
          var clause = TemplateRecord()
          clause.set("title", .string(term.title))
          clause.set(
            "text",
            .string(
              term.text.replacingOccurrences(of: "{payment_terms}", with: terms.paymentTerms)
                .replacingOccurrences(of: "{creative_due}", with: dueText)))
          return .record(clause)
        }))
    return record
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
    set("flight", "\(ValueFormat.date(line.flightStart)) – \(ValueFormat.date(line.flightEnd))")
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
    set("promo_code", line.promoCode)
    set("vanity_url", line.vanityURL)
    return record
  }

  static func amount(_ label: String, _ money: Money) -> TemplateValue {
    var record = TemplateRecord()
    record.set("label", .string(label))
    record.set("amount", .string(money.formatted()))
    record.set("cents", .int(money.cents))
    return .record(record)
  }

  /// A signature row: the party, then empty cells to sign in.
  static func signature(_ party: String) -> TemplateValue {
    var record = TemplateRecord()
    record.set("party", .string(party))
    for key in ["signature", "name", "date"] { record.set(key, .string("")) }
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
    if let goal = line.impressionsGoal { parts.append("\(ValueFormat.grouped(goal)) impressions") }
    return parts.isEmpty ? "–" : parts.joined(separator: " · ")
  }
}
