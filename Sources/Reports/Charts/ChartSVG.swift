import Foundation

/// Draws a ``Chart`` as a self-contained SVG (no scripts, no external resources) that cannot clip.
///
/// Every label is measured with ``TextWidth`` before it is placed: margins grow to fit the widest
/// value label, category labels are thinned, shortened with "…" (the full text in a `<title>`
/// tooltip) or moved to a horizontal bar layout, so no text leaves the drawing. Value axes have 5–7
/// nice ticks in a compact format (``AxisScale``); ISO dates read like the tables (`5 Nov`).
/// Each SVG has a `<title>` and a `<desc>` summarising the data; HTML pages add a data table.
///
/// Colours come from classes defined in the SVG's own `<style>`, with a dark variant under
/// `prefers-color-scheme: dark`, so the same file works inline in HTML and beside a Markdown page.
/// Coordinates are printed with one decimal, so output is byte-stable.
enum ChartSVG {
  static let palette = ["#2563eb", "#db2777", "#059669", "#d97706"]
  /// The text size in SVG units; pages never draw a chart smaller than its width (see `Layout`).
  static let fontSize = 12.0

  /// The widths a chart is laid out at: `wide` for desktop pages and SVG files, `narrow` for phones.
  enum Layout: Sendable {
    case wide, narrow
    var width: Double { self == .wide ? 720 : 360 }
  }

  static let style = """
    <style>.cs-grid{stroke:#d4d4d8;stroke-width:1}.cs-axis{stroke:#a1a1aa;stroke-width:1}\
    .cs-text{fill:#52525b;font-size:12px;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif}\
    .cs-s0{stroke:#2563eb;fill:#2563eb}.cs-s1{stroke:#db2777;fill:#db2777}.cs-s2{stroke:#059669;fill:#059669}\
    .cs-s3{stroke:#d97706;fill:#d97706}.cs-line{fill:none;stroke-width:2}\
    @media (prefers-color-scheme:dark){.cs-grid{stroke:#3f3f46}.cs-text{fill:#a1a1aa}\
    .cs-s0{stroke:#60a5fa;fill:#60a5fa}.cs-s1{stroke:#f472b6;fill:#f472b6}}</style>
    """

  /// The SVG for `chart` at `layout`.
  static func svg(_ chart: Chart, layout: Layout = .wide) -> String {
    switch chart.kind {
    case .sparkline: return sparkline(chart)
    case .line: return columns(chart, layout: layout)
    case .bar:
      return usesRows(chart, layout: layout)
        ? rows(chart, layout: layout) : columns(chart, layout: layout)
    }
  }

  // MARK: - Shared pieces

  static func n(_ value: Double) -> String { String(format: "%.1f", value) }

  static func escape(_ text: String) -> String { HTMLEscape.escape(text) }

  static func open(_ chart: Chart, width: Double, height: Double, cssClass: String, suffix: String)
    -> String
  {
    let id = "\(chart.id)\(suffix)"
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" "
      + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" "
      + "aria-labelledby=\"\(id)-title \(id)-desc\">"
      + "<title id=\"\(id)-title\">\(escape(chart.title))</title>"
      + "<desc id=\"\(id)-desc\">\(escape(description(chart)))</desc>" + style
  }

  /// A text element; `full` (when longer than the drawn text) becomes its tooltip.
  static func text(
    _ shown: String, full: String? = nil, x: Double, y: Double, anchor: String = "middle",
    transform: String? = nil
  ) -> String {
    var out = "<text class=\"cs-text\" x=\"\(n(x))\" y=\"\(n(y))\""
    if anchor != "start" { out += " text-anchor=\"\(anchor)\"" }
    if let transform { out += " transform=\"\(transform)\"" }
    out += ">"
    if let full, full != shown { out += "<title>\(escape(full))</title>" }
    return out + escape(shown) + "</text>"
  }

  /// A series name as people read it: `downloads` → `Downloads`, `weighted_cents` → `Weighted cents`.
  static func seriesName(_ name: String) -> String {
    let spaced = name.replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }

