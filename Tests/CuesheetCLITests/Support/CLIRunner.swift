import CuesheetTesting
import Foundation
import Testing

/// The snapshots of rendered CLI output (`--help`, tables).
let snapshots = GoldenFiles("Tests/CuesheetCLITests/Snapshots")

/// Runs the built `cuesheet` executable as a child process, as a user or a cron job would.
struct CLIRunner {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The `cuesheet` binary beside the test bundle in the build folder.
  static var executable: URL {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // On Linux the test runner is `<build>/CuesheetPackageTests.xctest`; on macOS it sits inside
    // the bundle, three levels further down.
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("cuesheet")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("cuesheet")
  }

  /// Runs `cuesheet ARGUMENTS` in `directory` with extra environment variables.
  static func run(
    _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory ?? PackageRoot.url
    var env = ProcessInfo.processInfo.environment
    env["CUESHEET_DB"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

/// A fresh temporary directory, removed when released.
final class TemporaryDirectory {
  let url: URL
  init() throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cuesheet-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(at: url) }
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
