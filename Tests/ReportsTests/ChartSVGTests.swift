import Foundation
import Testing

@testable import Reports

/// The chart renderer: nice ticks, compact numbers, and no label outside the drawing.
@Suite struct ChartSVGTests {
  @Test(
    "value axes have 5 to 7 nice ticks from zero that cover the data",
    arguments: [
      ([0.0, 1.0], ValueFormat.number), ([3, 97], .number), ([0, 48_250, 91_000], .number),
      ([12_000_000, 25_000], .currency), ([0.12, 0.875], .percent), ([-40, 260], .number),
      ([0, 0], .number), ([7, 7], .currency), ([1_234_567_890], .number), ([0.004], .percent),
    ])
  func niceTicks(values: [Double], format: ValueFormat) {
    let axis = AxisScale(values: values, format: format)
    #expect((5...7).contains(axis.ticks.count), "\(axis.ticks)")
    #expect(axis.ticks.contains(0))
    #expect(axis.lower <= values.min()! && axis.upper >= values.max()!)
    let step = axis.ticks[1] - axis.ticks[0]
    let mantissa = step / pow(10, floor(log10(step)))
    #expect([1, 2, 2.5, 5].contains { abs($0 - mantissa) < 1e-9 }, "step \(step)")
    #expect(Set(axis.labels).count == axis.labels.count, "labels repeat: \(axis.labels)")
  }

  @Test(
    "compact labels",
    arguments: [
      (950.0, ValueFormat.number, "950"), (1_200, .number, "1.2k"), (200_000, .number, "200k"),
      (1_500_000, .number, "1.5M"), (20_000_000, .currency, "$200k"),
      (-250_000, .currency, "-$2.5k"),
      (0.45, .percent, "45%"), (0, .currency, "$0"),
    ])
  func compact(value: Double, format: ValueFormat, expected: String) {
    #expect(CompactNumber.format(value, format: format, places: 1) == expected)
  }

  @Test func axisLabelsAreCompactAndExact() {
    let axis = AxisScale(values: [0, 21_000_000], format: .currency)
    #expect(axis.labels.first == "$0")
    #expect(axis.labels.allSatisfy { !$0.contains(".00") && !$0.contains(",") }, "\(axis.labels)")
  }

  @Test func fitShortensWithAnEllipsisWithinTheWidth() {
    let long = "First Generation Money Podcast With A Very Long Name"
    let fitted = TextWidth.fit(long, width: 90, size: 12)
    #expect(fitted.hasSuffix("…") && fitted.count < long.count)
    #expect(TextWidth.width(fitted, size: 12) <= 90)
    #expect(TextWidth.fit("Lead", width: 90, size: 12) == "Lead")
    #expect(TextWidth.width("🎙️👩‍👩‍👧‍👦", size: 10) == 26)  // two emoji clusters, 1.3 em each
  }

  static let hostile = [
    "<script>alert(1)</script>", "שלום עולם — פודקאסט", "🎙️🔥 Pod 👩‍👩‍👧‍👦 🇺🇦",
    String(repeating: "Supercalifragilistic", count: 10), "=HYPERLINK(\"x\")", "日本語のポッドキャスト",
    "First Gen Money", "A", "Closed won", "Negotiation", "Qualified", "Proposal",
  ]

  static func chart(_ kind: Chart.Kind, labels: [String], values: [[Double]], format: ValueFormat)
    -> Chart
  {
    Chart(
      kind: kind, title: "Test <chart>", labels: labels,
      series: values.enumerated().map {
        Chart.Series(name: "series_\($0.offset)", values: $0.element)
      },
      format: format, id: "chart-1", xName: "day")
  }

