import Diagnostics
import Foundation
import Rules

/// Reads the rule files of each side of a diff: files on disk, or the same paths at a git revision.
///
/// A revision is read with `git show REV:path` (and `git ls-tree` for folders): nothing is checked
/// out and the work tree is left alone. A path absent at the revision is a file the change adds,
/// so the base side simply has no such file.
enum RuleSources {
  /// The `.rules` and `.test` files under `paths` (see ``RuleLoader/files(in:)``), read from disk.
  static func files(_ paths: [String]) throws -> [SourceFile] {
    let names: [String]
    do {
      names = try RuleLoader.files(in: paths)
    } catch let error as RuleFileReadError {
      throw RulesDiffError.cannotRead(path: error.path, reason: error.reason)
    }
    return try names.map { path in
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw RulesDiffError.cannotRead(path: path, reason: "it is missing or not UTF-8 text")
      }
      return SourceFile(name: path, text: text)
    }
  }

  /// True when `path` (a file or folder) is inside a git work tree.
  static func isInGitWorkTree(_ path: String) -> Bool {
    guard let directory = try? directoryOf(path),
      let result = try? Git.run(["rev-parse", "--is-inside-work-tree"], in: directory)
    else { return false }
    return result.status == 0
      && result.output.trimmingCharacters(in: .whitespacesAndNewlines) == "true"
  }

  /// The rule files under `paths` as they were at `revision` of their git repository, named
  /// `REV:path/in/repo.rules` in diagnostics.
  static func files(_ paths: [String], atRevision revision: String) throws -> [SourceFile] {
    guard let first = paths.first else { return [] }
    let firstDirectory = try directoryOf(first)
    let topLevel = try Git.run(["rev-parse", "--show-toplevel"], in: firstDirectory)
    guard topLevel.status == 0 else { throw RulesDiffError.notAGitWorkTree(path: first) }
    let repository = topLevel.output.trimmingCharacters(in: .whitespacesAndNewlines)
    // `--end-of-options` keeps a revision such as `--all` from being read as an option.
    let verify = try Git.run(
      ["rev-parse", "--verify", "--quiet", "--end-of-options", "\(revision)^{commit}"],
      in: firstDirectory)
    guard verify.status == 0 else {
      throw RulesDiffError.unknownRevision(revision, repository: repository)
    }
    let commit = verify.output.trimmingCharacters(in: .whitespacesAndNewlines)

    var names: [String] = []
    var seen: Set<String> = []
    for path in paths {
      var isDirectory: ObjCBool = false
      let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      let directory = try directoryOf(path)
      let prefixResult = try Git.run(["rev-parse", "--show-prefix"], in: directory)
      guard prefixResult.status == 0 else { throw RulesDiffError.notAGitWorkTree(path: path) }
      let prefix = prefixResult.output.trimmingCharacters(in: .newlines)
      if exists && isDirectory.boolValue {
        // The folder's entries at the revision (not recursive), as repository paths.
        let listing = try Git.run(
          ["ls-tree", "--full-tree", "--name-only", "-z", commit]
            + (prefix.isEmpty ? [] : ["--", prefix]),
          in: repository)
        guard listing.status == 0 else {
          throw RulesDiffError.gitFailed(
            command: "git ls-tree \(revision) \(prefix)", message: listing.error)
        }
        let entries = listing.output.split(separator: "\0").map(String.init).sorted()
        for entry in entries where entry.hasSuffix(".rules") || entry.hasSuffix(".test") {
          if seen.insert(entry).inserted { names.append(entry) }
        }
      } else {
        let entry = prefix + (path as NSString).lastPathComponent
        if seen.insert(entry).inserted { names.append(entry) }
      }
    }
    var sources: [SourceFile] = []
    for name in names {
      let shown = try Git.run(["show", "\(commit):\(name)"], in: repository)
      // Absent at the revision: a file the change adds.
      guard shown.status == 0 else { continue }
      sources.append(SourceFile(name: "\(revision):\(name)", text: shown.output))
    }
    return sources
  }

  /// The folder a path is in (the path itself for a folder), which must exist.
  private static func directoryOf(_ path: String) throws -> String {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      return path
    }
    let parent = (path as NSString).deletingLastPathComponent
    let directory = parent.isEmpty ? "." : parent
    guard FileManager.default.fileExists(atPath: directory) else {
      throw RulesDiffError.cannotRead(path: path, reason: "no such file or folder")
    }
    return directory
  }
}

/// Runs `git` and collects what it printed.
enum Git {
  struct Result {
    let status: Int32
    let output: String
    let error: String
  }

  static func run(_ arguments: [String], in directory: String) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["git"] + arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["GIT_TERMINAL_PROMPT"] = "0"
    environment["LC_ALL"] = "C"
    process.environment = environment
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
    } catch {
      throw RulesDiffError.gitFailed(
        command: "git \(arguments.first ?? "")", message: "git could not be started (\(error))")
    }
    // Read standard error concurrently, so neither pipe can fill up and block git.
    let errorData = ErrorBuffer()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errorData.data = errors.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let data = output.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    if process.terminationReason == .exit, process.terminationStatus == 127 {
      throw RulesDiffError.gitFailed(
        command: "git \(arguments.first ?? "")", message: "git is not installed")
    }
    return Result(
      status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
      error: String(decoding: errorData.data, as: UTF8.self).trimmingCharacters(
        in: .whitespacesAndNewlines))
  }

  private final class ErrorBuffer: @unchecked Sendable {
    var data = Data()
  }
}
