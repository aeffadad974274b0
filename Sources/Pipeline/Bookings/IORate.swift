import Store

/// How an IO is priced: per thousand impressions against a goal, or flat for a number of spots.
public enum IORate: Sendable, Hashable {
  /// `--cpm 25.00 --impressions N`: the price per thousand impressions and the impressions goal.
  case cpm(Money, impressions: Int64)
  /// `--flat 1500.00 --spots N`: a fixed price for N spots.
  case flat(Money, spots: Int64)

  /// `cpm` or `flat`, as stored in `rate_type`.
  public var type: String {
    switch self {
    case .cpm: "cpm"
    case .flat: "flat"
    }
  }

  /// The price: per thousand impressions (CPM) or for the whole line (flat).
  public var amount: Money {
    switch self {
    case .cpm(let amount, _), .flat(let amount, _): amount
    }
  }

  /// The impressions goal of a CPM line; `nil` for flat lines.
  public var impressionsGoal: Int64? {
    if case .cpm(_, let impressions) = self { return impressions }
    return nil
  }

  /// The number of spots of a flat line; `nil` for CPM lines.
  public var spots: Int64? {
    if case .flat(_, let spots) = self { return spots }
    return nil
  }

  /// Builds a rate from the command-line options, refusing any other combination.
  ///
  /// Exactly one of `--cpm` (with `--impressions`) or `--flat` (with `--spots`); amounts parse with
  /// ``Money/init(parsing:)`` (at most two decimals, never through floating point) and must not be
  /// negative; impressions and spots must be at least 1.
  public static func parse(
    cpm: String?, impressions: Int64?, flat: String?, spots: Int64?
  ) throws(PipelineError) -> IORate {
    switch (cpm, flat) {
    case (let cpm?, nil):
      guard spots == nil else {
        throw .invalidArgument("--spots goes with --flat; a --cpm line takes --impressions N.")
      }
      guard let impressions else {
        throw .invalidArgument("--cpm needs --impressions N, the impressions goal.")
      }
      guard impressions >= 1 else {
        throw .invalidArgument("--impressions must be at least 1, got \(impressions).")
      }
      return .cpm(try money(cpm, option: "--cpm"), impressions: impressions)
    case (nil, let flat?):
      guard impressions == nil else {
        throw .invalidArgument("--impressions goes with --cpm; a --flat line takes --spots N.")
      }
      guard let spots else {
        throw .invalidArgument("--flat needs --spots N, the number of spots.")
      }
      guard spots >= 1 else { throw .invalidArgument("--spots must be at least 1, got \(spots).") }
      return .flat(try money(flat, option: "--flat"), spots: spots)
    case (nil, nil):
      throw .invalidArgument(
        "Give a price: --cpm 25.00 --impressions N, or --flat 1500.00 --spots N.")
    case (_?, _?):
      throw .invalidArgument("Give either --cpm or --flat, not both.")
    }
  }

  private static func money(_ text: String, option: String) throws(PipelineError) -> Money {
    guard let money = Money(parsing: text) else {
      throw .invalidArgument(
        "\(option) '\(text)' is not an amount; write digits with at most two decimals, like 25.00.")
    }
    guard money.cents >= 0 else {
      throw .invalidArgument("\(option) must not be negative, got \(text).")
    }
    return money
  }
}
