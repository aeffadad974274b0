import Diagnostics
import Foundation
import Rules

/// The rule files the server evaluates, reloaded when they change.
///
/// ``poll()`` compares the files' paths, sizes and modification times with the last load; on a
/// change it loads them again. If the new files fail to load, or no rule file is found at all (an
/// emptied folder), the last good rules stay in force and the errors are passed to `log`.
public final class RuleWatcher: @unchecked Sendable {
  /// The rule paths (files or folders), as given to `--rules`.
  public let paths: [String]
  private let log: @Sendable (String) -> Void
  private let lock = NSLock()
  private var current: RuleBook?
  private var signature: [String] = []
  private var lastError: String?

  public init(paths: [String], log: @escaping @Sendable (String) -> Void = { _ in }) {
    self.paths = paths
    self.log = log
    _ = poll()
  }

  /// The rules in force, or `nil` when none has ever loaded.
  public var book: RuleBook? { lock.withLock { current } }

  /// Why the latest load failed, when it did (the rules in force are then older).
  public var loadError: String? { lock.withLock { lastError } }

  /// Reloads the rules if the files changed; returns true when new rules were loaded.
  @discardableResult
  public func poll() -> Bool {
    let newSignature = Self.signature(of: paths)
    if lock.withLock({ newSignature == signature }) { return false }
    do {
      let book = try RuleLoader.load(paths: paths)
      guard !book.files.isEmpty else { throw NoRuleFiles(paths: paths) }
      lock.withLock {
        current = book
        signature = newSignature
        lastError = nil
      }
      log("rules: loaded \(book.files.count) file(s), \(book.flags.flags.count) flag(s)")
      return true
    } catch {
      let message: String
      if let error = error as? RuleLoadError {
        message = DiagnosticRenderer.render(error.diagnostics, colour: false)
      } else {
        message = "\(error)"
      }
      lock.withLock {
        signature = newSignature
        lastError = message
      }
      log("rules: the rule files failed to load; keeping the last good rules.\n\(message)")
      return false
    }
  }

  /// A load that found no rule file: a failed load, never an empty rule book.
  struct NoRuleFiles: Error, CustomStringConvertible {
    let paths: [String]
    var description: String {
      "no rule file found in \(paths.joined(separator: ", ")); add a .rules file (or point --rules at one)."
    }
  }

  /// Polls every `interval` until the task is cancelled.
  public func run(every interval: Duration = .seconds(2)) async {
    while !Task.isCancelled {
      try? await Task.sleep(for: interval)
      if Task.isCancelled { break }
      poll()
    }
  }

  static func signature(of paths: [String]) -> [String] {
    let files = (try? RuleLoader.files(in: paths)) ?? []
    return files.sorted().map { path in
      let attributes = try? FileManager.default.attributesOfItem(atPath: path)
      let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
      let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
      return "\(path)|\(modified)|\(size)"
    }
  }
}
