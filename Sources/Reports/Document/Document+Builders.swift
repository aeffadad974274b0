/// Building documents in code rather than from a template (e.g. the `cuesheet rules diff` review
/// page), with the same blocks the templates produce.
extension TableBlock {
  /// A table of cells already formatted as text; `columns` are labels and formats.
  public static func cells(
    _ columns: [(label: String, format: ValueFormat)], rows: [[String]],
    emptyText: String = "No rows."
  ) -> TableBlock {
    var table = TableBlock(
      columns: columns.map { Column(label: $0.label, format: $0.format) }, rows: rows)
    table.emptyText = emptyText
    return table
  }
}

extension KPI {
  /// A big number without a previous period.
  public static func figure(_ label: String, _ value: String) -> KPI {
    KPI(label: label, value: value, change: nil)
  }
}

extension Chart {
  /// A bar chart of one or more series over `labels`.
  public static func bars(
    title: String, labels: [String], series: [(name: String, values: [Double])],
    format: ValueFormat = .number, id: String
  ) -> Chart {
    Chart(
      kind: .bar, title: title, labels: labels,
      series: series.map { Series(name: $0.name, values: $0.values) }, format: format, id: id)
  }
}

extension Provenance {
  /// When a page was built and from which data.
  public static func of(
    builtAt: String, database: String, latestImportID: Int64?, metricsFirstDay: String?,
    metricsLastDay: String?
  ) -> Provenance {
    Provenance(
      builtAt: builtAt, latestImportID: latestImportID, metricsFirstDay: metricsFirstDay,
      metricsLastDay: metricsLastDay, database: database)
  }
}
