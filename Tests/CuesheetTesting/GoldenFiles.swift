import Foundation
import Testing

/// A folder of golden files (reports, diagnostics, `--help` text) that rendered output is compared
/// with.
///
/// A missing golden file is recorded and the test fails (review it, then run again);
/// `RECORD_SNAPSHOTS=1 swift test` re-records every golden file in every folder.
///
/// ```swift
/// let snapshots = GoldenFiles("Tests/CuesheetCLITests/Snapshots")
/// try snapshots.assertMatches(result.stdout, named: "help-root.txt")
/// ```
public struct GoldenFiles: Sendable {
  /// The one record switch for every golden file.
  public static var recording: Bool {
    ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  }

  public let directory: URL

  /// A folder given relative to the package root.
  public init(_ relative: String) {
    directory = PackageRoot.appending(relative)
  }

  /// Checks `text` against the golden file `name`, reporting the first line that differs.
  public func assertMatches(
    _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = directory.appendingPathComponent(name)
    guard !Self.recording, let expected = try? String(contentsOf: url, encoding: .utf8) else {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded golden file \(name); review it and run the tests again",
        sourceLocation: sourceLocation)
      return
    }
    if text != expected {
      let got = text.components(separatedBy: "\n")
      let want = expected.components(separatedBy: "\n")
      let line =
        zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        ?? min(got.count, want.count)
      Issue.record(
        """
        golden file \(name) differs at line \(line + 1):
          got:  \(line < got.count ? got[line] : "<end>")
          want: \(line < want.count ? want[line] : "<end>")
        """,
        sourceLocation: sourceLocation)
    }
  }
}
