import Foundation
import Testing

/// `cuesheet lsp` driven end to end by a real LSP client: scripts/lsp_e2e_test.py (pytest-lsp on
/// pygls) starts the built binary, opens a broken file, checks the diagnostic's range, fixes it,
/// completes after `show.`, hovers a field, goes to a `let`, formats a file, and checks the exit
/// code after shutdown and exit.
///
/// Needs `.venv` (scripts/setup.sh) with pytest-lsp; skipped visibly without it, except on CI
/// (`CI=true`) where it must run.
@Suite("LSP end to end through pytest-lsp")
struct LSPClientTests {
  static let root = URL(fileURLWithPath: packageRoot)
  static let python = root.appendingPathComponent(".venv/bin/python").path

  static var available: Bool {
    if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
    guard FileManager.default.isExecutableFile(atPath: python) else { return false }
    let lib = root.appendingPathComponent(".venv/lib").path
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []
    return versions.contains { version in
      FileManager.default.fileExists(atPath: "\(lib)/\(version)/site-packages/pytest_lsp")
    }
  }

  /// The `cuesheet` binary beside the test bundle in the build folder.
  static var executable: String {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("cuesheet")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate.path }
      directory = directory.deletingLastPathComponent()
    }
    return directory.appendingPathComponent("cuesheet").path
  }

  @Test(.enabled(if: available, "no .venv with pytest-lsp; run scripts/setup.sh"))
  func editSession() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [
      "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o",
      "asyncio_default_fixture_loop_scope=function",
      Self.root.appendingPathComponent("scripts/lsp_e2e_test.py").path,
    ]
    process.currentDirectoryURL = Self.root
    var environment = ProcessInfo.processInfo.environment
    environment["CUESHEET_BINARY"] = Self.executable
    process.environment = environment
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(text.contains("1 passed"), "\(text)")
  }
}
