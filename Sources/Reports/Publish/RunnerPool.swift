import Foundation
import Store

/// The query runners of one build, one per worker, each with its own confined read-only connection
/// and statement cache; and the loop that spreads pages over them.
final class RunnerPool: @unchecked Sendable {
  private let store: CuesheetStore
  private let options: BuildOptions
  private var runners: [QueryRunner]
  private let lock = NSLock()

  init(store: CuesheetStore, options: BuildOptions) throws {
    self.store = store
    self.options = options
    runners = [try QueryRunner(store: store, options: options)]
  }

  /// The first worker's runner, for the queries that run once (provenance, `pages:`).
  var first: QueryRunner { runners[0] }

  /// Runs `body` for `0..<count` on up to ``BuildOptions/workers`` threads and returns the results
  /// in index order. Each call gets the runner of the worker that runs it.
  func map<T: Sendable>(count: Int, _ body: @Sendable (Int, QueryRunner) -> T) -> [T] {
    let workers = max(1, min(options.workers, count))
    if workers == 1 { return (0..<count).map { body($0, first) } }
    let pool = (try? prepare(workers)) ?? [first]
    let results = Slots<T>(count: count)
    let next = Counter()
    DispatchQueue.concurrentPerform(iterations: pool.count) { worker in
      while let index = next.take(below: count) {
        results.set(index, body(index, pool[worker]))
      }
    }
    return results.values
  }

  /// At least `count` runners, opening the missing ones (kept for the rest of the build).
  private func prepare(_ count: Int) throws -> [QueryRunner] {
    lock.lock()
    defer { lock.unlock() }
    while runners.count < count { runners.append(try QueryRunner(store: store, options: options)) }
    return Array(runners.prefix(count))
  }
}

/// Hands out 0, 1, 2… to workers.
private final class Counter: @unchecked Sendable {
  private var value = 0
  private let lock = NSLock()

  func take(below limit: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < limit else { return nil }
    defer { value += 1 }
    return value
  }
}

/// Results written by index from several threads.
private final class Slots<T>: @unchecked Sendable {
  private var storage: [T?]
  private let lock = NSLock()

  init(count: Int) { storage = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: T) {
    lock.lock()
    storage[index] = value
    lock.unlock()
  }

  var values: [T] {
    lock.lock()
    defer { lock.unlock() }
    return storage.map { $0! }
  }
}
