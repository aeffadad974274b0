import Foundation

extension Manifest {
  /// The index page: the network's headline figures, then one card per report family with its
  /// summary and a link to each of its pages. It has no breadcrumb (it is the top).
  func indexDocument(provenance: Provenance, figures: HeadlineFigures) -> Document {
    var blocks: [Block] = [.kpis(figures.kpis)]
    if reports.isEmpty {
      blocks.append(.markdown("No reports yet."))
    } else {
      blocks.append(.cards(reports.map(Self.card)))
    }
    return Document(
      title: "Reports", blocks: blocks, provenance: provenance, reportTitle: "", indexLink: "")
  }

  /// `12 pages. One page per show — audience trend, …`
  static func card(_ report: Report) -> Card {
    let count = report.pages.count
    let pages =
      count == 1 ? "1 page" : "\(ValueFormat.grouped(Int64(count))) pages"
    let summary =
      report.description.isEmpty ? "\(pages)." : "\(pages). \(report.description)"
    return Card(
      title: report.title, summary: summary,
      links: report.pages.map { Link(title: $0.title, href: "\(report.name)/\($0.file)", note: "") }
    )
  }
}
