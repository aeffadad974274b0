import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

/// Every OFREP answer, for valid and invalid requests, checked against the protocol's own OpenAPI
/// definition (`$CUESHEET_CONFORMANCE_DIR/ofrep/openapi.yaml`, default `../shared/conformance`,
/// read in place) by scripts/check_ofrep_schema.py: the status is one the operation declares, the
/// body is valid under the declared schema, a bulk 200 has an ETag and a 304 no body.
///
/// Needs `.venv` (PyYAML, jsonschema) and the conformance folder; skipped visibly without them,
/// except under `CI=true`.
@Suite(.timeLimit(.minutes(20))) struct OFREPSchemaTests {
  static let python = PackageRoot.appending(".venv/bin/python").path
  static let definition: URL = {
    PackageRoot.conformance.appendingPathComponent("ofrep/openapi.yaml")
  }()
  static var missing: [String] {
    HostTools.missing(".venv", unless: FileManager.default.isExecutableFile(atPath: python))
      + HostTools.missing(
        "the OFREP definition \(definition.path) (set CUESHEET_CONFORMANCE_DIR)",
        unless: FileManager.default.fileExists(atPath: definition.path))
  }

  /// One response to check.
  struct Case: Encodable {
    let name: String
    let method = "POST"
    let path: String
    let status: Int
    let headers: [String: String]
    let body: String
  }

  @Test(
    .enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func everyAnswerMatchesTheProtocolDefinition() async throws {
    try HostTools.require(Self.missing)
    #expect(
      FileManager.default.fileExists(atPath: Self.definition.path),
      "the OFREP definition is missing at \(Self.definition.path)")
    let fixture = try ServerFixture()
    let single = "/ofrep/v1/evaluate/flags/{key}"
    let bulk = "/ofrep/v1/evaluate/flags"
    let contexts = [
      #"{"targetingKey": "acme", "env": "production"}"#,
      #"{"targetingKey": "acme", "env": "staging", "account.tier": "enterprise"}"#,
      #"{"targetingKey": "network", "env": "production", "now": "2026-12-20T00:00:00Z"}"#,
      #"{"targetingKey": "acme", "now": "2027-03-01T00:00:00Z"}"#,
      #"{"env": "production", "account": {"tier": "enterprise"}}"#,
      #"{"env": "ci"}"#,
    ]
    // (name, path template, uri, body, extra headers)
    var requests: [(String, String, String, String, HTTPFields)] = []
    for (index, context) in contexts.enumerated() {
      for flag in fixture.watcher.book!.flags.flags.map(\.name) {
        requests.append(
          (
            "\(flag) in context \(index)", single, "/ofrep/v1/evaluate/flags/\(flag)",
            #"{"context": \#(context)}"#, [:]
          ))
      }
      requests.append(("bulk in context \(index)", bulk, bulk, #"{"context": \#(context)}"#, [:]))
    }
    let invalid: [(String, String)] = [
      ("not JSON", "{"), ("an array", "[]"), ("context not an object", #"{"context": "x"}"#),
      ("unknown attributes", #"{"context": {"targetingKey": "a", "email": "x"}}"#),
      ("targetingKey a number", #"{"context": {"targetingKey": 12}}"#),
      ("bad now", #"{"context": {"now": "soon"}}"#),
      ("empty body", ""),
    ]
    for (name, body) in invalid {
      requests.append(
        ("single, \(name)", single, "/ofrep/v1/evaluate/flags/IO_TEMPLATE", body, [:]))
      requests.append(("bulk, \(name)", bulk, bulk, body, [:]))
    }
    requests.append(
      ("unknown flag", single, "/ofrep/v1/evaluate/flags/NO_SUCH_FLAG", #"{"context": {}}"#, [:]))
    let allRequests = requests
    let cases: [Case] = try await fixture.application.test(.router) { client in
      var cases: [Case] = []
      for (name, path, uri, body, extra) in allRequests {
        cases.append(
          try await client.execute(
            uri: uri, method: .post, headers: fixture.headers(extra),
            body: ByteBuffer(string: body)
          ) { response in
            Case(
              name: name, path: path, status: Int(response.status.code),
              headers: Dictionary(
                response.headers.map { ($0.name.canonicalName, $0.value) },
                uniquingKeysWith: { first, _ in first }),
              body: String(buffer: response.body))
          })
      }
      // The bulk answer's ETag, sent back: 304 with no body.
      let first = try #require(cases.first { $0.path == bulk && $0.status == 200 })
      let etag = try #require(first.headers["etag"])
      cases.append(
        try await client.execute(
          uri: bulk, method: .post, headers: fixture.headers([.ifNoneMatch: etag]),
          body: ByteBuffer(string: #"{"context": \#(contexts[0])}"#)
        ) { response in
          Case(
            name: "bulk with If-None-Match", path: bulk, status: Int(response.status.code),
            headers: [:], body: String(buffer: response.body))
        })
      // Without a token: 401, which the definition declares (without a body schema).
      cases.append(
        try await client.execute(
          uri: "/ofrep/v1/evaluate/flags/IO_TEMPLATE", method: .post,
          body: ByteBuffer(string: #"{"context": {}}"#)
        ) { response in
          Case(
            name: "no token", path: single, status: Int(response.status.code), headers: [:],
            body: String(buffer: response.body))
        })
      return cases
    }
    #expect(cases.contains { $0.status == 304 })
    #expect(Set(cases.map(\.status)).isSuperset(of: [200, 304, 400, 401, 404]))

    let file = fixture.directory.appendingPathComponent("ofrep-cases.json")
    try JSONEncoder().encode(cases).write(to: file)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [
      PackageRoot.appending("scripts/check_ofrep_schema.py").path,
      Self.definition.path, file.path,
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("\(cases.count) responses match"), "\(text)")
  }
}
