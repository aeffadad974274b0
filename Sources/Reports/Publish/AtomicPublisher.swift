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

  /// Copies `relativePath` from the current output into staging (reports not rebuilt this time).
  func carryOver(_ relativePath: String) throws {
    let from = target.appendingPathComponent(relativePath)
    guard fileManager.fileExists(atPath: from.path) else { return }
    let to = staging.appendingPathComponent(relativePath)
    try? fileManager.removeItem(at: to)
    do {
      try fileManager.createDirectory(
        at: to.deletingLastPathComponent(), withIntermediateDirectories: true)
      try fileManager.copyItem(at: from, to: to)
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
