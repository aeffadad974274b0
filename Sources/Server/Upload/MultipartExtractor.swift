import Foundation

/// Pulls the file part out of a `multipart/form-data` body as it streams in.
///
/// Feed it the body in chunks; it hands the bytes of the part carrying a `filename` (or named
/// `file`) to `write`, and keeps the small text fields (such as `kind`) in ``fields``. Only a
/// delimiter's length of bytes is held back between chunks, so memory stays small.
struct MultipartExtractor {
  enum State { case preamble, afterDelimiter, headers, body(isFile: Bool, name: String), done }
  enum Failure: Error, CustomStringConvertible {
    case malformed(String)
    /// A second file part: several files are never joined into one CSV.
    case severalFiles

    var description: String {
      switch self {
      case .malformed(let problem): "The multipart body is malformed: \(problem)."
      case .severalFiles:
        "The multipart form has more than one file part; upload one CSV at a time."
      }
    }
  }

  private let delimiter: [UInt8]  // "\r\n--BOUNDARY"
  private var buffer: [UInt8] = []
  private var state = State.preamble
  private var fieldValue: [UInt8] = []
  /// Small form fields seen so far, by name.
  private(set) var fields: [String: String] = [:]
  /// The file part's file name, when one was seen.
  private(set) var fileName: String?
  private(set) var sawFile = false

  /// The boundary from a `Content-Type: multipart/form-data; boundary=…` header value.
  static func boundary(contentType: String) -> String? {
    for part in contentType.split(separator: ";") {
      let trimmed = part.trimmingCharacters(in: .whitespaces)
      if trimmed.lowercased().hasPrefix("boundary=") {
        var value = String(trimmed.dropFirst("boundary=".count))
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        return value.isEmpty ? nil : value
      }
    }
    return nil
  }

  init(boundary: String) {
    delimiter = Array("\r\n--\(boundary)".utf8)
    // The first delimiter may come without the leading CRLF.
    buffer = Array("\r\n".utf8)
  }

  var isComplete: Bool { if case .done = state { true } else { false } }

  mutating func feed(_ bytes: some Collection<UInt8>, write: ([UInt8]) throws -> Void) throws {
    buffer.append(contentsOf: bytes)
    try process(write: write, final: false)
  }

  mutating func finish(write: ([UInt8]) throws -> Void) throws {
    try process(write: write, final: true)
    guard isComplete else {
      throw Failure.malformed("the multipart body ends before its closing boundary")
    }
  }

  private mutating func process(write: ([UInt8]) throws -> Void, final: Bool) throws {
    while true {
      switch state {
      case .done:
        buffer.removeAll()
        return
      case .preamble:
        guard let range = buffer.firstRange(of: delimiter) else {
          if buffer.count > delimiter.count { buffer.removeFirst(buffer.count - delimiter.count) }
          return
        }
        buffer.removeSubrange(..<range.upperBound)
        state = .afterDelimiter
      case .afterDelimiter:
        // A delimiter is followed by "--" (the closing delimiter) or CRLF (the next part's
        // headers). Decided only once both bytes are here, so the outcome does not depend on where
        // the chunks of the body end (found by the multipart fuzz target, docs/fuzzing.md).
        guard buffer.count >= 2 else { return }
        if buffer[0] == 45, buffer[1] == 45 {
          state = .done
          continue
        }
        if buffer[0] == 13, buffer[1] == 10 { buffer.removeFirst(2) }
        state = .headers
      case .headers:
        guard let end = buffer.firstRange(of: Array("\r\n\r\n".utf8)) else {
          if buffer.count > 16_384 { throw Failure.malformed("a part's headers are too long") }
          return
        }
        let text = String(decoding: buffer[..<end.lowerBound], as: UTF8.self)
        buffer.removeSubrange(..<end.upperBound)
        let (name, file) = Self.disposition(text)
        let isFile = file != nil || name == "file"
        if isFile {
          if sawFile { throw Failure.severalFiles }
          fileName = file
          sawFile = true
        }
        fieldValue = []
        state = .body(isFile: isFile, name: name ?? "")
      case .body(let isFile, let name):
        if let range = buffer.firstRange(of: delimiter) {
          let content = Array(buffer[..<range.lowerBound])
          if isFile { try write(content) } else { fieldValue += content }
          buffer.removeSubrange(..<range.upperBound)
          if !isFile, fieldValue.count <= 4096 {
            fields[name] = String(decoding: fieldValue, as: UTF8.self)
          }
          state = .afterDelimiter
          continue
        }
        let keep = final ? 0 : delimiter.count - 1
        if buffer.count > keep {
          let content = Array(buffer[..<(buffer.count - keep)])
          if isFile { try write(content) } else if fieldValue.count < 4096 { fieldValue += content }
          buffer.removeFirst(buffer.count - keep)
        }
        return
      }
    }
  }

  /// The `name` and `filename` of a part's Content-Disposition header.
  static func disposition(_ headers: String) -> (name: String?, fileName: String?) {
    var name: String?
    var fileName: String?
    for line in headers.split(separator: "\r\n")
    where line.lowercased().hasPrefix("content-disposition:") {
      for piece in line.split(separator: ";").dropFirst() {
        let pair = piece.split(separator: "=", maxSplits: 1).map {
          $0.trimmingCharacters(in: .whitespaces)
        }
        guard pair.count == 2 else { continue }
        var value = pair[1]
        if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
          value = String(value.dropFirst().dropLast())
        }
        switch pair[0].lowercased() {
        case "name": name = value
        case "filename": fileName = value
        default: break
        }
      }
    }
    return (name, fileName)
  }
}
