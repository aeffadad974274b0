import Application
import Foundation
import Hummingbird
import Reports

/// JSON responses: sorted snake_case keys, no escaped slashes, `application/json`.
enum JSONResponse {
  private static let encoder = JSONKeys.encoder(pretty: false)

  /// A response with `value` encoded as JSON.
  static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
    let data = try encoder.encode(value)
    return Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// `value` encoded as the other responses encode it, to answer later with ``make(data:status:)``.
  static func encode(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

  /// A response with a JSON body already encoded (``encode(_:)``).
  static func make(data: Data, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "application/json; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// A response with JSON text already written (see ``JSONTextWriter``).
  static func make(text: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
  }

  /// `Content-Type: application/json; charset=utf-8`, made once.
  private static let headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]

  /// Decodes a JSON request body of at most `limit` bytes, or throws a 400.
  static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int = 1 << 20)
    async throws -> T
  {
    let buffer = try await BoundedBody.collect(request, limit: limit)
    do {
      return try JSONDecoder().decode(T.self, from: Data(buffer.readableBytesView))
    } catch let error as DecodingError {
      throw APIError.badRequest("The JSON body is not valid: \(Self.describe(error))")
    }
  }

  static func describe(_ error: DecodingError) -> String {
    switch error {
    case .keyNotFound(let key, _): "the field \"\(key.stringValue)\" is missing."
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      "the field \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" has the wrong type."
    case .dataCorrupted(let context): context.debugDescription
    @unknown default: "\(error)"
    }
  }
}

/// HTML responses.
enum HTMLResponse {
  static func make(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
    Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
  }

  /// A 303 redirect.
  static func redirect(to location: String, headers extra: HTTPFields = [:]) -> Response {
    var headers = extra
    headers[.location] = location
    return Response(status: .seeOther, headers: headers)
  }

  /// Escapes text for HTML element content and attribute values (the report renderer's escaping).
  static func escape(_ text: String) -> String { HTMLEscape.escape(text) }
}
