import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

@Suite struct UploadTests {
  static let header = "day,episode_id,source,downloads,listeners,impressions\n"
  static let good =
    header + "2026-11-01,star-chart-001,csv,10,8,20\n2026-11-02,star-chart-001,csv,11,9,21\n"
  static let bad =
    header + "2026-11-01,star-chart-001,csv,10,8,20\n2026-13-02,star-chart-001,csv,-1,9,21\n"

  @Test func importsACSVBodyLikeTheCLI() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily&file_name=sheet.csv", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]), body: ByteBuffer(string: Self.good)
      ) { response in
        #expect(response.status == .ok)
        let body = try json(response)
        #expect(body["rows_total"]?.int == 2)
        #expect(body["inserted"]?.int == 2)
        #expect(body["file"]?.string == "sheet.csv")
      }
      // Idempotent: the same rows again change nothing.
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: Self.good)
      ) { response in
        let json5 = try json(response)
        #expect(json5["unchanged"]?.int == 2)
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 2)
  }

  @Test func invalidRowsImportNothingAnd422WithLineColumnValue() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: Self.bad)
      ) { response in
        try expectError(response, .unprocessableContent, code: "invalid_rows")
        let details = try json(response)["error"]?["details"]
        #expect(details?.count == 2)
        #expect(details?[0]?["line"]?.int == 3)
        #expect(details?[0]?["column"]?.string == "day")
        #expect(details?[0]?["value"]?.string == "2026-13-02")
        #expect(details?[1]?["column"]?.string == "downloads")
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 0)
    #expect(try fixture.sql("SELECT count(*) FROM events WHERE type = 'etl.error'") == 1)
  }

  @Test(
    "upload requests with bad input",
    arguments: [
      ("/api/v1/etl/upload", "text/csv", good, 400, "bad_request"),
      ("/api/v1/etl/upload?kind=podcasts", "text/csv", good, 400, "bad_request"),
      ("/api/v1/etl/upload?kind=metrics-daily", "text/csv", "", 422, "invalid_file"),
      ("/api/v1/etl/upload?kind=metrics-daily", "text/csv", "a,b\n1,2\n", 422, "invalid_file"),
      ("/api/v1/etl/upload?kind=metrics-daily", "multipart/form-data", good, 400, "bad_request"),
      (
        "/api/v1/etl/upload?kind=metrics-daily", "multipart/form-data; boundary=XX",
        "--XX\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nshows\r\n--XX--\r\n", 400,
        "bad_request"
      ),
    ])
  func badUploads(path: String, contentType: String, body: String, status: Int, code: String)
    async throws
  {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: path, method: .post, headers: fixture.headers([.contentType: contentType]),
        body: ByteBuffer(string: body)
      ) { response in
        try expectError(response, HTTPResponse.Status(code: status), code: code)
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 0)
  }

  @Test func bodiesOverTheCapAre413() async throws {
    let fixture = try ServerFixture(maxUploadBytes: 1024)
    let big = Self.header + String(repeating: "2026-11-01,star-chart-001,csv,10,8,20\n", count: 100)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: big)
      ) { response in
        try expectError(response, .contentTooLarge, code: "too_large")
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 0)
  }

  @Test func multipartFormsImportTheFilePart() async throws {
    let fixture = try ServerFixture()
    let body = Self.multipart(
      boundary: "----cuesheet42", kind: "metrics-daily", fileName: "m.csv", content: Self.good)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload", method: .post,
        headers: fixture.headers([.contentType: "multipart/form-data; boundary=----cuesheet42"]),
        body: ByteBuffer(string: body)
      ) { response in
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let json6 = try json(response)
        #expect(json6["inserted"]?.int == 2)
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 2)
  }

  @Test(
    "the multipart extractor is independent of chunk boundaries",
    arguments: [1, 2, 3, 7, 64, 100_000])
  func multipartChunking(chunk: Int) throws {
    let content = Self.good + "\r\n--not-the-boundary\r\n" + Self.good
    let body = Array(
      Self.multipart(
        boundary: "b0undary", kind: "metrics-daily", fileName: "x.csv", content: content
      ).utf8)
    var extractor = MultipartExtractor(boundary: "b0undary")
    var out: [UInt8] = []
    var index = 0
    while index < body.count {
      try extractor.feed(body[index..<min(body.count, index + chunk)]) { out += $0 }
      index += chunk
    }
    try extractor.finish { out += $0 }
    #expect(String(decoding: out, as: UTF8.self) == content)
    #expect(extractor.fields["kind"] == "metrics-daily")
    #expect(extractor.fileName == "x.csv")
  }

  /// Found by the multipart fuzz target (docs/fuzzing.md): what follows a delimiter ("--" closes,
  /// CRLF starts the next part) was decided only when those bytes were already in the buffer, so
  /// the same body was complete in one piece and "ends before its closing boundary" in chunks.
  /// "--XyZ--" on its own line after a delimiter is not a closing delimiter in either case.
  @Test(
    "the outcome of a body does not depend on its chunk sizes",
    arguments: [
      "--XyZ\r\ncontent-disposition: form-data; name=file\r\n\r\nx\r\n--XyZ\r\n--XyZ--\r\n",
      "--XyZ\r\ncontent-disposition: form-data; name=file\r\n\r\nx\r\n--XyZ--\r\n",
      "preamble\r\n--XyZ--\r\n",
    ])
  func chunkingDoesNotChangeTheOutcome(body: String) throws {
    func extract(_ chunk: Int) -> (file: [UInt8], error: String?) {
      var extractor = MultipartExtractor(boundary: "XyZ")
      var file: [UInt8] = []
      do {
        let bytes = Array(body.utf8)
        var index = 0
        while index < bytes.count {
          try extractor.feed(bytes[index..<min(bytes.count, index + chunk)]) { file += $0 }
          index += chunk
        }
        try extractor.finish { file += $0 }
        return (file, nil)
      } catch {
        return (file, "\(error)")
      }
    }
    let whole = extract(body.utf8.count)
    for chunk in 1...12 {
      let chunked = extract(chunk)
      #expect(chunked.file == whole.file && chunked.error == whole.error, "chunks of \(chunk)")
    }
    if body.contains("--XyZ\r\n--XyZ--") {
      #expect(whole.error?.contains("ends before its closing boundary") == true)
    } else {
      #expect(whole.error == nil)
    }
  }

  @Test(
    "upload file names are made safe",
    arguments: [
      ("../../etc/passwd", "passwd"), ("C:\\x\\m.csv", "m.csv"), ("..", "upload.csv"),
      ("a b;c.csv", "a b_c.csv"),
    ])
  func safeNames(name: String, expected: String) {
    #expect(UploadReceiver.safeName(name) == expected)
  }

  static func multipart(boundary: String, kind: String, fileName: String, content: String) -> String
  {
    "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n\(kind)\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\n"
      + "Content-Type: text/csv\r\n\r\n\(content)\r\n--\(boundary)--\r\n"
  }
}