  static var cases: [Chart] {
    let days = (0..<60).map { String(format: "2026-%02d-%02d", 10 + $0 / 30, 1 + $0 % 30) }
    return [
      chart(
        .line, labels: days, values: [days.indices.map { Double($0 * 1_000) }], format: .number),
      chart(
        .line, labels: days,
        values: [days.indices.map { Double($0) * 123_456 }, days.indices.map(Double.init)],
        format: .currency),
      chart(.bar, labels: Array(hostile.prefix(5)), values: [[1, 2, 3, 4, 5]], format: .number),
      chart(
        .bar, labels: hostile, values: [hostile.indices.map { Double($0) * 25_000_000 }],
        format: .currency),
      chart(
        .bar, labels: days, values: [days.indices.map { Double($0 % 7) / 7 }], format: .percent),
      chart(
        .bar, labels: ["Lead", "Qualified", "Proposal", "Negotiation", "Closed won"],
        values: [[1_000_000, 2_500_000, 5_000_000, 17_500_000, 21_000_000]], format: .currency),
      chart(.line, labels: ["x"], values: [[5]], format: .number),
      chart(.line, labels: [], values: [[]], format: .number),
    ]
  }

  /// Every `<text>` of the SVG: its x, anchor and drawn text (the tooltip removed, entities decoded).
  static func texts(_ svg: String) -> [(x: Double, anchor: String, text: String)] {
    let pattern = try! NSRegularExpression(
      pattern:
        #"<text class="cs-text" x="([-0-9.]+)" y="[-0-9.]+"(?: text-anchor="(\w+)")?>(?:<title>.*?</title>)?(.*?)</text>"#
    )
    let range = NSRange(svg.startIndex..., in: svg)
    return pattern.matches(in: svg, range: range).map { match in
      let x = Double(svg[Range(match.range(at: 1), in: svg)!])!
      let anchor = Range(match.range(at: 2), in: svg).map { String(svg[$0]) } ?? "start"
      let text = String(svg[Range(match.range(at: 3), in: svg)!])
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&amp;", with: "&")
      return (x, anchor, text)
    }
  }

  @Test("no label is placed outside the drawing", arguments: [ChartSVG.Layout.wide, .narrow])
  func noLabelOutsideTheDrawing(layout: ChartSVG.Layout) throws {
    for chart in Self.cases {
      let svg = ChartSVG.svg(chart, layout: layout)
      let texts = Self.texts(svg)
      #expect(!texts.isEmpty)
      for text in texts {
        let width = TextWidth.width(text.text, size: ChartSVG.fontSize)
        let left =
          text.anchor == "end"
          ? text.x - width : text.anchor == "middle" ? text.x - width / 2 : text.x
        #expect(
          left >= 0 && left + width <= layout.width,
          "\(chart.kind) \(layout): \"\(text.text)\" spans \(left)…\(left + width) of \(layout.width)"
        )
      }
    }
  }

  @Test func everyChartHasATitleAndADescription() {
    for chart in Self.cases {
      let svg = ChartSVG.svg(chart)
      #expect(svg.contains("<title id=\"chart-1-title\">Test &lt;chart&gt;</title>"))
      #expect(svg.contains("<desc id=\"chart-1-desc\">"))
      #expect(svg.contains("aria-labelledby=\"chart-1-title chart-1-desc\""))
    }
  }

  @Test func dateAxesReadLikeTheTablesAndLeaveNoGap() throws {
    let chart = Self.cases[0]
    let texts = Self.texts(ChartSVG.svg(chart)).map(\.text)
    #expect(texts.contains("1 Oct"))
    #expect(!texts.contains { $0.contains("2026-") })
    let dates = texts.filter { $0.hasSuffix("Oct") || $0.hasSuffix("Nov") }
    #expect(dates.count >= 5, "only \(dates)")
  }

  @Test func longCategoryLabelsTurnBarsHorizontalAndKeepEveryLabel() {
    let chart = Self.cases[3]
    #expect(ChartSVG.usesRows(chart, layout: .wide))
    let svg = ChartSVG.svg(chart)
    for label in Self.hostile where TextWidth.width(label, size: 12) < 200 {
      #expect(svg.contains(">" + HTMLEscape.escape(label) + "</text>"), "\(label) missing")
    }
    // The long one is shortened, with the full text as its tooltip.
    #expect(svg.contains("<title>\(Self.hostile[3])</title>"))
    #expect(!svg.contains("<script>"))
    // Short stage names stay as columns.
    #expect(!ChartSVG.usesRows(Self.cases[5], layout: .wide))
  }
}
