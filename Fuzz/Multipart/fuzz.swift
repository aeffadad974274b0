// libFuzzer target: the streaming multipart/form-data extractor of uploads
// (Sources/Server/Upload/MultipartExtractor.swift). Build and run with `scripts/fuzz.sh multipart`.
//
// Input: byte 0 picks the chunk size (1 to 64); bytes up to the first LF are the Content-Type
// header value (`multipart/form-data; boundary=…`); the rest is the body.
//
// Property beyond "no crash": the result (file bytes, file name, fields, or the failure) is the
// same whether the body arrives in one piece or in chunks of that size.
import Foundation

private struct Outcome: Equatable {
  var file: [UInt8] = []
  var fileName: String?
  var fields: [String: String] = [:]
  var failure: String?
}

private func extract(_ body: ArraySlice<UInt8>, boundary: String, chunk: Int) -> Outcome {
  var extractor = MultipartExtractor(boundary: boundary)
  var outcome = Outcome()
  do {
    var offset = body.startIndex
    while offset < body.endIndex {
      let end = min(offset + chunk, body.endIndex)
      try extractor.feed(body[offset..<end]) { outcome.file += $0 }
      offset = end
    }
    try extractor.finish { outcome.file += $0 }
  } catch let failure as MultipartExtractor.Failure {
    outcome.failure = failure.description
  } catch {
    fatalError("the extractor threw \(type(of: error)): \(error)")
  }
  outcome.fileName = extractor.fileName
  outcome.fields = extractor.fields
  return outcome
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard size >= 2 else { return 0 }
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let chunk = 1 + Int(bytes[0]) % 64
  let rest = bytes[1...]
  guard let newline = rest.firstIndex(of: 0x0A) else { return 0 }
  let contentType = String(decoding: rest[..<newline], as: UTF8.self)
  guard let boundary = MultipartExtractor.boundary(contentType: contentType) else { return 0 }
  let body = rest[(newline + 1)...]
  let whole = extract(body, boundary: boundary, chunk: max(body.count, 1))
  let chunked = extract(body, boundary: boundary, chunk: chunk)
  // A failure may be found at a different point, after different bytes were written; only its
  // presence and kind must agree. Without a failure everything must agree.
  if (whole.failure == nil) != (chunked.failure == nil) || whole.failure != chunked.failure
    || (whole.failure == nil && whole != chunked)
  {
    fatalError("one piece gave \(whole), chunks of \(chunk) gave \(chunked)")
  }
  return 0
}
