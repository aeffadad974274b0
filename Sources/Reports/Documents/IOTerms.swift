import Foundation

/// The business terms printed on every IO document, read from a JSON file the business edits
/// (`reports/io-terms.json`; see `docs/io-documents.md`).
///
/// ```json
/// {
///   "publisher": { "name": "Cuesheet Podcast Network", "contact_name": "Ad Operations",
///                  "contact_email": "ads@cuesheet.example", "address": "1 Main St" },
///   "payment_terms": "Net 30",
///   "creative_due_days": 7,
///   "terms": [ { "title": "Payment", "text": "{payment_terms} from the invoice date." } ]
/// }
/// ```
///
/// In each term's text, `{payment_terms}` and `{creative_due}` (the creative due date: the earliest
/// flight start minus `creative_due_days`) are replaced when the document is assembled.
public struct IOTerms: Sendable, Equatable, Codable {
  /// The party selling the inventory (the network), shown as the second signatory.
  public struct Publisher: Sendable, Equatable, Codable {
    public var name: String
    public var contactName: String?
    public var contactEmail: String?
    public var address: String?

    enum CodingKeys: String, CodingKey {
      case name, address
      case contactName = "contact_name"
      case contactEmail = "contact_email"
    }
  }

  /// One titled clause.
  public struct Term: Sendable, Equatable, Codable {
    public var title: String
    public var text: String
  }

  public var publisher: Publisher
  public var paymentTerms: String
  /// Creative is due this many days before the earliest flight start.
  public var creativeDueDays: Int
  public var terms: [Term]

  enum CodingKeys: String, CodingKey {
    case publisher, terms
    case paymentTerms = "payment_terms"
    case creativeDueDays = "creative_due_days"
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
    do {
      return try JSONDecoder().decode(IOTerms.self, from: data)
    } catch let DecodingError.keyNotFound(key, context) {
      throw .terms(
        path: path,
        message:
          "missing key \"\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))\"; add it"
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
  }
}
