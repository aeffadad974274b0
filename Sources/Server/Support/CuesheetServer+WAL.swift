import Foundation
import Store

extension CuesheetServer {
  /// Checkpoints and truncates the database's WAL every `interval` until the task is cancelled,
  /// so the log file does not keep the size of the largest import (``CuesheetStore/checkpointWAL()``).
  public func maintainWAL(every interval: Duration = .seconds(300)) async {
    while !Task.isCancelled {
      try? await Task.sleep(for: interval)
      if Task.isCancelled { break }
      await checkpointWAL()
    }
  }

  /// One checkpoint, through GRDB's async write; a failure is retried at the next one.
  func checkpointWAL() async {
    _ = try? await store.checkpointWAL()
  }
}
