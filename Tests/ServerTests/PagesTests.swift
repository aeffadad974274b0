import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

@Suite struct PagesTests {
  @Test func uploadPageShowsTheResultOrTheErrors() async throws {
    let fixture = try ServerFixture()
    let cookie = fixture.sessionCookie()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: "/upload", method: .get, headers: cookie) { response in
        #expect(response.status == .ok)
        let html = String(buffer: response.body)
        #expect(html.contains("enctype=\"multipart/form-data\""))
        #expect(!html.contains("<script"))
      }
      var headers = cookie
      headers[.contentType] = "multipart/form-data; boundary=zz"
      let good = UploadTests.multipart(
        boundary: "zz", kind: "metrics-daily", fileName: "m.csv", content: UploadTests.good)
      try await client.execute(
        uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: good)
      ) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains("2 inserted"))
      }
      let bad = UploadTests.multipart(
        boundary: "zz", kind: "metrics-daily", fileName: "m.csv", content: UploadTests.bad)
      try await client.execute(
        uri: "/upload", method: .post, headers: headers, body: ByteBuffer(string: bad)
      ) { response in
        #expect(response.status == .unprocessableContent)
        let html = String(buffer: response.body)
        #expect(html.contains("id=\"errors\""))
        #expect(html.contains("2026-13-02"))
      }
    }
  }

  @Test func dashboardFilesAreServedWithoutPathTraversal() async throws {
    let fixture = try ServerFixture()
    let fm = FileManager.default
    let creator = fixture.dashboardsDirectory.appendingPathComponent("creator")
    try fm.createDirectory(at: creator, withIntermediateDirectories: true)
    try "<h1>index</h1>".write(
      to: fixture.dashboardsDirectory.appendingPathComponent("index.html"), atomically: true,
      encoding: .utf8)
    try "<h1>night</h1>".write(
      to: creator.appendingPathComponent("night-shift.html"), atomically: true, encoding: .utf8)
    try "{}".write(
      to: fixture.dashboardsDirectory.appendingPathComponent(".manifest.json"), atomically: true,
      encoding: .utf8)
    try "TOP-SECRET-CONTENT".write(
      to: fixture.directory.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
    try fm.createSymbolicLink(
      at: fixture.dashboardsDirectory.appendingPathComponent("link.txt"),
      withDestinationURL: fixture.directory.appendingPathComponent("secret.txt"))
    let cookie = fixture.sessionCookie()
    try await fixture.application.test(.router) { client in
      for (path, status, text) in [
        ("/dashboards/", 200, "index"), ("/dashboards/creator/night-shift.html", 200, "night"),
        ("/dashboards/creator/nope.html", 404, ""), ("/dashboards/../secret.txt", 404, ""),
        ("/dashboards/%2e%2e/secret.txt", 404, ""),
        ("/dashboards/creator/..%2f..%2fsecret.txt", 404, ""),
        ("/dashboards/.manifest.json", 404, ""), ("/dashboards/link.txt", 404, ""),
      ] as [(String, Int, String)] {
        try await client.execute(uri: path, method: .get, headers: cookie) { response in
          #expect(response.status.code == status, "\(path)")
          if status == 200 { #expect(String(buffer: response.body).contains(text)) }
          #expect(!String(buffer: response.body).contains("TOP-SECRET-CONTENT"), "\(path)")
        }
      }
    }
  }
}
