import Foundation

extension ChartSVG {
  /// At most this many categories switch to horizontal bars; more keep columns with thinned labels.
  static let maximumRows = 40

  /// Whether a bar chart is drawn as horizontal bars: its category labels (not dates) would not fit
  /// under vertical bars, so each gets a row with its label on the left instead.
  static func usesRows(_ chart: Chart, layout: Layout) -> Bool {
    let count = chart.labels.count
    guard chart.kind == .bar, count > 0, count <= maximumRows, !isDateAxis(chart.labels) else {
      return false
    }
    let axis = AxisScale(values: chart.series.flatMap(\.values), format: chart.format)
    let tickWidth = axis.labels.map { TextWidth.width($0, size: fontSize) }.max() ?? 0
    let widest = chart.labels.map { TextWidth.width($0, size: fontSize) }.max() ?? 0
    let plotWidth = layout.width - tickWidth - 12 - widest / 2 - 16
    return widest + 4 > plotWidth / Double(count)
  }

  /// Horizontal bars: one row per category with its label on the left (shortened with "…" past a
  /// third of the width, full text as a tooltip), the value at the end of each bar, and a value
  /// axis with nice ticks along the bottom.
  static func rows(_ chart: Chart, layout: Layout) -> String {
    let width = layout.width
    let font = fontSize
    let axis = AxisScale(values: chart.series.flatMap(\.values), format: chart.format)
    let (short, full) = categoryLabels(chart)
    let maxLabel = (width / 3).rounded(.down)
    let shown = short.map { TextWidth.fit($0, width: maxLabel, size: font) }
    let labelWidth = shown.map { TextWidth.width($0, size: font) }.max() ?? 0
    let valueLabels = chart.series.map { series in
      series.values.map { CompactNumber.format($0, format: chart.format, places: 1) }
    }
    let valueWidth = valueLabels.flatMap { $0 }.map { TextWidth.width($0, size: font) }.max() ?? 0
    let tickHalf = (axis.labels.map { TextWidth.width($0, size: font) }.max() ?? 0) / 2

    let left = max(labelWidth + 12, tickHalf + 4).rounded(.up)
    let right = (max(valueWidth + 10, tickHalf + 4)).rounded(.up)
    let plotWidth = width - left - right
    let (legendSVG, legendHeight) = legend(chart, x: left, y: 4, width: plotWidth)
    let top = 4 + legendHeight + 6
    let barHeight = 14.0
    let rowHeight = Double(chart.series.count) * barHeight + 10
    let plotHeight = rowHeight * Double(short.count)
    let bottom = 26.0
    let height = top + plotHeight + bottom

    var out = open(
      chart, width: width, height: height, cssClass: "chart", suffix: layoutSuffix(layout))
    out += legendSVG
    func x(_ value: Double) -> Double { left + axis.position(value) * plotWidth }
    // Tick labels side by side need their width and a gap; when they do not fit, every other one.
    let spacing = plotWidth / Double(max(axis.ticks.count - 1, 1))
    let labelEvery = spacing >= tickHalf * 2 + 8 ? 1 : 2
    for (index, (tick, label)) in zip(axis.ticks, axis.labels).enumerated() {
      let position = x(tick)
      out +=
        "<line class=\"\(tick == 0 ? "cs-axis" : "cs-grid")\" x1=\"\(n(position))\" x2=\"\(n(position))\" "
        + "y1=\"\(n(top))\" y2=\"\(n(top + plotHeight))\"/>"
      if index % labelEvery == 0 { out += text(label, x: position, y: top + plotHeight + 18) }
    }
    for (index, label) in shown.enumerated() {
      let rowTop = top + rowHeight * Double(index)
      out += text(
        label, full: full[index], x: left - 8, y: rowTop + rowHeight / 2 + 4, anchor: "end")
      for (seriesIndex, series) in chart.series.enumerated() where index < series.values.count {
        let value = series.values[index]
        guard value.isFinite else { continue }
        let x0 = x(min(value, 0)), x1 = x(max(value, 0))
        let barTop = rowTop + 5 + barHeight * Double(seriesIndex)
        out +=
          "<rect class=\"cs-s\(seriesIndex % 4)\" x=\"\(n(x0))\" y=\"\(n(barTop + 1))\" "
          + "width=\"\(n(max(x1 - x0, 0.5)))\" height=\"\(n(barHeight - 2))\">"
          + "<title>\(escape(full[index])): \(escape(chart.format.format(Self.value(value, chart.format))))</title></rect>"
        let valueX = value < 0 ? x(0) + 4 : x1 + 4
        out += text(
          valueLabels[seriesIndex][index], x: valueX, y: barTop + barHeight - 3, anchor: "start")
      }
    }
    return out + "</svg>"
  }
}
