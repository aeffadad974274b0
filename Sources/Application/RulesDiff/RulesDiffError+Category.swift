import Diagnostics

extension RulesDiffError: ClassifiedError {
  public var category: ErrorCategory {
    switch self {
    case .rulesDoNotLoad, .invalidContext: .invalidInput
    case .unknownRevision: .notFound
    case .notAGitWorkTree: .invalidRequest
    case .gitFailed, .cannotRead: .io
    }
  }

  public var code: String {
    switch self {
    case .rulesDoNotLoad: "rules_do_not_load"
    case .unknownRevision: "unknown_revision"
    case .notAGitWorkTree: "not_a_git_work_tree"
    case .gitFailed: "git_failed"
    case .invalidContext: "invalid_context_line"
    case .cannotRead: "cannot_read"
    }
  }
}
