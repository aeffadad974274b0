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
  }
  struct Report: Codable {
    var name: String
    var title: String
    var description: String
    var pages: [Page]
  }

  static let fileName = ".manifest.json"
  var reports: [Report] = []

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

  /// The index page: every report with a link to each of its pages.
  func indexDocument(provenance: Provenance) -> Document {
    var blocks: [Block] = []
    for report in reports {
      var heading = "## " + MarkdownEscape.escape(report.title)
      if !report.description.isEmpty {
        heading += "\n\n" + MarkdownEscape.escape(report.description)
      }
      blocks.append(.markdown(heading))
      blocks.append(
        .links(
          report.pages.map { Link(title: $0.title, href: "\(report.name)/\($0.file)", note: "") }))
    }
    if reports.isEmpty { blocks.append(.markdown("No reports yet.")) }
    return Document(
      title: "Reports", blocks: blocks, provenance: provenance, reportTitle: "Index",
      indexLink: "index")
  }
}
