import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Rules
import Store
import Testing

@testable import Server

/// Regression tests for the findings of issue #23 (an attack on `cuesheet serve`), one per finding.
@Suite struct SecurityTests {
  // MARK: - 1. Bounded values in errors, events and responses

  @Test func aHugeHeaderIsNotEchoedInTheResponseOrTheEventLog() async throws {
    let fixture = try ServerFixture()
    let word = String(repeating: "Z", count: 4 * 1024 * 1024)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily&file_name=huge.csv", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]), body: ByteBuffer(string: word + "\n")
      ) { response in
        try expectError(response, .unprocessableContent, code: "invalid_file")
        #expect(response.body.readableBytes < 4096, "a \(response.body.readableBytes)-byte error")
        #expect(String(buffer: response.body).contains("(4194304 bytes)"))
      }
      try await client.execute(uri: "/api/v1/events", method: .get, headers: fixture.auth) {
        response in
        #expect(response.status == .ok)
        #expect(response.body.readableBytes < 16 * 1024, "\(response.body.readableBytes) bytes")
      }
    }
    let stored = try fixture.sql("SELECT max(length(payload)) FROM events") ?? 0
    #expect(stored < EventLog.maxPayloadBytes)
  }

  @Test func aHugeInvalidValueIsClippedInTheErrorDetails() async throws {
    let fixture = try ServerFixture()
    let value = String(repeating: "9", count: 1_000_000)
    let csv = UploadTests.header + "2026-11-01,star-chart-001,csv,\(value),8,20\n"
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]), body: ByteBuffer(string: csv)
      ) { response in
        try expectError(response, .unprocessableContent, code: "invalid_rows")
        let body = try json(response)
        let shown = try #require(body["error"]?["details"]?[0]?["value"]?.string)
        #expect(shown == String(repeating: "9", count: 200) + "… (1000000 bytes)")
        #expect(response.body.readableBytes < 8192)
      }
    }
  }

  @Test func aDealMoveReasonOverTheLimitIsRefusedAndNotStored() async throws {
    let fixture = try ServerFixture()
    let reason = String(repeating: "r", count: 900 * 1024)
    let body = #"{"stage": "closed_lost", "reason": "\#(reason)"}"#
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/deals/cmp-007", method: .patch,
        headers: fixture.headers([.contentType: "application/json"]), body: ByteBuffer(string: body)
      ) { response in
        try expectError(response, .badRequest)
        #expect(String(buffer: response.body).contains("at most 2000"))
        #expect(response.body.readableBytes < 4096)
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM events WHERE type = 'deal.stage_changed'") == 0)
    #expect(
      try fixture.sql("SELECT stage FROM campaigns WHERE campaign_id = 'cmp-007'", as: String.self)
        == "negotiation")
  }

  // MARK: - 2. Idle connections

  // The probes use plain connections: the test client keeps one connection, which the short idle
  // timeout would close under it.

  @Test func idleConnectionsAreClosedAndHealthzKeepsAnswering() async throws {
    let fixture = try ServerFixture { $0.idleTimeoutSeconds = 1 }
    try await fixture.application.test(.live) { client in
      await Self.withoutThrowing {
        let port = try #require(client.port)
        // A slowloris: 100 connections that send nothing, and 20 that send half a request head.
        var idle: [RawConnection] = []
        for _ in 0..<100 { idle.append(try RawConnection(port: port)) }
        var slow: [RawConnection] = []
        for _ in 0..<20 {
          let connection = try RawConnection(port: port)
          connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
          slow.append(connection)
        }
        let during = try await RawConnection.get("/healthz", port: port)
        #expect(during.hasPrefix("HTTP/1.1 200"), "\(during.prefix(200))")
        // The server hangs up on every one of them once they have been silent for the timeout.
        let all = idle + slow
        let stillOpen = await offThePool { all.filter { !$0.isClosedByServer(within: 10) }.count }
        #expect(stillOpen == 0, "\(stillOpen) idle connections still open")
        let after = try await RawConnection.get("/healthz", port: port)
        #expect(after.hasPrefix("HTTP/1.1 200"), "\(after.prefix(200))")
      }
    }
  }

  /// Runs a live test's body and records what it throws instead of rethrowing it: a live test
  /// that throws cancels the server's task while connections it accepted may still be queued, and
  /// swift-nio then traps on them ("Deinited NIOAsyncWriter without calling finish()",
  /// apple/swift-nio#3481), taking the whole test process down. Returning lets the server shut
  /// down gracefully instead.
  static func withoutThrowing(
    sourceLocation: SourceLocation = #_sourceLocation, _ body: () async throws -> Void
  ) async {
    do { try await body() } catch { Issue.record(error, sourceLocation: sourceLocation) }
  }

  @Test func pastTheConnectionCapHealthzAnswersOnceIdleOnesTimeOut() async throws {
    let fixture = try ServerFixture {
      $0.idleTimeoutSeconds = 1
      $0.maxConnections = 8
    }
    try await fixture.application.test(.live) { client in
      await Self.withoutThrowing {
        let port = try #require(client.port)
        // Five times the cap of idle connections: the server serves 8 at a time, the others wait
        // in the backlog; each is closed after a second of silence, and the probe is answered then.
        var idle: [RawConnection] = []
        for _ in 0..<40 { idle.append(try RawConnection(port: port)) }
        let answer = try await RawConnection.get("/healthz", port: port)
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer.prefix(200))")
        let all = idle
        let stillOpen = await offThePool { all.filter { !$0.isClosedByServer(within: 10) }.count }
        #expect(stillOpen == 0)
      }
    }
  }

  // MARK: - 3. Redirect after login

  @Test(
    "login redirects only to a same-origin path",
    arguments: [
      ("/upload", "/upload"),
      ("/dashboards/creator/x.html?a=1#b", "/dashboards/creator/x.html?a=1#b"),
      ("/\t/evil.example", "/"), ("/\n/evil.example", "/"), ("/\r/evil.example", "/"),
      ("/ /evil.example", "/"), ("/\\/evil.example", "/"), ("\\\\evil.example", "/"),
      ("//evil.example", "/"), ("https://evil.example", "/"), ("javascript:alert(1)", "/"),
      ("/\u{0}/evil", "/"), ("/\u{7F}x", "/"), ("/\u{3000}/evil", "/"), ("", "/"),
      ("upload", "/"),
    ] as [(String, String)])
  func nextIsASameOriginPath(next: String, expected: String) {
    #expect(LoginGuard.safeNext(next) == expected)
  }

  @Test func theReportedOpenRedirectIsClosed() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: "/login?next=%2F%09%2Fevil", method: .get) { response in
        let html = String(buffer: response.body)
        #expect(html.contains("name=\"next\" value=\"/\""))
      }
      try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=\(fixture.token)&next=%2F%09%2Fevil")
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/")
      }
    }
  }

  // MARK: - 5. Bodies over the limit

  @Test(
    "bodies over the limit get 413 on every route",
    arguments: [
      ("/login", HTTPRequest.Method.post), ("/api/v1/io/IO-1001/cancel", .post),
      ("/api/v1/io/IO-1001/schedule", .post), ("/api/match/recalculate", .post),
      ("/api/v1/deals/cmp-007", .patch), ("/api/v1/io", .post),
    ])
  func oversizedBodiesGet413(path: String, method: HTTPRequest.Method) async throws {
    let fixture = try ServerFixture()
    let body = "{\"reason\": \"" + String(repeating: "x", count: 2 * 1024 * 1024) + "\"}"
    for sendLength in [true, false] {
      try await fixture.application.test(.router) { client in
        var headers = fixture.headers([.contentType: "application/json"])
        if sendLength { headers[.contentLength] = String(body.utf8.count) }
        try await client.execute(
          uri: path, method: method, headers: headers, body: ByteBuffer(string: body)
        ) { response in
          try expectError(response, .contentTooLarge, code: "too_large")
          #expect(!String(buffer: response.body).contains("NIO"))
        }
      }
    }
  }

  // MARK: - 6. An emptied rules folder

  @Test func aReloadThatFindsNoRuleFileKeepsTheLastGoodRules() throws {
    let fixture = try ServerFixture()
    let before = try #require(fixture.watcher.book)
    #expect(!before.flags.flags.isEmpty)
    for name in try FileManager.default.contentsOfDirectory(atPath: fixture.rulesDirectory.path) {
      try FileManager.default.removeItem(at: fixture.rulesDirectory.appendingPathComponent(name))
    }
    #expect(fixture.watcher.poll() == false)
    let after = try #require(fixture.watcher.book)
    #expect(after.flags.flags.count == before.flags.flags.count)
    #expect(fixture.watcher.loadError?.contains("no rule file") == true)
  }

  // MARK: - 9. Uploads

  @Test func importsRecordTheClientFileNameNotTheTemporaryPath() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily&file_name=sheet.csv", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]),
        body: ByteBuffer(string: UploadTests.good)
      ) { response in
        #expect(response.status == .ok)
      }
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily&file_name=broken.csv", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]),
        body: ByteBuffer(string: "nope\n")
      ) { response in
        try expectError(response, .unprocessableContent)
        let text = String(buffer: response.body)
        #expect(text.contains("broken.csv"))
        #expect(!text.contains("cuesheet-upload-"))
      }
    }
    let names = try await fixture.store.writer.read { db in
      try String.fetchAll(db, sql: "SELECT file_name FROM imports ORDER BY import_id")
    }
    #expect(names.suffix(2) == ["sheet.csv", "broken.csv"])
    let events = try await fixture.store.writer.read { db in
      try String.fetchAll(db, sql: "SELECT payload FROM events WHERE type LIKE 'etl.%'")
    }
    #expect(!events.contains { $0.contains("cuesheet-upload-") })
  }

  @Test func severalFilePartsAreRefusedNotJoined() async throws {
    let fixture = try ServerFixture()
    let boundary = "zz"
    let rows = "2026-11-03,star-chart-001,csv,10,8,20\n"
    let body =
      "--\(boundary)\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nmetrics-daily\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\n"
      + UploadTests.header + "\r\n"
      + "--\(boundary)\r\nContent-Disposition: form-data; name=\"more\"; filename=\"b.csv\"\r\n\r\n"
      + rows + "\r\n--\(boundary)--\r\n"
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload", method: .post,
        headers: fixture.headers([.contentType: "multipart/form-data; boundary=\(boundary)"]),
        body: ByteBuffer(string: body)
      ) { response in
        try expectError(response, .badRequest, code: "bad_request")
        #expect(String(buffer: response.body).contains("more than one file part"))
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 0)
  }

  @Test func uploadFoldersLeftByADeadServerAreRemovedAtStartUp() throws {
    let fixture = try ServerFixture()
    let uploads = try #require(fixture.server.configuration.uploadDirectory)
    // A process that has exited: its PID names a folder nobody is writing to.
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/sh")
    finished.arguments = ["-c", "exit 0"]
    try finished.run()
    finished.waitUntilExit()
    let fm = FileManager.default
    let stale = URL(fileURLWithPath: uploads).appendingPathComponent(
      "\(UploadReceiver.folderPrefix)\(finished.processIdentifier)-\(UUID().uuidString)")
    let live = URL(fileURLWithPath: uploads).appendingPathComponent(
      "\(UploadReceiver.folderPrefix)\(getpid())-\(UUID().uuidString)")
    let old = URL(fileURLWithPath: uploads).appendingPathComponent(
      "\(UploadReceiver.folderPrefix)\(UUID().uuidString)")
    for folder in [stale, live, old] {
      try fm.createDirectory(at: folder, withIntermediateDirectories: true)
      try "partial".write(
        to: folder.appendingPathComponent("upload.partial"), atomically: true, encoding: .utf8)
    }
    _ = CuesheetServer(
      configuration: fixture.server.configuration, store: fixture.store, rules: fixture.watcher)
    #expect(!fm.fileExists(atPath: stale.path))
    #expect(!fm.fileExists(atPath: old.path))
    #expect(fm.fileExists(atPath: live.path))
  }

  @Test func anUploadLeavesNoTemporaryFileBehind() async throws {
    let fixture = try ServerFixture()
    let uploads = try #require(fixture.server.configuration.uploadDirectory)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post,
        headers: fixture.headers([.contentType: "text/csv"]),
        body: ByteBuffer(string: UploadTests.good)
      ) { response in
        #expect(response.status == .ok)
      }
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: uploads).isEmpty)
  }

  // MARK: - 9. PDF printing

  @Test func pdfPrintingIsCappedAndRefusedWithBusyBeyondTheCap() async throws {
    let gate = PDFGate(capacity: 1, timeoutSeconds: 5)
    let started = AsyncStream<Void>.makeStream()
    async let first: Int = gate.admit {
      started.continuation.yield()
      try await Task.sleep(for: .seconds(1.5))
      return 1
    }
    var iterator = started.stream.makeAsyncIterator()
    _ = await iterator.next()
    await #expect {
      _ = try await gate.admit { 2 }
    } throws: { error in
      (error as? APIError)?.status == .serviceUnavailable && (error as? APIError)?.code == "busy"
    }
    #expect(try await first == 1)
    #expect(try await gate.admit { 3 } == 3)
  }

  @Test func aPDFEngineThatHangsIsStoppedAfterTheTimeout() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-hang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let engine = directory.appendingPathComponent("weasyprint")
    try "#!/bin/sh\nexec sleep 60\n".write(to: engine, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
    var converter = PDFConverter(executable: engine.path)
    converter.timeoutSeconds = 1
    #expect {
      try converter.convert(
        html: "<p>x</p>", to: directory.appendingPathComponent("x.pdf").path)
    } throws: { error in
      "\(error)".contains("time limit")
    }
  }

  @Test func aPDFEngineThatHangsIsStoppedAfterTheTimeoutWhenAwaited() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-hang-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let engine = directory.appendingPathComponent("weasyprint")
    try "#!/bin/sh\nexec sleep 60\n".write(to: engine, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
    var converter = PDFConverter(executable: engine.path)
    converter.timeoutSeconds = 1
    await #expect {
      try await converter.convertAsync(
        html: "<p>x</p>", to: directory.appendingPathComponent("x.pdf").path)
    } throws: { error in
      "\(error)".contains("time limit")
    }
  }

  @Test func anAwaitedPDFEngineReportsItsExitStatusAndErrorOutput() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-fail-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let engine = directory.appendingPathComponent("weasyprint")
    try "#!/bin/sh\necho 'no fonts here' >&2\nexit 3\n".write(
      to: engine, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: engine.path)
    let converter = PDFConverter(executable: engine.path)
    await #expect {
      try await converter.convertAsync(
        html: "<p>x</p>", to: directory.appendingPathComponent("x.pdf").path)
    } throws: { error in
      error as? PDFError
        == .engineFailed(engine: engine.path, status: 3, message: "no fonts here")
    }
  }

  // MARK: - 9. Sessions, Origin, frames

  @Test func theLoginCookieIsASessionThatLogoutRevokes() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      var cookie = ""
      try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=\(fixture.token)&next=%2F")
      ) { response in
        #expect(response.status == .seeOther)
        let header = try #require(response.headers[.setCookie])
        #expect(!header.contains(fixture.token))
        #expect(!header.contains("Max-Age=2592000"))
        cookie = String(header.split(separator: ";")[0])
      }
      try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
        #expect(response.status == .ok)
      }
      // The raw token is not a page credential.
      for name in ["cuesheet_session", "cuesheet_token"] {
        try await client.execute(
          uri: "/", method: .get, headers: [.cookie: "\(name)=\(fixture.token)"]
        ) { response in
          #expect(response.status == .seeOther)
        }
      }
      try await client.execute(uri: "/logout", method: .post, headers: [.cookie: cookie]) {
        response in
        #expect(response.status == .seeOther)
      }
      // The old cookie, replayed after logout, no longer opens a page.
      try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location]?.hasPrefix("/login") == true)
      }
    }
  }

  @Test func revokingTheTokenEndsItsSessions() async throws {
    let fixture = try ServerFixture()
    let cookie = fixture.sessionCookie()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: "/", method: .get, headers: cookie) { response in
        #expect(response.status == .ok)
      }
      try TokenStore(store: fixture.store).revoke(name: "tests")
      fixture.server.verifier.invalidate()
      try await client.execute(uri: "/", method: .get, headers: cookie) { response in
        #expect(response.status == .seeOther)
      }
    }
  }

  @Test(
    "login refuses cross-site posts",
    arguments: [
      ([.origin: "https://evil.example"], 403), ([.origin: "null"], 403),
      ([.origin: "http://localhost:9"], 403), ([.secFetchSite: "cross-site"], 403),
      ([.origin: "http://localhost"], 303), ([.secFetchSite: "same-origin"], 303),
      ([:], 303),
    ] as [(HTTPFields, Int)])
  func loginChecksOrigin(headers: HTTPFields, status: Int) async throws {
    let fixture = try ServerFixture()
    var fields: HTTPFields = [
      // The test client addresses the server as `localhost` (its Host).
      .contentType: "application/x-www-form-urlencoded"
    ]
    fields.append(contentsOf: headers)
    let all = fields
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/login", method: .post, headers: all,
        body: ByteBuffer(string: "token=\(fixture.token)&next=%2F")
      ) { response in
        #expect(response.status.code == status)
        if status == 403 { #expect(response.headers[.setCookie] == nil) }
      }
    }
  }

  @Test func pagesAndAPIRefuseToBeFramed() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      for (path, headers) in [
        ("/login", HTTPFields()), ("/", fixture.sessionCookie()),
        ("/upload", fixture.sessionCookie()),
        ("/api/v1/deals", fixture.auth), ("/healthz", HTTPFields()),
      ] {
        try await client.execute(uri: path, method: .get, headers: headers) { response in
          #expect(response.status == .ok, "\(path)")
          #expect(response.headers[.xFrameOptions] == "DENY", "\(path)")
          #expect(
            response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true,
            "\(path)")
          #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(path)")
        }
      }
      try await client.execute(uri: "/login", method: .get) { response in
        #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
      }
    }
  }
}
