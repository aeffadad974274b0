import Foundation

/// One rendered page, before it becomes Markdown or HTML: a title, blocks and where it came from.
public struct Document: Sendable, Equatable {
  /// The page title (plain text; renderers escape it).
  public var title: String
  public var blocks: [Block]
  /// When the page was built and from which data, shown in the page footer.
  public var provenance: Provenance
  /// The report this page belongs to, and the link back to the index (without extension).
  public var reportTitle: String
  public var indexLink: String

  public init(
    title: String, blocks: [Block], provenance: Provenance, reportTitle: String, indexLink: String
  ) {
    self.title = title
    self.blocks = blocks
    self.provenance = provenance
    self.reportTitle = reportTitle
    self.indexLink = indexLink
  }
}

/// A block of a ``Document``.
public enum Block: Sendable, Equatable {
  /// Prose as CommonMark; template values inside it are already escaped.
  case markdown(String)
  case table(TableBlock)
  /// A row of big numbers.
  case kpis([KPI])
  case chart(Chart)
  /// A list of links (the index page).
  case links([Link])
}

/// A table with typed, formatted columns.
public struct TableBlock: Sendable, Equatable {
  public struct Column: Sendable, Equatable {
    public var label: String
    public var format: ValueFormat
    /// The column or field the cells come from (`total` in `{% table lines total="Line total" %}`).
    public var key: String? = nil
    /// Right-aligned (numbers, money, percentages).
    public var numeric: Bool { format == .number || format == .currency || format == .percent }
  }
  public var columns: [Column]
  /// Cells, already formatted as text.
  public var rows: [[String]]
  /// Shown when there are no rows.
  public var emptyText = "No rows."
  /// The list or SQL block the rows came from (`lines` in `{% table lines … %}`), so a document
  /// renderer can style a table by what it holds rather than by its position.
  public var source: String? = nil
}

/// A big number with its change against the previous period.
public struct KPI: Sendable, Equatable {
  public var label: String
  public var value: String
  /// The relative change (`0.12` = +12%), when a previous value is known and non-zero.
  public var change: Double?
}

/// A line chart, bar chart or sparkline.
public struct Chart: Sendable, Equatable {
  public enum Kind: String, Sendable { case line, bar, sparkline }
  public struct Series: Sendable, Equatable {
    public var name: String
    public var values: [Double]
  }
  public var kind: Kind
  public var title: String
  /// X-axis labels, one per point.
  public var labels: [String]
  public var series: [Series]
  public var format: ValueFormat
  /// A stable id unique in its page (`chart-1`), used for the SVG file name.
  public var id: String
}

/// A link on the index page.
public struct Link: Sendable, Equatable {
  public var title: String
  /// The target without extension; each renderer adds its own (`.md`, `.html`).
  public var href: String
  public var note: String
}

/// When and from which data a page was built.
public struct Provenance: Sendable, Equatable {
  /// The build time, ISO 8601 UTC.
  public var builtAt: String
  /// The newest completed import, if any.
  public var latestImportID: Int64?
  /// The first and last day in `metrics_daily`, if any.
  public var metricsFirstDay: String?
  public var metricsLastDay: String?
  /// The database file name.
  public var database: String

  /// One line: `Built 25 Nov 2026 20:00 UTC from cuesheet.db: import #12; metrics 1 Oct 2026 – 24 Nov 2026.`
  public var summary: String {
    var parts = ["Built \(ValueFormat.date(builtAt)) from \(database)"]
    var data: [String] = []
    data.append(latestImportID.map { "latest import #\($0)" } ?? "no imports")
    if let first = metricsFirstDay, let last = metricsLastDay {
      data.append("metrics \(ValueFormat.date(first)) – \(ValueFormat.date(last))")
    } else {
      data.append("no metrics")
    }
    parts.append(data.joined(separator: "; "))
    return parts.joined(separator: ": ") + "."
  }
}
