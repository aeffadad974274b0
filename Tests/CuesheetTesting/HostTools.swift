import Foundation

/// The one way a test depends on a tool of the host (Chromium, chromedriver, WeasyPrint, poppler's
/// pdftotext and friends, `.venv` with its Python packages, the built `cuesheet` executable, a
/// conformance folder).
///
/// Outside CI a test whose tools are missing is skipped with the reason; under `CI=true` it runs
/// and fails, naming what is missing, because CI installs everything (`scripts/setup.sh`) and a
/// green run must mean the test ran:
///
/// ```swift
/// @Test(.enabled(if: HostTools.shouldRun(missing: PDFTools.missing), "\(HostTools.skipReason(PDFTools.missing))"))
/// func pdf() throws {
///   try HostTools.require(PDFTools.missing)
///   …
/// }
/// ```
public enum HostTools {
  /// Whether this is a CI run (`CI=true`), where nothing may be skipped for a missing tool.
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// The condition for `.enabled(if:)`: true when nothing is missing, and always under `CI=true`
  /// (the test then fails in ``require(_:)``).
  public static func shouldRun(missing: [String]) -> Bool { missing.isEmpty || isCI }

  /// The comment a skipped test shows.
  public static func skipReason(_ missing: [String]) -> String {
    "\(missing.joined(separator: ", ")) missing; run scripts/setup.sh (required under CI=true)"
  }

  /// Throws ``MissingToolError`` (failing the test) when anything is missing.
  public static func require(_ missing: [String]) throws {
    if !missing.isEmpty { throw MissingToolError(missing: missing, underCI: isCI) }
  }

  /// The path of executable `name` on `PATH` (then `/usr/bin`, `/bin`), or `nil`.
  public static func executable(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin"])
      .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }

  /// `name` when `present` is false, for building a list of what is missing.
  public static func missing(_ name: String, unless present: Bool) -> [String] {
    present ? [] : [name]
  }
}

/// A test needs tools the host does not have.
public struct MissingToolError: Error, CustomStringConvertible {
  public let missing: [String]
  public let underCI: Bool

  public var description: String {
    let what = missing.joined(separator: ", ")
    return underCI
      ? "CI=true but \(what) missing: a CI run must not skip this test (did scripts/setup.sh fail?)"
      : "\(what) missing; run scripts/setup.sh"
  }
}
