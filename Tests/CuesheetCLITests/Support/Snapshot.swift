import Foundation
import Testing

/// Compares text with a golden file in `Tests/CuesheetCLITests/Snapshots/NAME`.
///
/// A missing golden file is recorded and the test fails (review it, then run again);
/// `RECORD_SNAPSHOTS=1 swift test` re-records every snapshot.
func assertSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent(name)
  let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
  guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    Issue.record(
      "recorded snapshot \(name); review it and run the tests again", sourceLocation: sourceLocation
    )
    return
  }
  #expect(text == expected, "snapshot \(name) differs", sourceLocation: sourceLocation)
}
