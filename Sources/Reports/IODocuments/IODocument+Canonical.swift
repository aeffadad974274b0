import Crypto
import Foundation
import Store

extension IODocument {
  /// The document's commercial content as deterministic text: the parties, every line item, the
  /// money, the key dates derived from the flights, and the terms with their placeholders filled.
  ///
  /// Its SHA-256 identifies a revision (``IODocumentIssuer``). Left out on purpose: the issue date
  /// and sign-by date (they come from the revision), the revision and hash themselves, IO statuses
  /// (a line going live changes nothing the parties signed), the template and the format.
  /// One field per line, `key: value`; values escape `\`, line breaks and `|` so the text parses
  /// back unambiguously.
  ///
  /// ```
  /// cuesheet io document v1
  /// scope: io IO-1001
  /// campaign: cmp-002 | Ledgerly Brand Lift
  /// line 1: IO-1001 | full-court | Full Court | mid | host_read | 60 | 2026-11-15 | 2026-12-11 | …
  /// ```
  public var canonicalText: String {
    func esc(_ value: String?) -> String {
      guard let value else { return "-" }
      return value.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n")
        .replacingOccurrences(of: "|", with: "\\|")
    }
    func fields(_ values: [String?]) -> String { values.map(esc).joined(separator: " | ") }
    func number(_ value: Int64?) -> String? { value.map(String.init) }
    func party(_ party: Party) -> String {
      fields([party.name, party.legalName, party.address, party.contactName, party.contactEmail])
    }
    var out = ["cuesheet io document v1", "scope: \(scope.kind) \(esc(scope.id))"]
    out.append("campaign: \(fields([campaignID, campaignName]))")
    out.append("po_number: \(esc(poNumber))")
    out.append("advertiser: \(esc(advertiserID)) | \(party(advertiser))")
    out.append("agency: \(agency.map(party) ?? "-")")
    out.append("commission_bps: \(esc(number(commissionBPS)))")
    out.append(
      "invoice_to: \(fields([invoiceTo, billingContactName, billingContactEmail]))")
    for (index, line) in lines.enumerated() {
      out.append(
        "line \(index + 1): "
          + fields([
            line.ioID, line.showID, line.showName, line.placement, line.adFormat,
            number(line.spotLengthSeconds), line.flightStart, line.flightEnd, number(line.spots),
            number(line.impressionsGoal), line.rateType, String(line.rate.cents),
            String(line.total.cents), line.promoCode, line.vanityURL,
          ]))
    }
    out.append("gross_cents: \(gross.cents)")
    out.append("commission_cents: \(commission.cents)")
    out.append("net_cents: \(net.cents)")
    out.append("currency: \(fields([terms.currency, terms.currencyName]))")
    out.append("creative_due: \(creativeDue)")
    out.append("talking_points: \(esc(talkingPoints))")
    let publisher = terms.publisher
    out.append(
      "publisher: "
        + fields([
          publisher.name, publisher.legalName, publisher.address, publisher.contactName,
          publisher.contactEmail,
        ]))
    for (key, value) in [
      ("payment_terms", terms.paymentTerms), ("tax_note", terms.taxNote),
      ("governing_law", terms.governingLaw), ("measurement", terms.measurement),
      ("creative_specs", terms.creativeSpecs), ("standard_terms", terms.standardTerms),
      ("precedence", terms.precedence),
      ("cancellation_notice_days", terms.cancellationNoticeDays.map(String.init)),
    ] {
      out.append("\(key): \(esc(value))")
    }
    for term in terms.terms {
      out.append("term: \(fields([term.title, terms.fill(term.text, creativeDue: creativeDue)]))")
    }
    if agency != nil {
      for term in terms.agencyTerms ?? [] {
        out.append(
          "agency_term: \(fields([term.title, terms.fill(term.text, creativeDue: creativeDue)]))")
      }
    }
    return out.joined(separator: "\n") + "\n"
  }
}

/// The canonical content embedded in an exported document, and its hash.
///
/// Markdown and HTML carry it in one HTML comment at the end,
/// `<!-- cuesheet-io-canonical sha256=HEX base64=BASE64 -->` (base64, so no content can close the
/// comment); a PDF carries it as the attached file `io-canonical.txt`.
public enum IOCanonical {
  /// The attachment's file name in a PDF.
  public static let attachmentName = "io-canonical.txt"
  static let prefix = "<!-- cuesheet-io-canonical "

  /// SHA-256 of `text`'s UTF-8 bytes, lower-case hex.
  public static func sha256(_ text: String) -> String {
    SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// The comment that embeds `text` in Markdown or HTML.
  public static func comment(_ text: String) -> String {
    "\(prefix)sha256=\(sha256(text)) base64=\(Data(text.utf8).base64EncodedString()) -->"
  }

  /// The canonical text and the hash the file states, from an exported Markdown or HTML file;
  /// `nil` when the file has no (well-formed) canonical comment.
  public static func extract(fromText file: String) -> (text: String, statedSHA256: String)? {
    guard let start = file.range(of: prefix, options: .backwards),
      let end = file.range(of: " -->", range: start.upperBound..<file.endIndex)
    else { return nil }
    var stated: String?
    var payload: String?
    for field in file[start.upperBound..<end.lowerBound].split(separator: " ") {
      if field.hasPrefix("sha256=") { stated = String(field.dropFirst(7)) }
      if field.hasPrefix("base64=") { payload = String(field.dropFirst(7)) }
    }
    guard let stated, let payload, let data = Data(base64Encoded: payload),
      let text = String(data: data, encoding: .utf8)
    else { return nil }
    return (text, stated)
  }
}
