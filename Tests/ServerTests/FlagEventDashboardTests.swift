import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import Testing

@testable import Server

@Suite struct FlagEventDashboardTests {
  static func flagURI(_ name: String, _ context: String) -> String {
    "/api/v1/flags/\(name)?context=" + context.addingPercentEncoding(
      withAllowedCharacters: .alphanumerics)!
  }

  @Test(
    "flag evaluation",
    arguments: [
      ("ENABLE_MATCHMAKING", #"{"env": "staging"}"#, 200, "on"),
      ("ENABLE_MATCHMAKING", #"{"env": "production", "account": {"id": "small"}}"#, 200, "off"),
      ("ENABLE_MATCHMAKING", #"{"env": 3}"#, 400, ""),
      ("ENABLE_MATCHMAKING", #"not json"#, 400, ""),
      ("NO_SUCH_FLAG", #"{}"#, 404, ""),
    ])
  func flags(name: String, context: String, status: Int, variant: String) async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: Self.flagURI(name, context), method: .get, headers: fixture.auth
      ) { response in
        if status == 200 {
          #expect(response.status == .ok, "\(String(buffer: response.body))")
          let body = try json(response)
          #expect(body["variant"]?.string == variant)
          #expect(body["reason"]?.string?.isEmpty == false)
          #expect(body["value"] != nil)
        } else {
          try expectError(response, HTTPResponse.Status(code: status))
        }
      }
    }
  }

  @Test func ruleFilesReloadAndBadFilesKeepTheLastGoodRules() async throws {
    let fixture = try ServerFixture()
    let file = fixture.rulesDirectory.appendingPathComponent("extra.rules")
    try "flag SERVER_TEST_FLAG {\n  default on\n}\n".write(
      to: file, atomically: true, encoding: .utf8)
    #expect(fixture.watcher.poll())
    #expect(fixture.watcher.book?.flags.flag(named: "SERVER_TEST_FLAG") != nil)
    try "flag SERVER_TEST_FLAG {\n  default maybe maybe\n".write(
      to: file, atomically: true, encoding: .utf8)
    #expect(!fixture.watcher.poll())
    #expect(fixture.watcher.loadError != nil)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: Self.flagURI("SERVER_TEST_FLAG", "{}"), method: .get, headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
        let json9 = try json(response)
        #expect(json9["variant"]?.string == "on")
      }
    }
    // Unchanged files are not reloaded.
    #expect(!fixture.watcher.poll())
  }

  @Test func eventsFilterAndValidate() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/v1/events?type=etl.*&limit=2", method: .get, headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
        guard case .array(let events) = try json(response) else { throw TestFailure() }
        #expect(events.count == 2)  // the fixture imported five files; the newest two
        #expect(events.allSatisfy { $0["type"]?.string?.hasPrefix("etl.") == true })
        #expect(events.first?["payload"]?["kind"] != nil)
      }
      try await client.execute(
        uri: "/api/v1/events?since=2000-01-01", method: .get, headers: fixture.auth
      ) { response in
        #expect(response.status == .ok)
      }
      for bad in ["limit=0", "limit=x", "since=yesterday"] {
        try await client.execute(uri: "/api/v1/events?\(bad)", method: .get, headers: fixture.auth)
        { response in
          try expectError(response, .badRequest)
        }
      }
    }
  }

  @Test(
    "dashboard data",
    arguments: [
      ("/api/v1/dashboard/creator?show=night-shift", 200, "creator"),
      ("/api/v1/dashboard/advertiser?advertiser=adv-ledgerly", 200, "advertiser"),
      ("/api/v1/dashboard/ops", 200, "ops"),
      ("/api/v1/dashboard/creator", 400, ""),
      ("/api/v1/dashboard/creator?show=nope", 404, ""),
      ("/api/v1/dashboard/advertiser", 400, ""),
      ("/api/v1/dashboard/advertiser?advertiser=nope", 404, ""),
    ])
  func dashboards(path: String, status: Int, report: String) async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: path, method: .get, headers: fixture.auth) { response in
        if status == 200 {
          #expect(response.status == .ok, "\(String(buffer: response.body))")
          let body = try json(response)
          #expect(body["report"]?.string == report)
          #expect((body["blocks"]?.count ?? 0) > 0)
          #expect(body["title"]?.string?.isEmpty == false)
        } else {
          try expectError(response, HTTPResponse.Status(code: status))
        }
      }
    }
  }

  @Test func matchmakingIsRefusedWith409WhenTheFlagIsOff() async throws {
    let fixture = try ServerFixture()
    let context = #"{"env": "production", "account": {"id": "small"}}"#
      .addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/match/recalculate?context=\(context)", method: .post, headers: fixture.auth
      ) {
        response in
        try expectError(response, .conflict, code: "flag_off")
        let json10 = try json(response)
        #expect(json10["error"]?["message"]?.string?.contains("ENABLE_MATCHMAKING") == true)
      }
    }
  }

  @Test func matchmakingRecalculatesWhenTheFlagIsOn() async throws {
    let fixture = try ServerFixture(importMetrics: true)
    try await fixture.application.test(.router) { client in
      try await client.execute(
        uri: "/api/match/recalculate", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: #"{"context": {"env": "staging"}, "dry_run": true}"#)
      ) { response in
        #expect(response.status == .ok, "\(String(buffer: response.body))")
        let body = try json(response)
        #expect(body["ran"] == .bool(true))
        #expect(body["dry_run"] == .bool(true))
        #expect((body["pairs_evaluated"]?.int ?? 0) > 0)
      }
      try await client.execute(
        uri: "/api/match/recalculate", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: #"{"context": {"env": "staging"}, "rule_set": "nope"}"#)
      ) { response in
        try expectError(response, .badRequest)
      }
      try await client.execute(
        uri: "/api/match/recalculate", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: #"{"context": {"env": "staging"}, "advertisers": ["nope"]}"#)
      ) { response in
        try expectError(response, .notFound)
      }
    }
    #expect(try fixture.sql("SELECT count(*) FROM events WHERE type = 'match.recalculated'") == 0)
  }

  @Test func unknownRoutesUseTheErrorShape() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.router) { client in
      try await client.execute(uri: "/api/v1/nothing", method: .get, headers: fixture.auth) {
        response in
        try expectError(response, .notFound)
      }
    }
  }
}
