import Diagnostics

extension ImportError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .invalidRows, .badHeader, .malformedCSV, .nothingToImport: .invalidInput
    case .cannotRead: .io
    }
  }

  public var code: String {
    switch self {
    case .invalidRows: "invalid_rows"
    case .badHeader: "invalid_file"
    case .malformedCSV: "invalid_file"
    case .cannotRead: "unreadable_file"
    case .nothingToImport: "nothing_to_import"
    }
  }
}

extension CSVError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .unterminatedQuote, .textAfterClosingQuote: .invalidInput
    case .cannotRead: .io
    }
  }

  public var code: String {
    switch self {
    case .unterminatedQuote, .textAfterClosingQuote: "invalid_file"
    case .cannotRead: "unreadable_file"
    }
  }
}
