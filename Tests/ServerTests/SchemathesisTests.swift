import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Server

/// The HTTP API under a fuzzer: schemathesis (from the test virtual environment, `.venv`, made by
/// `scripts/setup.sh`) runs every operation of docs/openapi.yaml against a live server with a
/// token, in all phases (examples, coverage, fuzzing, stateful) and with all checks; the run must
/// be clean. `CUESHEET_FUZZ_EXAMPLES` sets the examples per operation (20 by default, the CI run;
/// 100 for the full run: `CUESHEET_FUZZ_EXAMPLES=100 swift test --filter SchemathesisTests`).
/// Per-operation allowances (a rejection the schema cannot express) are in
/// scripts/schemathesis.toml, each with its reason.
@Suite(.timeLimit(.minutes(25))) struct SchemathesisTests {
  static let executable: String? = {
    let path = PackageRoot.appending(".venv/bin/schemathesis").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }()
  static var missing: [String] {
    HostTools.missing(".venv/bin/schemathesis", unless: executable != nil)
  }

  @Test(
    .enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func theAPIMatchesItsSpecificationUnderAFuzzer() async throws {
    try HostTools.require(Self.missing)
    let schemathesis = try #require(
      Self.executable,
      "schemathesis is missing under CI=true; scripts/setup.sh installs it in .venv")
    let examples =
      ProcessInfo.processInfo.environment["CUESHEET_FUZZ_EXAMPLES"].flatMap(Int.init) ?? 20
    let fixture = try ServerFixture()
    try await fixture.application.test(.live) { client in
      let port = try #require(client.port)
      let output = fixture.directory.appendingPathComponent("schemathesis.log")
      FileManager.default.createFile(atPath: output.path, contents: nil)
      let handle = try FileHandle(forWritingTo: output)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: schemathesis)
      process.currentDirectoryURL = fixture.directory
      process.arguments = [
        "--config-file",
        PackageRoot.appending("scripts/schemathesis.toml").path,
        "--no-color", "run", PackageRoot.appending("docs/openapi.yaml").path,
        "--url", "http://127.0.0.1:\(port)", "--header", "Authorization: Bearer \(fixture.token)",
        "--checks", "all", "--phases", "examples,coverage,fuzzing,stateful",
        "--max-examples", String(examples), "--seed", "23", "--request-timeout", "30",
      ]
      var environment = ProcessInfo.processInfo.environment
      environment["SCHEMATHESIS_HOOKS"] = nil
      process.environment = environment
      process.standardOutput = handle
      process.standardError = handle
      try process.run()
      let deadline = Date().addingTimeInterval(900)
      while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(200)) }
      if process.isRunning { process.terminate() }
      process.waitUntilExit()
      try handle.close()
      let log = try String(contentsOf: output, encoding: .utf8)
      #expect(
        process.terminationStatus == 0, "schemathesis found problems:\n\(log.suffix(12_000))")
      #expect(log.contains("Tested: "), "\(log.suffix(2000))")
    }
  }
}
