import Foundation

/// The package's root directory (the one holding `Package.swift`), for `samples/`, `rules/`,
/// `reports/` and `docs/`.
///
/// Found by walking up from this file, so it works from any test target and any working directory.
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
}
