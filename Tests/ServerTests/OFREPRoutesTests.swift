import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

/// `POST /ofrep/v1/evaluate/flags[/{key}]`: statuses, bodies, the bulk ETag, and token scopes.
@Suite struct OFREPRoutesTests {
  static let single = "/ofrep/v1/evaluate/flags/"
  static let bulk = "/ofrep/v1/evaluate/flags"

  static func context(_ context: String) -> ByteBuffer {
    ByteBuffer(string: #"{"context": \#(context)}"#)
  }

  @Test func singleEvaluationsAnswerValuesAndFailuresWithOFREPStatuses() async throws {
    let fixture = try ServerFixture(analystFlags: true)
    try await fixture.application.test(.router) { client in
      func post(_ key: String, _ context: String, headers: HTTPFields? = nil) async throws
        -> (HTTPResponse.Status, JSONValue)
      {
        try await client.execute(
          uri: Self.single + key, method: .post, headers: headers ?? fixture.auth,
          body: Self.context(context)
        ) { response in
          #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
          return (response.status, try json(response))
        }
      }
      let (status, on) = try await post(
        "ENABLE_MATCHMAKING", #"{"targetingKey": "acme", "env": "staging"}"#)
      #expect(status == .ok)
      #expect(on["value"] == .bool(true))
      #expect(on["variant"]?.string == "on")
      #expect(on["reason"]?.string == "TARGETING_MATCH")
      #expect(on["metadata"]?["cuesheet_reason"]?.string == "TARGETING_MATCH")
      #expect(on["metadata"]?["rule_line"]?.int == 10)

      let (_, template) = try await post(
        "IO_TEMPLATE", #"{"targetingKey": "acme", "account": {"tier": "enterprise"}}"#)
      #expect(template["value"]?.string == "modern")
      let (_, card) = try await post(
        "SEASONAL_RATE_CARD", #"{"targetingKey": "acme", "now": "2026-12-24T00:00:00Z"}"#)
      #expect(card["value"]?["uplift_percent"]?.int == 15)

      let (missing, notFound) = try await post("NO_SUCH_FLAG", #"{"targetingKey": "acme"}"#)
      #expect(missing == .notFound)
      #expect(notFound["errorCode"]?.string == "FLAG_NOT_FOUND")
      #expect(notFound["key"]?.string == "NO_SUCH_FLAG")

      let (invalid, refusal) = try await post(
        "ENABLE_MATCHMAKING", #"{"targetingKey": "acme", "email": "a@b.c", "plan": "free"}"#)
      #expect(invalid == .badRequest)
      #expect(refusal["errorCode"]?.string == "INVALID_CONTEXT")
      #expect(refusal["errorDetails"]?.string?.contains("email, plan") == true)

      let (noKey, keyMissing) = try await post(
        "ENABLE_MATCHMAKING", #"{"env": "production", "account.tier": "enterprise"}"#)
      #expect(noKey == .badRequest)
      #expect(keyMissing["errorCode"]?.string == "TARGETING_KEY_MISSING")

      // X-API-Key works as well as a bearer token; no token at all is 401.
      let (apiKey, _) = try await post(
        "ENABLE_IO_PDF", #"{"targetingKey": "acme"}"#, headers: [.xAPIKey: fixture.token])
      #expect(apiKey == .ok)
      try await client.execute(
        uri: Self.single + "ENABLE_IO_PDF", method: .post, body: Self.context("{}")
      ) { response in try expectError(response, .unauthorized) }
      try await client.execute(
        uri: Self.single + "ENABLE_IO_PDF", method: .post,
        headers: [.authorization: "Bearer cst_00000000000000000000000000000000000000"],
        body: Self.context("{}")
      ) { response in try expectError(response, .unauthorized) }

      try await client.execute(
        uri: Self.single + "ENABLE_IO_PDF", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: "not json")
      ) { response in
        #expect(response.status == .badRequest)
        let body = try json(response)
        #expect(body["errorCode"]?.string == "PARSE_ERROR")
      }
    }
  }

  @Test func bulkEvaluationCarriesAnETagAndAnswers304UntilTheRulesChange() async throws {
    let fixture = try ServerFixture(analystFlags: true)
    let context = Self.context(#"{"targetingKey": "acme", "env": "production"}"#)
    try await fixture.application.test(.router) { client in
      let (etag, flags): (String, JSONValue) = try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.auth, body: context
      ) { response in
        #expect(response.status == .ok)
        return (response.headers[.eTag] ?? "", try json(response)["flags"] ?? .null)
      }
      #expect(etag.count == 18)
      #expect(flags.count == 6)
      #expect(flags[0]?["key"]?.string == "ENABLE_MATCHMAKING")

      try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.headers([.ifNoneMatch: etag]),
        body: context
      ) { response in
        #expect(response.status == .notModified)
        #expect(response.headers[.eTag] == etag)
        #expect(response.body.readableBytes == 0)
      }
      // Another context: another tag, so the old one gives 200.
      try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.headers([.ifNoneMatch: etag]),
        body: Self.context(#"{"targetingKey": "someone-else", "env": "production"}"#)
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.eTag] != etag)
      }
      // The rules reload: the next evaluation sees them, and the tag changes.
      let file = fixture.rulesDirectory.appendingPathComponent("tools.rules")
      let text = try String(contentsOf: file, encoding: .utf8)
      try text.replacingOccurrences(of: "enabled false", with: "enabled true")
        .write(to: file, atomically: true, encoding: .utf8)
      #expect(fixture.watcher.poll())
      try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.headers([.ifNoneMatch: etag]),
        body: context
      ) { response in
        #expect(response.status == .ok)
        #expect(response.headers[.eTag] != etag)
        // rules/flags.rules (4 flags), matchmaking.rules, then tools.rules: its second flag.
        let legacy = try json(response)["flags"]?[5]
        #expect(legacy?["key"]?.string == "RETIRED_UPLOADER")
        #expect(legacy?["value"] == .bool(true))
      }
      try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.auth,
        body: Self.context(#"{"targetingKey": "acme", "country": "CA"}"#)
      ) { response in
        #expect(response.status == .badRequest)
        let body = try json(response)
        #expect(body["errorCode"]?.string == "INVALID_CONTEXT")
        #expect(body["key"] == nil)
      }
    }
  }

  @Test func aFlagsReadTokenEvaluatesFlagsAndNothingElse() async throws {
    let fixture = try ServerFixture()
    let reader = try TokenStore(store: fixture.store).create(name: "web-app", scope: .flagsRead)
    #expect(reader.entry.scope == .flagsRead)
    fixture.server.verifier.invalidate()
    let auth: HTTPFields = [.authorization: "Bearer \(reader.token)"]
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: Self.single + "ENABLE_IO_PDF", method: .post, headers: auth,
        body: Self.context(#"{"targetingKey": "acme"}"#)
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: Self.bulk, method: .post, headers: auth, body: Self.context("{}")
      ) { response in #expect(response.status == .ok) }
      try await client.execute(
        uri: "/api/v1/flags/ENABLE_IO_PDF", method: .get, headers: auth
      ) { response in #expect(response.status == .ok) }
      for (method, uri) in [
        (HTTPRequest.Method.get, "/api/v1/deals"), (.get, "/api/v1/io"),
        (.post, "/api/v1/etl/upload?kind=shows"), (.patch, "/api/v1/deals/cmp-012"),
      ] {
        try await client.execute(
          uri: uri, method: method, headers: auth, body: ByteBuffer(string: "{}")
        ) { response in try expectError(response, .forbidden, code: "forbidden") }
      }
      // Nor does it open a page session.
      try await client.execute(
        uri: "/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
        body: ByteBuffer(string: "token=\(reader.token)&next=%2F")
      ) { response in
        #expect(response.status == .forbidden)
        #expect(response.headers[.setCookie] == nil)
      }
      // A token with scope all still reaches everything.
      try await client.execute(uri: "/api/v1/deals", method: .get, headers: fixture.auth) {
        response in #expect(response.status == .ok)
      }
    }
  }

  @Test func noLoadedRulesIsAGeneralErrorResponse() async throws {
    let fixture = try ServerFixture()
    let server = CuesheetServer(
      configuration: fixture.server.configuration, store: fixture.store,
      rules: RuleWatcher(paths: [fixture.directory.appendingPathComponent("nowhere").path]))
    try await server.application().test(.router) { client in
      try await client.execute(
        uri: Self.bulk, method: .post, headers: fixture.auth, body: Self.context("{}")
      ) { response in
        #expect(response.status == .internalServerError)
        let body = try json(response)
        #expect(body["errorDetails"]?.string?.contains("No rule files have loaded") == true)
        #expect(body.count == 1)
      }
    }
  }
}
