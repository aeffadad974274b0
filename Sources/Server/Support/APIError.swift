import Application
import Diagnostics
import Foundation
import Hummingbird
import Ingest
import Matchmaking
import Pipeline
import Reports
import Store

/// An error answered as `{"error": {"code": …, "message": …, "details": […]}}` with its status.
///
/// Every route throws these (or module errors, mapped by ``APIError/from(_:)``), so every error
/// response has the same shape.
public struct APIError: Error, HTTPResponseError, Sendable {
  /// The HTTP status.
  public let status: HTTPResponse.Status
  /// A stable machine-readable code, such as `not_found` or `invalid_rows`.
  public let code: String
  /// One sentence saying what was wrong and how to fix it.
  public let message: String
  /// Structured details (for an import: one object per invalid value).
  public let details: [JSONValue]

  /// The longest message kept, in characters; longer ones are clipped (``BoundedText``).
  static let maxMessage = 2000
  /// The most details kept (an import keeps 20 row errors anyway).
  static let maxDetails = 100

  /// An error; the message and every string in the details are bounded, so a response never
  /// echoes an attacker's 50 MB value back (nor does anything that logs or records it).
  public init(
    _ status: HTTPResponse.Status, _ code: String, _ message: String, details: [JSONValue] = []
  ) {
    self.status = status
    self.code = code
    self.message = BoundedText.clip(message, limit: Self.maxMessage)
    // Values in details are clipped where they are made (200 characters); this is the backstop.
    self.details = details.prefix(Self.maxDetails).map { BoundedText.clip($0, limit: 1000) }
  }

  static func badRequest(_ message: String) -> APIError {
    APIError(.badRequest, "bad_request", message)
  }
  static func notFound(_ message: String) -> APIError { APIError(.notFound, "not_found", message) }
  static let unauthorized = APIError(
    .unauthorized, "unauthorized",
    "Missing or invalid bearer token; send Authorization: Bearer TOKEN (create one with `cuesheet tokens create NAME`)."
  )

  /// A valid token whose scope does not reach the route.
  static func forbidden(scope: TokenStore.Scope) -> APIError {
    APIError(
      .forbidden, "forbidden",
      "This token has scope \(scope.rawValue), which only evaluates flags (/ofrep/v1/… and GET /api/v1/flags/{name}); use a token of scope all for this route."
    )
  }

  /// The JSON body.
  public var body: JSONValue {
    .object([
      "error": .object([
        "code": .string(code), "message": .string(message), "details": .array(details),
      ])
    ])
  }

  public func response(from request: Request, context: some RequestContext) throws -> Response {
    var response = try JSONResponse.make(body, status: status)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    if status == .serviceUnavailable { response.headers[.retryAfter] = "5" }
    return response
  }

  // MARK: - Module errors

  /// The HTTP status of each error category (the CLI's exit codes are the other table over them).
  public static func status(for category: ErrorCategory) -> HTTPResponse.Status {
    switch category {
    case .invalidRequest: .badRequest
    case .undefinedName, .notFound: .notFound
    case .invalidInput, .checkFailed: .unprocessableContent
    case .conflict: .conflict
    case .busy: .serviceUnavailable
    case .io, .internal: .internalServerError
    }
  }

  /// Maps any error to its status through its category, with its stable code and message.
  public static func from(_ error: Error) -> APIError {
    switch error {
    case let error as APIError: return error
    case let error as HTTPError:
      let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
      return APIError(error.status, code, error.body ?? error.status.reasonPhrase)
    case let error as any HTTPResponseError where error.status == .contentTooLarge:
      return BoundedBody.tooLarge(BoundedBody.smallLimit)
    case let error as any HTTPResponseError where error.status.code < 500:
      return APIError(error.status, "http_\(error.status.code)", error.status.reasonPhrase)
    default:
      let failure = ClassifiedFailure(error)
      let status = status(for: failure.category)
      switch error {
      case let error as ImportError:
        if case .invalidRows(_, _, let errors, let total) = error {
          return APIError(
            status, failure.code,
            "\(total) invalid value\(total == 1 ? "" : "s") in the file; nothing was imported. Fix the rows listed in details and upload again.",
            details: errors.map(rowErrorJSON))
        }
      case let error as PipelineError:
        if case .separationConflict(_, let conflicts) = error {
          return APIError(
            status, failure.code, failure.message,
            details: conflicts.map { .object(["conflict": .string($0.summary)]) })
        }
      default: break
      }
      let message =
        failure.category == .busy && failure.code == "database_busy"
        ? "The database is busy; retry shortly." : failure.message
      return APIError(status, failure.code, message)
    }
  }

  static func rowErrorJSON(_ error: RowError) -> JSONValue {
    .object([
      "line": .int(Int64(error.line)), "column": .string(error.column),
      "value": .string(error.value),
      "expected": .string(error.expected), "message": .string(error.message),
    ])
  }
}
