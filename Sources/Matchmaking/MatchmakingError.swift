/// What stops a matchmaking run. Nothing is written when one is thrown.
public enum MatchmakingError: Error, Equatable, CustomStringConvertible {
  /// `--advertiser` names an advertiser the store does not have.
  case unknownAdvertiser(String)
  /// The rule files define no rule set with this name.
  case unknownRuleSet(String, available: [String])
  /// A pair's evaluation failed: the rule set has a bug for this data.
  case evaluation(advertiser: String, show: String, message: String, failedPairs: Int)
  /// `rules explain` names a show the store does not have.
  case unknownShow(String)

  public var description: String {
    switch self {
    case .unknownAdvertiser(let id):
      "There is no advertiser \(id) in the database; `cuesheet match list` and the advertisers import show the ids."
    case .unknownShow(let id):
      "There is no show \(id) in the database."
    case .unknownRuleSet(let name, let available):
      "There is no matchmaking rule set named \(name); the rule files define \(available.isEmpty ? "none" : available.joined(separator: ", "))."
    case .evaluation(let advertiser, let show, let message, let failed):
      "The rule set failed on \(failed) pair\(failed == 1 ? "" : "s"), first on advertiser \(advertiser) × show \(show): \(message); nothing was written."
    }
  }
}
