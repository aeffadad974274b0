import Diagnostics

extension IODocumentError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .unknownIO, .unknownCampaign: .notFound
    case .noLines, .draft, .cancelled, .missingField, .terms, .overflow, .warnings,
      .unknownTemplate, .noCanonicalContent:
      .invalidInput
    case .pdfDisabled: .conflict
    case .unreadable: .io
    case .changedWhileExporting: .busy
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
    case .pdfDisabled: "flag_off"
    case .warnings: "document_warnings"
    case .unknownTemplate: "unknown_template"
    case .noCanonicalContent: "no_canonical_content"
    case .unreadable: "document_unreadable"
    case .changedWhileExporting: "document_busy"
    }
  }
}