  /// Whether every label is an ISO date (`2026-11-05`).
  static func isDateAxis(_ labels: [String]) -> Bool {
    !labels.isEmpty
      && labels.allSatisfy { label in
        label.count == 10 && ValueFormat.date(label) != label
      }
  }

  /// Category labels as drawn (`5 Nov`, or `5 Nov 2026` across years) and in full (`5 Nov 2026`).
  static func categoryLabels(_ chart: Chart) -> (short: [String], full: [String]) {
    guard isDateAxis(chart.labels) else { return (chart.labels, chart.labels) }
    let full = chart.labels.map(ValueFormat.date)
    let oneYear = Set(chart.labels.map { $0.prefix(4) }).count == 1
    let short = full.map {
      oneYear ? String($0.split(separator: " ").prefix(2).joined(separator: " ")) : $0
    }
    return (short, full)
  }

  /// One sentence for `<desc>`: what is drawn, over which range, and each series' extremes.
  static func description(_ chart: Chart) -> String {
    let names = chart.series.map { seriesName($0.name) }
    let kind = chart.kind == .bar ? "Bar chart" : chart.kind == .line ? "Line chart" : "Sparkline"
    var out = "\(kind) of \(names.joined(separator: " and "))"
    let labels = categoryLabels(chart).full
    if let first = labels.first, let last = labels.last, labels.count > 1 {
      out += ", \(labels.count) points from \(first) to \(last)"
    } else if labels.count == 1 {
      out += ", one point (\(labels[0]))"
    } else if chart.series.allSatisfy(\.values.isEmpty) {
      out += "; no data"
    }
    out += "."
    for (name, series) in zip(names, chart.series) {
      guard let low = series.values.min(), let high = series.values.max() else { continue }
      out +=
        " \(name): lowest \(chart.format.format(value(low, chart.format))), "
        + "highest \(chart.format.format(value(high, chart.format)))."
    }
    return out
  }

  /// A data value as a template value, so ``ValueFormat`` shows it like the tables do.
  static func value(_ number: Double, _ format: ValueFormat) -> TemplateValue {
    if format == .number, number == number.rounded(), abs(number) < 9e15 {
      return .int(Int64(number))
    }
    return .double(number)
  }

  /// A legend laid out in rows from `x`, wrapping within `width`; returns the SVG and its height.
  static func legend(_ chart: Chart, x: Double, y: Double, width: Double) -> (String, Double) {
    guard chart.series.count > 1 else { return ("", 0) }
    var out = ""
    var cursor = x
    var row = 0.0
    let lineHeight = 18.0
    for (index, series) in chart.series.enumerated() {
      let full = seriesName(series.name)
      let label = TextWidth.fit(full, width: min(200, width - 14), size: fontSize)
      let itemWidth = 14 + TextWidth.width(label, size: fontSize) + 16
      if cursor > x, cursor + itemWidth > x + width {
        cursor = x
        row += lineHeight
      }
      out +=
        "<rect class=\"cs-s\(index % 4)\" x=\"\(n(cursor))\" y=\"\(n(y + row + 3))\" width=\"10\" height=\"10\"/>"
      out += text(label, full: full, x: cursor + 14, y: y + row + 12, anchor: "start")
      cursor += itemWidth
    }
    return (out, row + lineHeight)
  }

  // MARK: - Sparkline

  private static func sparkline(_ chart: Chart) -> String {
    let width = 160.0, height = 32.0
    var out = open(chart, width: width, height: height, cssClass: "sparkline", suffix: "")
      .replacingOccurrences(
        of: "class=\"sparkline\"", with: "class=\"sparkline\" width=\"160\" height=\"32\"")
    let values = chart.series.first?.values ?? []
    let top = max(values.max() ?? 0, 1)
    if values.count > 1 {
      let step = (width - 4) / Double(values.count - 1)
      let points = values.enumerated().map { index, value in
        "\(n(2 + Double(index) * step)),\(n(height - 2 - (value / top) * (height - 4)))"
      }
      out += "<polyline class=\"cs-line cs-s0\" points=\"\(points.joined(separator: " "))\"/>"
    }
    return out + "</svg>"
  }
}
