/// What a CSV file holds; each kind loads into one table.
///
/// The raw value is the name users type (`cuesheet import metrics-daily FILE`) and the value of
/// `imports.kind`.
public enum ImportKind: String, CaseIterable, Sendable, Codable {
  case shows
  case episodes
  case advertisers
  case campaigns
  case ioBookings = "io-bookings"
  case metricsDaily = "metrics-daily"

  /// The order a directory import loads kinds in, so references always point backwards.
  public static let dependencyOrder: [ImportKind] = [
    .shows, .episodes, .advertisers, .campaigns, .ioBookings, .metricsDaily,
  ]

  /// The table the kind loads into.
  public var table: String {
    switch self {
    case .shows: "shows"
    case .episodes: "episodes"
    case .advertisers: "advertisers"
    case .campaigns: "campaigns"
    case .ioBookings: "io_bookings"
    case .metricsDaily: "metrics_daily"
    }
  }

  /// File names (without `.csv`) a directory import recognises: `io_bookings` and `io-bookings`.
  public var fileStems: [String] {
    let underscored = rawValue.replacingOccurrences(of: "-", with: "_")
    return underscored == rawValue ? [rawValue] : [underscored, rawValue]
  }

  /// Parses a kind as users write it: `metrics-daily`, `metrics_daily`, any case.
  public init?(name: String) {
    let normalised = name.lowercased().replacingOccurrences(of: "_", with: "-")
    self.init(rawValue: normalised)
  }
}
