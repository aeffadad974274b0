import Pipeline

/// A plan that fills an impressions request across shows, greedily.
///
/// Walks the candidate rows in the order given (by match score for an advertiser, else by
/// available impressions, largest first) and takes from each `min(available, still needed)`;
/// rows without a forecast or with nothing available are passed over. The plan is not optimal
/// (a smaller, better-scored show is used before a bigger one), but it is predictable: the best
/// matches come first.
public struct AvailsPlan: Sendable, Equatable {
  /// Impressions taken from one show and placement.
  public struct Line: Sendable, Equatable {
    public let showID: String
    public let placement: Placement
    public let impressions: Int64
  }

  public let requested: Int64
  public let lines: [Line]

  public var planned: Int64 { lines.reduce(0) { $0 + $1.impressions } }
  public var shortfall: Int64 { max(requested - planned, 0) }
  public var filled: Bool { shortfall == 0 }

  /// The greedy plan for `requested` impressions over `rows`, in their order.
  public static func greedy(requested: Int64, over rows: [PlacementAvails]) -> AvailsPlan {
    var lines: [Line] = []
    var needed = requested
    for row in rows where needed > 0 && row.hasForecast && row.available > 0 {
      let take = min(row.available, needed)
      lines.append(Line(showID: row.showID, placement: row.placement, impressions: take))
      needed -= take
    }
    return AvailsPlan(requested: requested, lines: lines)
  }
}
