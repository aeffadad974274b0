import Foundation

/// The package's root directory (the one holding `Package.swift`), for `samples/`, `rules/`,
/// `reports/`, `docs/`, `scripts/` and the test targets' own fixture folders.
///
/// Found by walking up from this file, so it works from any test target and any working directory.
/// This is the only place in the tests that derives a path from `#filePath`.
public enum PackageRoot {
  public static let url: URL = {
    var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while directory.path != "/" {
      if FileManager.default.fileExists(
        atPath: directory.appendingPathComponent("Package.swift").path)
      {
        return directory
      }
      directory = directory.deletingLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
  }()

  /// A path inside the package: `PackageRoot.path("samples/shows.csv")`.
  public static func path(_ relative: String) -> String {
    url.appendingPathComponent(relative).path
  }

  /// A URL inside the package: `PackageRoot.appending("rules")`.
  public static func appending(_ relative: String) -> URL {
    url.appendingPathComponent(relative)
  }

  /// The external conformance data: `$CUESHEET_CONFORMANCE_DIR` when set and not empty, else
  /// `../shared/conformance` next to the package.
  public static var conformance: URL {
    if let explicit = ProcessInfo.processInfo.environment["CUESHEET_CONFORMANCE_DIR"],
      !explicit.isEmpty
    {
      return URL(fileURLWithPath: explicit)
    }
    return url.appendingPathComponent("../shared/conformance").standardized
  }
}
