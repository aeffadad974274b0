import Foundation

/// `.manifest.json` in the output directory: which reports and pages it holds, so a build of some
/// reports can keep the others and still write a complete index.
struct Manifest: Codable {
  struct Page: Codable {
    var title: String
    var file: String
    /// The fingerprint of the page's inputs (``PageHasher``); `nil` in manifests of older builds.
    var hash: String?
    /// The files the page wrote, relative to its report's directory (`x.md`, `x.html`, charts).
    var files: [String]?
    /// The fingerprint of the page's inputs before its queries run (the template, its row and
    /// the markers of the tables it reads); `nil` when its template has none.
    var inputs: String?
  }
  /// The index page's headline figures and the fingerprint of what they were read from.
  struct Headline: Codable {
    var inputs: String?
    var figures: HeadlineFigures
  }
  struct Report: Codable {
    var name: String
    var title: String
    var description: String
    var pages: [Page]
  }

  static let fileName = ".manifest.json"
  var reports: [Report] = []
  var headline: Headline?

  /// The manifest of an existing output directory, or an empty one.
  static func read(from directory: URL) -> Manifest {
    guard let data = try? Data(contentsOf: directory.appendingPathComponent(fileName)),
      let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
    else { return Manifest() }
    return manifest
  }

  func json() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
  }
}
