import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

@Suite struct AuthTests {
  /// Every API route, with a method and a concrete path.
  static let apiRoutes: [(HTTPRequest.Method, String)] = [
    (.post, "/api/v1/etl/upload?kind=metrics-daily"),
    (.get, "/api/v1/deals"), (.patch, "/api/v1/deals/cmp-001"),
    (.get, "/api/v1/io"), (.post, "/api/v1/io"), (.get, "/api/v1/io/IO-1001"),
    (.post, "/api/v1/io/IO-1001/schedule"), (.post, "/api/v1/io/IO-1001/start"),
    (.post, "/api/v1/io/IO-1001/deliver"), (.post, "/api/v1/io/IO-1001/cancel"),
    (.get, "/api/v1/io/IO-1001/document?format=html"),
    (.post, "/api/match/recalculate"),
    (.get, "/api/v1/dashboard/creator?show=night-shift"),
    (.get, "/api/v1/dashboard/advertiser?advertiser=adv-ledgerly"),
    (.get, "/api/v1/dashboard/ops"),
    (.get, "/api/v1/flags/ENABLE_MATCHMAKING"), (.get, "/api/v1/events"),
  ]

  @Test("API routes refuse a missing token", arguments: apiRoutes.indices)
  func missingToken(index: Int) async throws {
    let fixture = try ServerFixture()
    let (method, path) = Self.apiRoutes[index]
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: path, method: method) { response in
        try expectError(response, .unauthorized, code: "unauthorized")
        #expect(response.headers[.wwwAuthenticate] == "Bearer")
      }
    }
  }

  @Test("API routes refuse a wrong, malformed or revoked token", arguments: apiRoutes.indices)
  func wrongToken(index: Int) async throws {
    let fixture = try ServerFixture()
    let (method, path) = Self.apiRoutes[index]
    let revoked = try TokenStore(store: fixture.store).create(name: "old")
    try TokenStore(store: fixture.store).revoke(name: "old")
    let wrong = String(fixture.token.dropLast()) + (fixture.token.hasSuffix("0") ? "1" : "0")
    try await fixture.application.test(.router) { client in
      for header in [
        "Bearer \(wrong)", "Bearer \(revoked.token)", "Basic \(fixture.token)", "Bearer ",
        "Bearer x",
      ] {
        try await client.execute(uri: path, method: method, headers: [.authorization: header]) {
          response in
          try expectError(response, .unauthorized, code: "unauthorized")
        }
      }
    }
  }

  @Test func healthzIsOpen() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.status == .ok)
        let json7 = try json(response)
        #expect(json7["status"]?.string == "ok")
      }
    }
  }

  @Test func tokensAreStoredHashedAndListedWithoutSecrets() throws {
    let fixture = try ServerFixture()
    let tokens = TokenStore(store: fixture.store)
    let stored = try fixture.sql(
      "SELECT token_sha256 FROM api_tokens WHERE name = 'tests'", as: String.self)
    #expect(stored?.count == 64)
    #expect(stored?.contains(fixture.token) == false)
    let entries = try tokens.list()
    #expect(entries.map(\.name) == ["tests"])
    #expect(fixture.token.hasPrefix(entries[0].prefix))
    #expect(throws: TokenStore.TokenError.nameTaken("tests")) { try tokens.create(name: "tests") }
    #expect(throws: TokenStore.TokenError.invalidName("a b")) { try tokens.create(name: "a b") }
    #expect(throws: TokenStore.TokenError.notFound("nope")) { try tokens.revoke(name: "nope") }
    let verifier = TokenVerifier(tokens: tokens)
    #expect(verifier.verify(fixture.token) == "tests")
    try tokens.revoke(name: "tests")
    verifier.invalidate()
    #expect(verifier.verify(fixture.token) == nil)
    // A revoked name can be used again.
    #expect(try tokens.create(name: "tests").entry.name == "tests")
  }

  @Test func pagesRedirectToLoginWithoutTheCookie() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      for path in ["/", "/upload", "/dashboards/"] {
        try await client.execute(uri: path, method: .get) { response in
          #expect(response.status == .seeOther)
          #expect(response.headers[.location]?.hasPrefix("/login?next=") == true)
        }
        try await client.execute(
          uri: path, method: .get, headers: [.cookie: "cuesheet_session=wrong"]
        ) { response in
          #expect(response.status == .seeOther)
        }
      }
    }
  }

  @Test func loginSetsAStrictHttpOnlyCookie() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=\(fixture.token)&next=%2Fupload")
      ) { response in
        #expect(response.status == .seeOther)
        #expect(response.headers[.location] == "/upload")
        let cookie = try #require(response.headers[.setCookie])
        #expect(cookie.hasPrefix("cuesheet_session="))
        #expect(!cookie.contains(fixture.token))
        #expect(cookie.contains("HttpOnly"))
        #expect(cookie.contains("SameSite=Strict"))
      }
      try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=wrong&next=//evil.example")
      ) { response in
        #expect(response.status == .unauthorized)
        #expect(response.headers[.setCookie] == nil)
      }
      try await client.execute(
        uri: "/", method: .get, headers: fixture.sessionCookie()
      ) { response in
        #expect(response.status == .ok)
        #expect(String(buffer: response.body).contains("/upload"))
      }
    }
  }

  @Test(
    "login never redirects off the site",
    arguments: [
      ("/upload", "/upload"), ("//evil.example", "/"), ("https://evil.example", "/"), (nil, "/"),
      ("/\\evil", "/"),
    ] as [(String?, String)])
  func safeNext(next: String?, expected: String) {
    #expect(LoginGuard.safeNext(next) == expected)
  }
}
