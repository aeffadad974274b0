import Foundation
import Hummingbird

/// Collects a small request body (a form or JSON), answering 413 `too_large` beyond `limit`.
///
/// Every route that reads a whole body goes through here, so an oversized body is a 413 with the
/// one error shape on every route, never a 500 naming an internal type.
enum BoundedBody {
  /// The limit for forms and small JSON bodies (64 KiB).
  static let smallLimit = 1 << 16

  static func collect(_ request: Request, limit: Int = smallLimit) async throws -> ByteBuffer {
    if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
      throw tooLarge(limit)
    }
    do {
      return try await request.body.collect(upTo: limit)
    } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
      throw tooLarge(limit)
    }
  }

  static func tooLarge(_ limit: Int) -> APIError {
    APIError(
      .contentTooLarge, "too_large",
      "The request body is larger than this route's limit of \(limit) bytes; send a smaller body.")
  }
}
