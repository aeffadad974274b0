import Foundation
import Reports

/// Bounds PDF printing: at most `capacity` WeasyPrint processes at once, each stopped after
/// `timeoutSeconds`. A request beyond the cap is refused at once with 503 `busy` (and
/// `Retry-After`) rather than queued, so PDF requests cannot pile up processes or memory.
final class PDFGate: @unchecked Sendable {
  let capacity: Int
  let timeoutSeconds: Int
  private let lock = NSLock()
  private var running = 0

  init(capacity: Int, timeoutSeconds: Int) {
    self.capacity = max(1, capacity)
    self.timeoutSeconds = max(1, timeoutSeconds)
  }

  /// Runs `body` when a slot is free (it holds the slot until it returns); else throws 503 `busy`.
  func admit<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    let admitted = lock.withLock {
      if running >= capacity { return false }
      running += 1
      return true
    }
    guard admitted else {
      throw APIError(
        .serviceUnavailable, "busy",
        "\(capacity) PDF\(capacity == 1 ? " is" : "s are") being printed already; retry in a few seconds."
      )
    }
    defer { lock.withLock { running -= 1 } }
    return try await body()
  }
}
