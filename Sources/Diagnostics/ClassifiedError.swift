/// What kind of failure an error is.
///
/// Every error a front end can meet states its category once (in an `XError+Category.swift` file
/// beside it); the CLI's exit codes and the server's HTTP statuses are two small tables over these
/// categories, so the two front ends always agree about the same error.
///
/// | category | meaning | exit | HTTP |
/// |---|---|---|---|
/// | `invalidRequest` | the request itself is malformed (an option, parameter or body value) | 2 | 400 |
/// | `undefinedName` | the request names a flag or report the rule files or templates do not define | 2 | 404 |
/// | `invalidInput` | input data is invalid: CSV rows, rule files, templates, a document that cannot be issued | 65 | 422 |
/// | `notFound` | a record the request names is not in the database | 65 | 404 |
/// | `conflict` | the data refuses the change (a state machine, a taken name, a booking conflict) | 65 | 409 |
/// | `checkFailed` | a check the caller asked for failed (strict warnings) | 1 | 422 |
/// | `busy` | the database is locked or unavailable; retry later | 74 | 503 |
/// | `io` | a file cannot be read or written, or an external tool failed | 74 | 500 |
/// | `internal` | a bug: nothing the caller can fix | 70 | 500 |
public enum ErrorCategory: String, Sendable, CaseIterable, Equatable {
  case invalidRequest = "invalid_request"
  case undefinedName = "undefined_name"
  case invalidInput = "invalid_input"
  case notFound = "not_found"
  case conflict
  case checkFailed = "check_failed"
  case busy
  case io
  case `internal`
}

/// An error that states its category, a stable code and, optionally, a hint.
///
/// The description is one sentence naming what was wrong and the fix, in terms any front end can
/// show (no command-line option names); an adapter may add its own hint after it.
///
/// ```swift
/// extension ImportError: ClassifiedError {
///   public var category: ErrorCategory { … }
///   public var code: String { "import.invalid_rows" }
/// }
/// ```
public protocol ClassifiedError: Error, CustomStringConvertible {
  /// What kind of failure this is.
  var category: ErrorCategory { get }
  /// A stable machine-readable code, `module.case` in snake_case (`import.invalid_rows`).
  var code: String { get }
  /// A further suggestion, when there is one worth more than the description.
  var hint: String? { get }
}

extension ClassifiedError {
  public var hint: String? { nil }
}
