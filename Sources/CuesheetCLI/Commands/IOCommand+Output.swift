import Application
import Foundation
import Pipeline
import Store

/// Text forms of IO values for the `io` commands.
enum IOText {
  /// `CPM $25.00` or `flat $1,500.00`.
  static func rate(_ rate: IORate) -> String {
    switch rate {
    case .cpm(let amount, _): "CPM \(amount.formatted())"
    case .flat(let amount, _): "flat \(amount.formatted())"
    }
  }

  /// `100,000 imp` or `4 spots`.
  static func volume(_ rate: IORate) -> String {
    switch rate {
    case .cpm(_, let impressions): "\(count(impressions)) imp"
    case .flat(_, let spots): "\(spots) spot\(spots == 1 ? "" : "s")"
    }
  }

  /// `1,234,567`.
  static func count(_ value: Int64) -> String {
    var digits = String(value.magnitude)
    var grouped = ""
    while digits.count > 3 {
      grouped = "," + digits.suffix(3) + grouped
      digits.removeLast(3)
    }
    return (value < 0 ? "-" : "") + digits + grouped
  }

  /// `95.0%`.
  static func percent(_ ratio: Double) -> String { String(format: "%.1f%%", ratio * 100) }

  /// `io list`: one row per IO; with pacing on, DELIVERED, EXPECTED, PACING and ALERT columns.
  static func listing(_ listing: ListIOs.Listing) -> String {
    let pacing = listing.pacing.isOn
    var header = [
      "IO", "CAMPAIGN", "ADVERTISER", "SHOW", "PLACEMENT", "FLIGHT", "RATE", "VOLUME", "STATUS",
    ]
    if pacing { header += ["DELIVERED", "EXPECTED", "PACING", "ALERT"] }
    var table = TextTable(header: header, rightAligned: pacing ? [7, 9, 10, 11] : [7])
    for row in listing.rows {
      let io = row.io
      var cells = [
        io.ioID, io.campaignID, io.advertiserID, io.showID, io.placement.rawValue,
        io.flight.description, rate(io.rate), volume(io.rate), io.status.rawValue,
      ]
      if pacing, let delivery = row.delivery {
        cells += [
          count(delivery.delivered),
          delivery.expected.map { count(Int64($0.rounded())) } ?? "n/a",
          delivery.pacing.map(percent) ?? "n/a",
          row.pacingAlert == true ? "under 90%" : "",
        ]
      }
      table.add(cells)
    }
    return table.render()
  }

  /// `io show`: one field per line, then the delivery.
  static func details(_ io: IOBooking, delivery: Delivery) -> String {
    var lines: [(String, String)] = [
      ("io", io.ioID), ("status", "\(io.status) (since \(io.statusChangedAt))"),
      ("campaign", io.campaignID), ("advertiser", io.advertiserID), ("show", io.showID),
      ("placement", io.placement.rawValue), ("ad format", io.adFormat.argument),
      ("flight", "\(io.flight) (\(io.flight.dayCount) days)"), ("rate", rate(io.rate)),
    ]
    switch io.rate {
    case .cpm(_, let goal): lines.append(("goal", "\(count(goal)) impressions"))
    case .flat(_, let spots): lines.append(("spots", String(spots)))
    }
    if let code = io.promoCode { lines.append(("promo code", code)) }
    if let url = io.vanityURL { lines.append(("vanity url", url)) }
    lines.append(
      ("as of", "\(delivery.asOf) (day \(delivery.elapsedDays) of \(delivery.flightDays))"))
    lines.append(("delivered", "\(count(delivery.delivered)) impressions"))
    if let expected = delivery.expected {
      lines.append(
        ("expected", "\(count(Int64(expected.rounded()))) impressions by \(delivery.asOf)"))
    }
    lines.append(("pacing", delivery.pacing.map(percent) ?? "n/a"))
    let width = lines.map(\.0.count).max() ?? 0
    return lines.map { $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 1) + $0.1 }
      .joined(separator: "\n")
  }
}
