import Application
import Avails
import Foundation

/// The plain-text renderings of `cuesheet avails` and `cuesheet avails backtest`.
enum AvailsText {
  static func render(_ report: CheckAvails.Report) -> String {
    var lines: [String] = []
    var title =
      "avails \(report.from)..\(report.through) (\(report.from.days(to: report.through) + 1) days), forecast from the 28 days to \(report.asOf)"
    if let advertiser = report.advertiserID {
      title += "; advertiser \(advertiser), category \(report.category ?? "—")"
    } else if let category = report.category {
      title += "; category \(category)"
    }
    lines.append(title)
    let ranked = report.advertiserID != nil
    var header = ["show", "placement", "inventory", "contending", "blocked", "available"]
    if report.impressions != nil { header.append("fits") }
    if ranked { header.append("score") }
    header.append("model")
    var table = TextTable(header: header, rightAligned: [2, 3, 4, 5])
    for row in report.rows {
      let avails = row.avails
      var cells = [avails.showID, avails.placement.rawValue]
      if case .insufficientHistory(_, let days, let needed) = avails.gap {
        cells += ["—", "—", "—", "—"]
        if report.impressions != nil { cells.append("—") }
        if ranked { cells.append(score(row.matchScore)) }
        cells.append("too little history (\(days) of \(needed) days)")
      } else {
        cells += [
          number(avails.inventory), number(avails.contending), number(avails.blocked),
          number(avails.available),
        ]
        if report.impressions != nil { cells.append(row.fits == true ? "yes" : "no") }
        if ranked { cells.append(score(row.matchScore)) }
        cells.append(avails.cycle?.description ?? "")
      }
      table.add(cells)
    }
    lines.append(table.render())
    let known = report.rows.map(\.avails).filter(\.hasForecast)
    lines.append(
      "total: inventory \(number(known.reduce(0) { $0 + $1.inventory })), contending \(number(known.reduce(0) { $0 + $1.contending })), blocked \(number(known.reduce(0) { $0 + $1.blocked })), available \(number(known.reduce(0) { $0 + $1.available }))"
    )
    for avails in report.rows.map(\.avails) where avails.hasForecast {
      let ios = avails.contenders.filter { $0.impressions > 0 }
      if avails.oversold {
        lines.append(
          "oversold: \(avails.showID) \(avails.placement) by \(number(-avails.available)); contending: "
            + ios.map { "\($0.ioID) \(number($0.impressions)) (\($0.status))" }.joined(
              separator: ", "))
      } else if !ios.isEmpty {
        lines.append(
          "contending on \(avails.showID) \(avails.placement): "
            + ios.map { "\($0.ioID) \(number($0.impressions)) (\($0.status))" }.joined(
              separator: ", "))
      }
      if !avails.holds.isEmpty {
        lines.append(
          "blocked on \(avails.showID) \(avails.placement) for \(avails.blockedDays) days by "
            + avails.holds.map { "\($0.ioID) (\($0.advertiserID), \($0.category), \($0.flight))" }
            .joined(separator: ", "))
      }
    }
    if let plan = report.plan {
      let parts = plan.lines.map { "\($0.showID) \($0.placement) \(number($0.impressions))" }
      lines.append(
        "plan for \(number(plan.requested)) impressions"
          + (ranked ? " (best match first)" : " (most available first)") + ": "
          + (parts.isEmpty ? "nothing available" : parts.joined(separator: ", "))
          + (plan.filled ? "; filled" : "; short by \(number(plan.shortfall))"))
    }
    return lines.joined(separator: "\n")
  }

  static func render(_ result: BacktestResult, verbose: Bool) -> String {
    var lines = [
      "backtest from \(result.asOf), \(result.weeks) week\(result.weeks == 1 ? "" : "s"): \(result.rows.count) show-weeks"
        + (result.zeroWeeks > 0
          ? " (\(result.zeroWeeks) with no impressions left out of MAPE)" : "")
    ]
    var table = TextTable(header: ["", "MAPE", "bias"], rightAligned: [1, 2])
    table.add(["model", percent(result.modelMAPE), percent(result.modelBias)])
    table.add([
      "baseline (28-day average)", percent(result.baselineMAPE), percent(result.baselineBias),
    ])
    lines.append(table.render())
    if !result.skippedShows.isEmpty {
      lines.append(
        "skipped (too little history): " + result.skippedShows.joined(separator: ", "))
    }
    if verbose {
      var rows = TextTable(
        header: ["show", "week", "from", "recorded", "forecast", "baseline"],
        rightAligned: [1, 3, 4, 5])
      for row in result.rows {
        rows.add([
          row.showID, String(row.week), row.start.description, number(row.actual),
          number(Int64(row.forecast.rounded())), number(Int64(row.baseline.rounded())),
        ])
      }
      lines.append(rows.render())
    }
    return lines.joined(separator: "\n")
  }

  /// `1,234,567` (negative numbers keep their sign).
  static func number(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, character) in digits.enumerated() {
      if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(character)
    }
    return value < 0 ? "-" + out : out
  }

  static func score(_ value: Double?) -> String {
    value.map { String(format: "%.3f", $0) } ?? "—"
  }

  /// `12.3%`, signed for bias; `—` when there is no figure.
  static func percent(_ value: Double?) -> String {
    value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
  }
}
