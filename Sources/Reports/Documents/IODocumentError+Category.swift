import Diagnostics

extension IODocumentError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .unknownIO, .unknownCampaign: .notFound
    case .noLines, .draft, .cancelled, .missingField, .terms, .overflow: .invalidInput
    }
  }

  public var code: String {
    switch self {
    case .unknownIO: "io_not_found"
    case .unknownCampaign: "campaign_not_found"
    case .noLines: "document_has_no_lines"
    case .draft: "document_draft"
    case .cancelled: "document_cancelled"
    case .missingField: "document_missing_field"
    case .terms: "terms_invalid"
    case .overflow: "amount_overflow"
    }
  }
}
