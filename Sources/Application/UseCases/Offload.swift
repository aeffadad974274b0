import Foundation

/// Runs a blocking library call (SQLite through a synchronous API, file I/O) off Swift's
/// cooperative threads, so an async caller such as the HTTP server never stalls its event loop.
enum Offload {
  private static let queue = DispatchQueue(
    label: "cuesheet.application.offload", attributes: .concurrent)

  static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
      queue.async { continuation.resume(with: Result { try body() }) }
    }
  }
}
