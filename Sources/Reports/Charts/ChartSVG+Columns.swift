import Foundation

extension ChartSVG {
  /// Line charts and vertical bar charts: categories along x, a value axis on the left.
  ///
  /// The left margin fits the widest tick label; the right margin fits half the widest category
  /// label (the last one is centred on the edge of a line chart). Category labels are thinned to
  /// every k-th so that each has its measured width plus a gap; with bars, labels that do not fit
  /// their slot are shortened with "…" and carry the full text as a tooltip.
  static func columns(_ chart: Chart, layout: Layout) -> String {
    let width = layout.width
    let font = fontSize
    let axis = AxisScale(values: chart.series.flatMap(\.values), format: chart.format)
    let tickWidth = axis.labels.map { TextWidth.width($0, size: font) }.max() ?? 0
    let (short, full) = categoryLabels(chart)
    let count = short.count
    let labelWidths = short.map { TextWidth.width($0, size: font) }
    let widestLabel = labelWidths.max() ?? 0
    let isBar = chart.kind == .bar
    let gap = 10.0

    // Category labels are at most a third of the width; the first and last are centred near the
    // plot's edges, so half of one may hang outside it.
    let longest = min(widestLabel, width / 3)
    let overhang = longest / 2
    let left = (max(tickWidth + 8, overhang) + 4).rounded(.up)
    let right = max(12, overhang + 4).rounded(.up)
    let plotWidth = width - left - right

    let legendTop = 4.0
    let (legendSVG, legendHeight) = legend(chart, x: left, y: legendTop, width: plotWidth)
    let top = legendTop + legendHeight + 8
    let plotHeight = layout == .wide ? 200.0 : 180.0
    let bottom = 28.0
    let height = top + plotHeight + bottom

    var out = open(
      chart, width: width, height: height, cssClass: "chart", suffix: layoutSuffix(layout))
    out += legendSVG
    func y(_ value: Double) -> Double { top + plotHeight - axis.position(value) * plotHeight }
    for (tick, label) in zip(axis.ticks, axis.labels) {
      let position = y(tick)
      out +=
        "<line class=\"\(tick == 0 ? "cs-axis" : "cs-grid")\" x1=\"\(n(left))\" x2=\"\(n(width - right))\" "
        + "y1=\"\(n(position))\" y2=\"\(n(position))\"/>"
      out += text(label, x: left - 8, y: position + 4, anchor: "end")
    }
    guard count > 0, !chart.series.isEmpty else {
      return out + text("No data", x: left + plotWidth / 2, y: top + plotHeight / 2) + "</svg>"
    }

    let slot = isBar ? plotWidth / Double(count) : plotWidth / Double(max(count - 1, 1))
    func x(_ index: Int) -> Double {
      if isBar { return left + slot * (Double(index) + 0.5) }
      return count == 1 ? left + plotWidth / 2 : left + slot * Double(index)
    }

    if isBar {
      let seriesCount = Double(chart.series.count)
      let barWidth = slot * 0.8 / seriesCount
      for (seriesIndex, series) in chart.series.enumerated() {
        for (index, value) in series.values.enumerated() where value.isFinite {
          let x0 = x(index) - slot * 0.4 + barWidth * Double(seriesIndex)
          let y0 = y(max(value, 0)), y1 = y(min(value, 0))
          out +=
            "<rect class=\"cs-s\(seriesIndex % 4)\" x=\"\(n(x0))\" y=\"\(n(y0))\" "
            + "width=\"\(n(barWidth))\" height=\"\(n(max(y1 - y0, 0.5)))\">"
            + "<title>\(escape(full[index])): \(escape(chart.format.format(Self.value(value, chart.format))))</title></rect>"
        }
      }
    } else {
      for (seriesIndex, series) in chart.series.enumerated() {
        let points = series.values.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }
        out +=
          "<polyline class=\"cs-line cs-s\(seriesIndex % 4)\" points=\"\(points.joined(separator: " "))\"/>"
      }
    }

    // Every k-th label, so each has room for its width and a gap.
    var step = 1
    if !isBar || widestLabel + 4 > slot {
      while Double(step) * slot < longest + gap && step < count { step += 1 }
    }
    let labelY = top + plotHeight + 18
    for index in stride(from: 0, to: count, by: step) {
      let available = min(isBar && step == 1 ? slot - 4 : Double(step) * slot - gap, longest)
      let shown = TextWidth.fit(short[index], width: max(available, 24), size: font)
      out += text(shown, full: full[index], x: x(index), y: labelY)
    }
    return out + "</svg>"
  }

  static func layoutSuffix(_ layout: Layout) -> String { layout == .wide ? "" : "-narrow" }
}
