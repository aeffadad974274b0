import Foundation
import Testing

/// Compares text with a golden file in `Tests/ReportsTests/Fixtures/Golden/NAME`.
///
/// A missing golden file is recorded and the test fails (review it, then run again);
/// `RECORD_SNAPSHOTS=1 swift test` re-records every golden file.
func assertGolden(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = ReportFixture.testsDirectory.appendingPathComponent("Fixtures/Golden")
    .appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded golden file \(name); review it and run the tests again",
      sourceLocation: sourceLocation)
    return
  }
  if text != expected {
    let got = text.components(separatedBy: "\n"), want = expected.components(separatedBy: "\n")
    let line =
      zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset
      ?? min(got.count, want.count)
    Issue.record(
      "golden file \(name) differs at line \(line + 1):\n  got:  \(line < got.count ? got[line] : "<end>")\n  want: \(line < want.count ? want[line] : "<end>")",
      sourceLocation: sourceLocation)
  }
}
