import Foundation
import Ingest

extension ImportCommand {
  /// A one-line progress bar on stderr: rows, rows per second, percent of bytes. Terminal only.
  final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    func update(_ progress: ImportProgress) {
      lock.lock()
      defer { lock.unlock() }
      let now = Date()
      guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
      lastDraw = now
      let elapsed = max(now.timeIntervalSince(started), 0.001)
      let fraction =
        progress.totalBytes > 0
        ? min(1, Double(progress.bytesRead) / Double(progress.totalBytes)) : 0
      let width = 30
      let filled = Int(fraction * Double(width))
      let bar =
        String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
      let line = String(
        format: "\r%@ [%@] %3.0f%%  %d rows  %.0f rows/s", progress.kind.rawValue, bar,
        fraction * 100, progress.rows, Double(progress.rows) / elapsed)
      FileHandle.standardError.write(Data(line.utf8))
      drawn = true
    }

    /// Clears the bar's line.
    func finish() {
      lock.lock()
      defer { lock.unlock() }
      if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
  }
}
