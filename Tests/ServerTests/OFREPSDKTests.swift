import Application
import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Rules
import Store
import Testing

@testable import Server

/// A real OpenFeature client against a live server: the Python SDK (`openfeature-sdk`) with the
/// OFREP provider (`openfeature-provider-ofrep`), from `.venv` (scripts/setup.sh), runs
/// scripts/ofrep_sdk_check.py; this test checks what the SDK returned. Skipped visibly without
/// `.venv`; required under `CI=true`.
@Suite(.serialized, .timeLimit(.minutes(20))) struct OFREPSDKTests {
  static let python: String? = {
    let path = PackageRoot.appending(".venv/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: path)
    probe.arguments = ["-c", "import openfeature.contrib.provider.ofrep"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return nil }
    probe.waitUntilExit()
    return probe.terminationStatus == 0 ? path : nil
  }()
  static var missing: [String] {
    HostTools.missing(
      ".venv with openfeature-sdk and openfeature-provider-ofrep", unless: python != nil)
  }

  /// Runs the script for `phase` and returns its report, one entry per evaluation.
  static func run(_ phase: String, port: Int, token: String) async throws -> [String: JSONValue] {
    let python = try #require(
      Self.python, "the OpenFeature SDK is missing from .venv under CI=true; run scripts/setup.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [
      PackageRoot.appending("scripts/ofrep_sdk_check.py").path,
      "http://127.0.0.1:\(port)", token, phase,
    ]
    // Output to files, and the wait a polling sleep: the script talks to this process's server,
    // so no thread of the (small) cooperative pool may block on it.
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "ofrep-sdk-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let outputFile = directory.appendingPathComponent("out.json")
    let errorFile = directory.appendingPathComponent("err.txt")
    FileManager.default.createFile(atPath: outputFile.path, contents: nil)
    FileManager.default.createFile(atPath: errorFile.path, contents: nil)
    let output = try FileHandle(forWritingTo: outputFile)
    let errors = try FileHandle(forWritingTo: errorFile)
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let deadline = ContinuousClock.now + .seconds(600)
    while process.isRunning && ContinuousClock.now < deadline {
      try await Task.sleep(for: .milliseconds(100))
    }
    if process.isRunning { process.terminate() }
    process.waitUntilExit()
    try output.close()
    try errors.close()
    let text = try String(contentsOf: outputFile, encoding: .utf8)
    let stderr = try String(contentsOf: errorFile, encoding: .utf8)
    #expect(process.terminationStatus == 0, "ofrep_sdk_check.py failed: \(stderr)")
    guard case .object(let report) = try JSONValue(parsing: text) else {
      Issue.record("not a JSON object: \(text.prefix(500))")
      return [:]
    }
    return report
  }

  /// What `cuesheet flags eval` gives for a Cuesheet context (the same use case it calls).
  static func ownAnswer(_ flag: String, _ context: String, rules: RuleBook) throws -> FlagResult {
    try EvaluateFlag().run(
      .init(rules: rules, rulesSource: "rules", flag: flag, context: context)
    ).result
  }

  @Test(
    .enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func thePythonSDKEvaluatesFlagsThroughOFREP() async throws {
    try HostTools.require(Self.missing)
    let fixture = try ServerFixture(analystFlags: true)
    let rules = try #require(fixture.watcher.book)
    try await fixture.application.test(.live) { client in
      let port = try #require(client.port)
      let report = try await Self.run("first", port: port, token: fixture.token)

      let boolean = try #require(report["boolean"])
      #expect(boolean["value"] == .bool(true), "\(boolean)")
      #expect(boolean["variant"]?.string == "on")
      #expect(boolean["reason"]?.string == "TARGETING_MATCH")
      #expect(boolean["error_code"] == .null)
      #expect(boolean["flag_metadata"]?["cuesheet_reason"]?.string == "TARGETING_MATCH")
      #expect(boolean["flag_metadata"]?["rule_line"]?.int == 10)

      let noMatch = try #require(report["boolean_fallthrough"])
      #expect(noMatch["value"] == .bool(false))
      #expect(noMatch["flag_metadata"]?["cuesheet_reason"]?.string == "DEFAULT")

      #expect(report["string"]?["value"]?.string == "modern")
      #expect(report["string"]?["variant"]?.string == "modern")
      #expect(report["object"]?["value"] == .object(["uplift_percent": .int(15)]))
      #expect(report["object"]?["reason"]?.string == "STATIC")
      #expect(report["object_scheduled_off"]?["value"] == .object(["uplift_percent": .int(0)]))
      #expect(report["object_scheduled_off"]?["reason"]?.string == "DISABLED")
      #expect(
        report["object_scheduled_off"]?["flag_metadata"]?["cuesheet_reason"]?.string
          == "SCHEDULED_OFF")
      #expect(report["disabled"]?["value"] == .bool(false))
      #expect(report["disabled"]?["reason"]?.string == "DISABLED")

      // Rollouts and splits: the SDK gets the variant `flags eval` computes for each account.
      var rollout: Set<String> = []
      var split: Set<String> = []
      for account in (0..<20).map({ "acct-\($0)" }) {
        let context =
          #"{"env": "production", "account": {"id": "\#(account)", "tier": "enterprise"}}"#
        let expected = try Self.ownAnswer("ENABLE_MATCHMAKING", context, rules: rules)
        let got = try #require(report["rollout/\(account)"])
        #expect(got["variant"]?.string == expected.variant, "\(account)")
        #expect(got["value"] == .bool(expected.isOn))
        #expect(got["reason"]?.string == "SPLIT")
        rollout.insert(expected.variant)
        let template = try Self.ownAnswer(
          "IO_TEMPLATE", #"{"env": "production", "account": {"id": "\#(account)"}}"#,
          rules: rules)
        #expect(report["split/\(account)"]?["value"]?.string == template.variant, "\(account)")
        #expect(report["split/\(account)"]?["reason"]?.string == "SPLIT")
        split.insert(template.variant)
      }
      #expect(rollout == ["on", "off"], "20 accounts should land on both sides of a 25% rollout")
      #expect(split == ["classic", "modern"])

      // Failures: the SDK returns the code default with the error code.
      #expect(report["missing_flag"]?["value"]?.string == "code-default")
      #expect(report["missing_flag"]?["error_code"]?.string == "FLAG_NOT_FOUND")
      #expect(report["wrong_token"]?["value"] == .bool(true))
      #expect(report["wrong_token"]?["error_code"]?.string == "GENERAL")
      #expect(report["wrong_token"]?["error_message"]?.string == "unauthorized")
      #expect(report["invalid_context"]?["value"] == .bool(true))
      #expect(report["invalid_context"]?["error_code"]?.string == "INVALID_CONTEXT")
      #expect(report["invalid_context"]?["error_message"]?.string?.contains("email") == true)
      #expect(report["targeting_key_missing"]?["error_code"]?.string == "TARGETING_KEY_MISSING")
      #expect(report["type_mismatch"]?["error_code"]?.string == "TYPE_MISMATCH")
      #expect(report["type_mismatch"]?["value"] == .bool(true))

      // A rule-file reload is seen by the next evaluation.
      let file = fixture.rulesDirectory.appendingPathComponent("tools.rules")
      let text = try String(contentsOf: file, encoding: .utf8)
      try text.replacingOccurrences(of: "enabled false", with: "enabled true")
        .write(to: file, atomically: true, encoding: .utf8)
      #expect(fixture.watcher.poll())
      let reloaded = try await Self.run("reloaded", port: port, token: fixture.token)
      #expect(reloaded["disabled"]?["value"] == .bool(true))
      #expect(reloaded["disabled"]?["reason"]?.string == "STATIC")
      #expect(reloaded["disabled"]?["error_code"] == .null)
    }
  }
}
