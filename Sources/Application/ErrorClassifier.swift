import Diagnostics
import Foundation
import Store

/// Any error, as its category, stable code, message and hint: what both front ends render.
///
/// Errors that adopt ``ClassifiedError`` answer for themselves; SQLite's own errors are recognised
/// by result code (busy or locked: ``ErrorCategory/busy``); Foundation's file errors are I/O; anything
/// else is a bug (``ErrorCategory/internal``).
public struct ClassifiedFailure: Sendable, Equatable {
  public let category: ErrorCategory
  public let code: String
  public let message: String
  public let hint: String?

  public init(category: ErrorCategory, code: String, message: String, hint: String? = nil) {
    self.category = category
    self.code = code
    self.message = message
    self.hint = hint
  }

  /// Classifies `error`.
  public init(_ error: any Error) {
    switch error {
    case let error as any ClassifiedError:
      self.init(
        category: error.category, code: error.code, message: error.description, hint: error.hint)
    case let error where SQLiteFailure.isBusy(error):
      self.init(category: .busy, code: "database_busy", message: SQLiteFailure.describe(error)!)
    case let error where SQLiteFailure.describe(error) != nil:
      self.init(category: .io, code: "database_error", message: SQLiteFailure.describe(error)!)
    case let error as CocoaError:
      self.init(category: .io, code: "file_error", message: error.localizedDescription)
    default:
      self.init(category: .internal, code: "internal_error", message: "\(error)")
    }
  }
}
