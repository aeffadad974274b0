import Diagnostics

extension StoreError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .databaseMissing, .cannotOpen: .busy
    case .notMigrated, .newerThanKnown: .invalidInput
    case .unknownVersion, .wrongDirection: .invalidRequest
    }
  }

  public var code: String {
    switch self {
    case .databaseMissing: "database_missing"
    case .cannotOpen: "database_unavailable"
    case .notMigrated: "database_not_migrated"
    case .newerThanKnown: "database_too_new"
    case .unknownVersion: "unknown_schema_version"
    case .wrongDirection: "wrong_migration_direction"
    }
  }
}

extension TokenStore.TokenError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .invalidName: .invalidRequest
    case .nameTaken: .conflict
    case .notFound: .notFound
    }
  }

  public var code: String {
    switch self {
    case .invalidName: "invalid_token_name"
    case .nameTaken: "token_name_taken"
    case .notFound: "token_not_found"
    }
  }
}
