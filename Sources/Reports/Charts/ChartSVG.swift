import Foundation

/// Draws a ``Chart`` as a self-contained SVG (no scripts, no external resources).
///
/// Colours come from classes defined in the SVG's own `<style>`, with a dark variant under
/// `prefers-color-scheme: dark`, so the same file works inline in HTML and beside a Markdown page.
/// Coordinates are printed with one decimal, so output is byte-stable.
enum ChartSVG {
  static let palette = ["#2563eb", "#db2777", "#059669", "#d97706"]

  static let style = """
    <style>.cs-grid{stroke:#d4d4d8;stroke-width:1}.cs-text{fill:#52525b;font:11px system-ui,sans-serif}\
    .cs-s0{stroke:#2563eb;fill:#2563eb}.cs-s1{stroke:#db2777;fill:#db2777}.cs-s2{stroke:#059669;fill:#059669}\
    .cs-s3{stroke:#d97706;fill:#d97706}.cs-line{fill:none;stroke-width:2}\
    @media (prefers-color-scheme:dark){.cs-grid{stroke:#3f3f46}.cs-text{fill:#a1a1aa}\
    .cs-s0{stroke:#60a5fa;fill:#60a5fa}.cs-s1{stroke:#f472b6;fill:#f472b6}}</style>
    """

  /// The SVG for `chart`.
  static func svg(_ chart: Chart) -> String {
    switch chart.kind {
    case .sparkline: return sparkline(chart)
    case .line, .bar: return plot(chart)
    }
  }

  private static func n(_ value: Double) -> String { String(format: "%.1f", value) }

  private static func header(_ chart: Chart, width: Int, height: Int, cssClass: String) -> String {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" viewBox=\"0 0 \(width) \(height)\" "
      + "width=\"100%\" role=\"img\" aria-label=\"\(HTMLEscape.escape(chart.title))\">"
      + "<title>\(HTMLEscape.escape(chart.title))</title>" + style
  }

  private static func sparkline(_ chart: Chart) -> String {
    let width = 160.0, height = 32.0
    var out = header(chart, width: 160, height: 32, cssClass: "sparkline")
      .replacingOccurrences(of: "width=\"100%\"", with: "width=\"160\" height=\"32\"")
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

  private static func plot(_ chart: Chart) -> String {
    let width = 640.0, height = 240.0
    let left = 64.0, right = 12.0, top = 12.0, bottom = 40.0
    let plotWidth = width - left - right, plotHeight = height - top - bottom
    var out = header(chart, width: 640, height: 240, cssClass: "chart")
    let all = chart.series.flatMap(\.values)
    let maximum = niceCeiling(max(all.max() ?? 0, 0))
    let minimum = min(all.min() ?? 0, 0)
    let span = max(maximum - minimum, 1)
    func y(_ value: Double) -> Double { top + plotHeight - (value - minimum) / span * plotHeight }
    for tick in 0...4 {
      let value = minimum + span * Double(tick) / 4
      let position = y(value)
      out +=
        "<line class=\"cs-grid\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" y1=\"\(n(position))\" y2=\"\(n(position))\"/>"
      let label = chart.format.format(
        chart.format == .currency || chart.format == .percent
          ? .double(value) : .int(Int64(value.rounded())))
      out +=
        "<text class=\"cs-text\" x=\"\(n(left - 6))\" y=\"\(n(position + 4))\" text-anchor=\"end\">\(HTMLEscape.escape(label))</text>"
    }
    let count = chart.labels.count
    guard count > 0 else {
      return out
        + "<text class=\"cs-text\" x=\"320\" y=\"120\" text-anchor=\"middle\">No data</text></svg>"
    }
    let slot = plotWidth / Double(count)
    func x(_ index: Int) -> Double { left + slot * (Double(index) + 0.5) }
    if chart.kind == .bar {
      let seriesCount = Double(max(chart.series.count, 1))
      let barWidth = slot * 0.8 / seriesCount
      for (seriesIndex, series) in chart.series.enumerated() {
        for (index, value) in series.values.enumerated() {
          let x0 = x(index) - slot * 0.4 + barWidth * Double(seriesIndex)
          let y0 = y(max(value, 0)), y1 = y(min(value, 0))
          out +=
            "<rect class=\"cs-s\(seriesIndex % 4)\" x=\"\(n(x0))\" y=\"\(n(y0))\" width=\"\(n(barWidth))\" height=\"\(n(max(y1 - y0, 0)))\"/>"
        }
      }
    } else {
      for (seriesIndex, series) in chart.series.enumerated() {
        let points = series.values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }
        out +=
          "<polyline class=\"cs-line cs-s\(seriesIndex % 4)\" points=\"\(points.joined(separator: " "))\"/>"
      }
    }
    let shown: [Int] = count <= 8 ? Array(0..<count) : [0, count / 2, count - 1]
    for index in shown {
      let label = String(chart.labels[index].prefix(14))
      out +=
        "<text class=\"cs-text\" x=\"\(n(x(index)))\" y=\"\(n(height - bottom + 16))\" text-anchor=\"middle\">\(HTMLEscape.escape(label))</text>"
    }
    if chart.series.count > 1 {
      for (index, series) in chart.series.enumerated() {
        let lx = left + Double(index) * 140
        out +=
          "<rect class=\"cs-s\(index % 4)\" x=\"\(n(lx))\" y=\"\(n(height - 12))\" width=\"10\" height=\"10\"/>"
        out +=
          "<text class=\"cs-text\" x=\"\(n(lx + 14))\" y=\"\(n(height - 3))\">\(HTMLEscape.escape(series.name))</text>"
      }
    }
    return out + "</svg>"
  }

  /// Rounds up to 1, 2, 2.5 or 5 times a power of ten, for readable axis ticks.
  static func niceCeiling(_ value: Double) -> Double {
    guard value > 0 else { return 1 }
    let magnitude = pow(10, floor(log10(value)))
    for step in [1.0, 2.0, 2.5, 5.0, 10.0] where step * magnitude >= value {
      return step * magnitude
    }
    return 10 * magnitude
  }
}
