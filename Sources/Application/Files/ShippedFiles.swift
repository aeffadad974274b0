import Foundation

/// Finds the folders Cuesheet ships with the binary (`rules/`, `samples/`, `reports/`), so
/// commands work from any directory (#14).
///
/// Lookup order, first hit wins: the command's option → the `CUESHEET_*` setting
/// (`CUESHEET_RULES`, `CUESHEET_SAMPLES`, `CUESHEET_REPORTS`) → the folder of that name in the
/// current directory → the shipped copy. The shipped copy is looked for beside the executable:
/// `<prefix>/share/cuesheet/<name>` for a binary installed by `make install PREFIX=<prefix>` as
/// `<prefix>/bin/cuesheet`, else the checkout the binary was built in
/// (`<checkout>/.build/<config>/cuesheet`, recognised by its `Package.swift` and `rules/flags.rules`).
/// There is no second copy in git: the installed files are copied from the checkout by `make
/// install`, the build tree reads the checkout itself.
///
/// ```swift
/// let reports = ShippedFiles.locate(.reports, option: nil)
/// // reports?.path == "/usr/local/share/cuesheet/reports", reports?.source == .shipped
/// ```
public enum ShippedFiles {
  /// A folder Cuesheet ships.
  public enum Folder: String, Sendable, CaseIterable {
    case rules, samples, reports

    /// The setting that points at it (`CUESHEET_REPORTS`).
    public var setting: String { "CUESHEET_\(rawValue.uppercased())" }
  }

  /// Where a folder was found.
  public enum Source: String, Sendable, Encodable {
    case option
    case setting
    case currentDirectory = "current directory"
    case shipped = "shipped copy"
  }

  /// A folder and where it came from.
  public struct Located: Sendable, Equatable, Encodable {
    public let path: String
    public let source: Source

    public init(path: String, source: Source) {
      self.path = path
      self.source = source
    }

    /// `reports (current directory)`, `/usr/local/share/cuesheet/reports (shipped copy)`.
    public var description: String { "\(path) (\(source.rawValue))" }
  }

  /// The folder by the lookup order; an option or setting is taken as given (a missing one is the
  /// command's error to report), the current directory and shipped copy only when they exist.
  /// `nil` when none provides one.
  public static func locate(
    _ folder: Folder, option: String?,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executable: URL? = Bundle.main.executableURL
  ) -> Located? {
    if let option { return Located(path: option, source: .option) }
    if let setting = environment[folder.setting], !setting.isEmpty {
      return Located(path: setting, source: .setting)
    }
    if isDirectory((currentDirectory as NSString).appendingPathComponent(folder.rawValue)) {
      return Located(path: folder.rawValue, source: .currentDirectory)
    }
    for root in shippedRoots(executable: executable) {
      let path = root.appendingPathComponent(folder.rawValue).path
      if isDirectory(path) { return Located(path: path, source: .shipped) }
    }
    return nil
  }

  /// The directories that may hold the shipped folders, nearest first.
  static func shippedRoots(executable: URL?) -> [URL] {
    guard let executable else { return [] }
    // The path as invoked and its target: a symlink in a bin/ folder to a build tree works too.
    let invoked = executable.deletingLastPathComponent()
    let binDirectory = executable.resolvingSymlinksInPath().deletingLastPathComponent()
    var roots = [invoked, binDirectory].map {
      $0.deletingLastPathComponent().appendingPathComponent("share/cuesheet")
    }
    // A build tree: <checkout>/.build/<triple>/<config>/cuesheet or <checkout>/.build/<config>/….
    var directory = binDirectory
    for _ in 0..<4 {
      directory = directory.deletingLastPathComponent()
      let manifest = directory.appendingPathComponent("Package.swift").path
      let flags = directory.appendingPathComponent("rules/flags.rules").path
      if FileManager.default.fileExists(atPath: manifest)
        && FileManager.default.fileExists(atPath: flags)
      {
        roots.append(directory)
        break
      }
    }
    return roots
  }

  static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
