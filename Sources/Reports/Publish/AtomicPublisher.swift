import Foundation

/// Publishes a directory atomically: everything is written into a staging directory beside the
/// target, which replaces the target only when the whole build succeeded.
///
/// A failed build removes its staging directory and leaves the previous output untouched.
struct AtomicPublisher {
  let target: URL
  let staging: URL
  private let fileManager = FileManager.default

  init(target: String) throws {
    self.target = URL(fileURLWithPath: target).standardizedFileURL
    let parent = self.target.deletingLastPathComponent()
    staging = parent.appendingPathComponent(
      ".\(self.target.lastPathComponent).staging-\(UUID().uuidString)")
    do {
      try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
    } catch {
      throw ReportError.io(
        path: staging.path,
        message: "cannot create the staging directory (\(error.localizedDescription))")
    }
  }

  /// Writes `contents` at `relativePath` inside the staging directory.
  func write(_ contents: String, to relativePath: String) throws {
    let url = staging.appendingPathComponent(relativePath)
    do {
      try fileManager.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(contents.utf8).write(to: url)
    } catch {
      throw ReportError.io(path: url.path, message: "cannot write (\(error.localizedDescription))")
    }
  }

  /// Creates `relativePath` (a report's directory) in staging, before pages are written into it.
  func makeDirectory(_ relativePath: String) {
    try? fileManager.createDirectory(
      at: staging.appendingPathComponent(relativePath), withIntermediateDirectories: true)
  }

  /// Keeps files of the current output: hard-links each of `relativePaths` from the target into
  /// staging (copying where a link cannot be made), so an unchanged page is not rewritten.
  ///
  /// Returns false, keeping nothing, when a file is missing; with `partial`, keeps the files that
  /// exist and returns whether there was any.
  func keep(_ relativePaths: [String], partial: Bool = false) -> Bool {
    let existing = relativePaths.filter {
      fileManager.fileExists(atPath: target.appendingPathComponent($0).path)
    }
    if existing.isEmpty || (!partial && existing.count != relativePaths.count) { return false }
    for path in existing {
      let from = target.appendingPathComponent(path)
      let to = staging.appendingPathComponent(path)
      if link(from.path, to.path) == 0 { continue }
      try? fileManager.createDirectory(
        at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      try? fileManager.removeItem(at: to)
      if link(from.path, to.path) != 0 {
        do { try fileManager.copyItem(at: from, to: to) } catch { return false }
      }
    }
    return true
  }

  /// Carries `relativePath` over from the current output into staging (reports not rebuilt this
  /// time): hard-linked file by file, as ``keep(_:partial:)`` does (nothing writes into a report
  /// that is carried over), or copied where a link cannot be made.
  func carryOver(_ relativePath: String) throws {
    let from = target.appendingPathComponent(relativePath)
    guard fileManager.fileExists(atPath: from.path) else { return }
    let to = staging.appendingPathComponent(relativePath)
    try? fileManager.removeItem(at: to)
    do {
      try fileManager.createDirectory(
        at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      do {
        try fileManager.linkItem(at: from, to: to)
      } catch {
        try? fileManager.removeItem(at: to)
        try fileManager.copyItem(at: from, to: to)
      }
    } catch {
      throw ReportError.io(
        path: from.path, message: "cannot copy the previous output (\(error.localizedDescription))")
    }
  }

  /// Swaps staging into place: the old output is renamed aside, staging renamed in, the old removed.
  func commit() throws {
    let old = target.deletingLastPathComponent().appendingPathComponent(
      ".\(target.lastPathComponent).old-\(UUID().uuidString)")
    let hadOld = fileManager.fileExists(atPath: target.path)
    do {
      if hadOld { try fileManager.moveItem(at: target, to: old) }
      do {
        try fileManager.moveItem(at: staging, to: target)
      } catch {
        if hadOld { try? fileManager.moveItem(at: old, to: target) }
        throw error
      }
    } catch {
      throw ReportError.io(
        path: target.path, message: "cannot publish the output (\(error.localizedDescription))")
    }
    if hadOld { try? fileManager.removeItem(at: old) }
  }

  /// Holds an exclusive lock (`flock`) on `.<target>.lock` beside the target while `body` runs, so
  /// two builds into the same directory (overlapping `reports run --due` building different
  /// reports) publish one after the other and neither loses the other's pages.
  static func withLock<T>(target: String, _ body: () throws -> T) throws -> T {
    let url = URL(fileURLWithPath: target).standardizedFileURL
    let parent = url.deletingLastPathComponent()
    try? FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    let lockPath = parent.appendingPathComponent(".\(url.lastPathComponent).lock").path
    let descriptor = open(lockPath, O_CREAT | O_RDWR, 0o644)
    guard descriptor >= 0 else {
      throw ReportError.io(path: lockPath, message: "cannot open the output lock file")
    }
    defer { close(descriptor) }
    guard flock(descriptor, LOCK_EX) == 0 else {
      throw ReportError.io(path: lockPath, message: "cannot lock the output directory")
    }
    defer { flock(descriptor, LOCK_UN) }
    return try body()
  }

  /// Removes the staging directory after a failure.
  func abandon() {
    try? fileManager.removeItem(at: staging)
  }
}
