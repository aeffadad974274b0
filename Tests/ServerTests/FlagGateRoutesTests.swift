import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

/// #14: the API's flag gates and flag context follow the CLI's: `GET /api/v1/io` shows pacing only
/// when ENABLE_PACING_ALERTS is on, and a flag evaluated without a context sees the run's context.
@Suite struct FlagGateRoutesTests {
  static func encoded(_ context: String) -> String {
    context.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
  }

  @Test(
    "GET /api/v1/io: delivery and pacing_alert when ENABLE_PACING_ALERTS is on, absent when off")
  func ioListPacing() async throws {
    let fixture = try ServerFixture(importMetrics: true)
    try await fixture.application.test(.router) { client in
      // The run's context (development, network): matchmaking on, so pacing alerts on.
      try await client.execute(
        uri: "/api/v1/io?status=live&as_of=2026-11-20", method: .get, headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
        let ios = try json(response)
        let first = try #require(ios[0])
        #expect(first["io_id"]?.string == "IO-1001")
        #expect(first["pacing_alert"] == .bool(true))
        #expect(first["delivery"]?["as_of"]?.string == "2026-11-20")
        #expect(first["delivery"]?["delivered_impressions"]?.int == 40198)
        #expect(ios[1]?["pacing_alert"] == .bool(false))
      }
      // In ci, ENABLE_MATCHMAKING is off, so its dependant ENABLE_PACING_ALERTS is off.
      let ci = Self.encoded(#"{"env": "ci", "account": {"id": "network"}}"#)
      try await client.execute(
        uri: "/api/v1/io?status=live&as_of=2026-11-20&context=\(ci)", method: .get,
        headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
        let first = try #require(try json(response)[0])
        #expect(first["io_id"]?.string == "IO-1001")
        #expect(first["pacing_alert"] == nil)
        #expect(first["delivery"] == nil)
      }
      try await client.execute(
        uri: "/api/v1/io?as_of=someday", method: .get, headers: fixture.auth
      ) { response in
        try expectError(response, .badRequest)
      }
    }
  }

  @Test("GET /api/v1/flags/{name} without a context evaluates the run's context, as the CLI")
  func flagWithoutContext() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/flags/ENABLE_MATCHMAKING", method: .get, headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
        let body = try json(response)
        // development (the default env) matches the first rule.
        #expect(body["value"] == .bool(true))
        #expect(body["reason"]?.string == "TARGETING_MATCH")
        #expect(body["rule_line"]?.int == 10)
      }
    }
  }
}
