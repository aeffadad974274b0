import Foundation

/// The business terms printed on every IO document, read from a JSON file the business edits
/// (`reports/io-terms.json`; see `docs/io-documents.md`).
///
/// ```json
/// {
///   "publisher": { "name": "Cuesheet Podcast Network", "legal_name": "Cuesheet Media, Inc.",
///                  "contact_name": "Ad Operations", "contact_email": "ads@cuesheet.example",
///                  "address": "1 Main St" },
///   "page_size": "Letter",
///   "currency": "USD", "currency_name": "US dollars",
///   "payment_terms": "Net 30", "creative_due_days": 7, "sign_by_days": 5,
///   "cancellation_notice_days": 14,
///   "terms": [ { "title": "Payment", "text": "{payment_terms} from the invoice date." } ]
/// }
/// ```
///
/// In each clause's text these placeholders are replaced when the document is assembled:
/// `{payment_terms}`, `{creative_due}` (the earliest flight start minus `creative_due_days`),
/// `{cancellation_notice_days}`, `{governing_law}`, `{measurement}`, `{currency}`.
public struct IOTerms: Sendable, Equatable, Codable {
  /// The party selling the inventory (the network), a signatory of every document.
  public struct Publisher: Sendable, Equatable, Codable {
    public var name: String
    /// The contracting entity, when it differs from the trading name.
    public var legalName: String?
    public var contactName: String?
    public var contactEmail: String?
    public var address: String?

    enum CodingKeys: String, CodingKey {
      case name, address
      case legalName = "legal_name"
      case contactName = "contact_name"
      case contactEmail = "contact_email"
    }
  }

  /// One titled clause.
  public struct Term: Sendable, Equatable, Codable {
    public var title: String
    public var text: String
  }

  /// The paper size of the PDF.
  public enum PageSize: String, Sendable, Equatable, Codable {
    case a4 = "A4"
    case letter = "Letter"
  }

  public var publisher: Publisher
  public var paymentTerms: String
  /// Creative is due this many days before the earliest flight start.
  public var creativeDueDays: Int
  public var terms: [Term]
  /// A4 (default) or US Letter.
  public var pageSize: PageSize?
  /// ISO 4217 code of the amounts (`USD`).
  public var currency: String?
  /// The currency in words (`US dollars`).
  public var currencyName: String?
  /// Taxes (`Amounts exclude sales tax and VAT…`).
  public var taxNote: String?
  /// The law that governs the IO (`the laws of the State of California`).
  public var governingLaw: String?
  /// The document must be signed within this many days of its issue date.
  public var signByDays: Int?
  /// Lines may be cancelled without charge up to this many days before their flight starts.
  public var cancellationNoticeDays: Int?
  /// How delivery is counted for billing and makegoods.
  public var measurement: String?
  /// Creative specifications and approval (talking points, host-read approval).
  public var creativeSpecs: String?
  /// The standard terms the IO incorporates.
  public var standardTerms: String?
  /// Order of precedence between the IO and the standard terms.
  public var precedence: String?
  /// Clauses printed only when an agency signs (e.g. sequential liability).
  public var agencyTerms: [Term]?

  enum CodingKeys: String, CodingKey {
    case publisher, terms, currency, measurement, precedence
    case paymentTerms = "payment_terms"
    case creativeDueDays = "creative_due_days"
    case pageSize = "page_size"
    case currencyName = "currency_name"
    case taxNote = "tax_note"
    case governingLaw = "governing_law"
    case signByDays = "sign_by_days"
    case cancellationNoticeDays = "cancellation_notice_days"
    case creativeSpecs = "creative_specs"
    case standardTerms = "standard_terms"
    case agencyTerms = "agency_terms"
  }

  /// Reads and decodes the terms file; a missing or malformed file is an ``IODocumentError/terms``.
  public static func load(path: String) throws(IODocumentError) -> IOTerms {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw .terms(
        path: path,
        message:
          "cannot read the IO terms file; create it (see docs/io-documents.md) or pass --terms PATH"
      )
    }
    let terms: IOTerms
    do {
      terms = try JSONDecoder().decode(IOTerms.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .terms(
        path: path,
        message:
          "missing key \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\"; add it"
      )
    } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
      throw .terms(
        path: path,
        message:
          "bad value at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
          + (context.codingPath.last?.stringValue == "page_size"
            ? " (use \"A4\" or \"Letter\")" : "")
      )
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context)
    {
      throw .terms(
        path: path,
        message:
          "wrong type at \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
      )
    } catch {
      throw .terms(
        path: path, message: "not valid JSON (\(error.localizedDescription)); fix the syntax")
    }
    for (key, value) in [
      ("creative_due_days", terms.creativeDueDays), ("sign_by_days", terms.signByDays ?? 0),
      ("cancellation_notice_days", terms.cancellationNoticeDays ?? 0),
    ] where !(0...365).contains(value) {
      throw .terms(
        path: path, message: "\"\(key)\" is \(value); use a number of days from 0 to 365")
    }
    return terms
  }

  /// `text` with the placeholders replaced (see the type's documentation).
  func fill(_ text: String, creativeDue: String) -> String {
    var out = text.replacingOccurrences(of: "{payment_terms}", with: paymentTerms)
      .replacingOccurrences(of: "{creative_due}", with: ValueFormat.date(creativeDue))
    let optional: [(String, String?)] = [
      ("{cancellation_notice_days}", cancellationNoticeDays.map(String.init)),
      ("{governing_law}", governingLaw), ("{measurement}", measurement), ("{currency}", currency),
    ]
    for (placeholder, value) in optional {
      if let value { out = out.replacingOccurrences(of: placeholder, with: value) }
    }
    return out
  }
}
