import Foundation

/// Finding and running a headless Chromium (the live browser tests use it).
enum Browser {
  static func find() -> String? {
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for directory in ["/usr/bin", "/usr/local/bin", "/snap/bin"] {
        let path = directory + "/" + name
        if FileManager.default.isExecutableFile(atPath: path) { return path }
      }
    }
    return nil
  }

  /// Runs Chromium headless with `arguments`, at most 60 seconds.
  static func run(_ chromium: String, _ arguments: [String], profile: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments =
      [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--user-data-dir=\(profile)",
      ]
      + arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(50_000) }
    if process.isRunning { process.terminate() }
  }
}
