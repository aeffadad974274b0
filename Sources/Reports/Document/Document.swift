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
  /// One card per report family (the index page): its title, summary and pages.
  case cards([Card])
  /// Ranked matches with the score's per-signal parts (`{% matches %}`).
  case matches([MatchRow])
}

/// A table with typed, formatted columns.
public struct TableBlock: Sendable, Equatable {
  public struct Column: Sendable, Equatable {
    public var label: String
    public var format: ValueFormat
    /// Values under this are flagged as at risk (`pacing="Pacing|percent|risk<0.9"`).
    public var riskBelow: Double?
    /// The column or field the cells come from (`total` in `{% table lines total="Line total" %}`).
    public var key: String? = nil
    /// Right-aligned (numbers, money, percentages).
    public var numeric: Bool { format == .number || format == .currency || format == .percent }

    public init(
      label: String, format: ValueFormat, riskBelow: Double? = nil, key: String? = nil
    ) {
      self.label = label
      self.format = format
      self.riskBelow = riskBelow
      self.key = key
    }
  }
  public var columns: [Column]
  /// Cells, already formatted as text.
  public var rows: [[String]]
  /// Shown when there are no rows.
  public var emptyText = "No rows."
  /// The list or SQL block the rows came from (`lines` in `{% table lines … %}`), so a document
  /// renderer can style a table by what it holds rather than by its position.
  public var source: String? = nil
  /// A stable id unique in its page (`table-1`), used for the CSV file name; empty: no CSV.
  public var id = ""
  /// The unformatted values behind `rows` (for the CSV download and risk flags); may be empty.
  public var values: [[TemplateValue]] = []

  public init(
    columns: [Column], rows: [[String]], source: String? = nil, id: String = "",
    values: [[TemplateValue]] = []
  ) {
    self.columns = columns
    self.rows = rows
    self.source = source
    self.id = id
    self.values = values
  }

  /// The threshold of a `risk<NUMBER` column option, or `nil` when the option is not one.
  public static func riskThreshold(_ option: String) -> Double? {
    guard option.hasPrefix("risk<") else { return nil }
    return Double(option.dropFirst(5)).flatMap { $0.isFinite ? $0 : nil }
  }

  /// Whether the cell at `row`, `column` is under its column's risk threshold.
  public func isAtRisk(row: Int, column: Int) -> Bool {
    guard let limit = columns[column].riskBelow, row < values.count, column < values[row].count,
      let value = values[row][column].doubleValue
    else { return false }
    return value < limit
  }

  /// Whether a column's cells should not wrap: dates, and short text without spaces (ids, codes).
  public func isNoWrap(column: Int) -> Bool {
    switch columns[column].format {
    case .date, .number, .currency, .percent: return true
    case .text:
      return rows.allSatisfy { row in
        column < row.count && row[column].count <= 24
          && !row[column].contains(where: \.isWhitespace)
      }
    }
  }
}

/// A report family on the index page.
public struct Card: Sendable, Equatable {
  public var title: String
  /// One line: what the family shows and how many pages it has.
  public var summary: String
  public var links: [Link]
}

/// One ranked match: the show, its score and the parts of the score, largest first.
public struct MatchRow: Sendable, Equatable {
  public struct Part: Sendable, Equatable {
    /// The signal name (`category fit`).
    public var name: String
    /// The signal's value in [0, 1].
    public var value: Double
    /// Its weight in the score, when known.
    public var weight: Double?
  }
  public var rank: Int
  public var show: String
  public var score: Double
  public var parts: [Part]

  /// `category fit 100% (weight 40%), reach 62% (weight 35%)`: the reasons as a person reads them.
  public var reasons: String {
    func percent(_ value: Double) -> String {
      ValueFormat.percent.format(.double(value)).replacingOccurrences(of: ".0%", with: "%")
    }
    return parts.map { part in
      "\(part.name) \(percent(part.value))" + (part.weight.map { " (weight \(percent($0)))" } ?? "")
    }.joined(separator: ", ")
  }
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
  /// The x column's name (`day`), heading the chart's data table.
  public var xName = ""
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
