import Diagnostics

extension ReportError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .template, .query, .schedule, .pagesFailed: .invalidInput
    case .unknownReport: .undefinedName
    case .io: .io
    case .warnings: .checkFailed
    }
  }

  public var code: String {
    switch self {
    case .template: "template_invalid"
    case .query: "query_failed"
    case .unknownReport: "unknown_report"
    case .schedule: "schedule_invalid"
    case .io: "report_io_failed"
    case .warnings: "report_warnings"
    case .pagesFailed: "pages_failed"
    }
  }
}

extension CronError: ClassifiedError {
  public var category: ErrorCategory { .invalidInput }
  public var code: String { "schedule_invalid" }
}

extension PDFError: ClassifiedError {
  public var category: ErrorCategory { .io }

  public var code: String {
    switch self {
    case .engineMissing: "pdf_unavailable"
    case .engineFailed: "pdf_failed"
    case .io: "pdf_failed"
    }
  }
}
