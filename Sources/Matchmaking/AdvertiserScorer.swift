import Expressions
import Rules

/// One advertiser's rules, bound once and evaluated show by show, with the tally of every
/// outcome: the loop ``MatchEngine`` and ``MatchComparison`` share.
///
/// ```swift
/// var scorer = AdvertiserScorer(ruleSet, advertiser)
/// for show in shows { scorer.evaluate(show) }
/// let result = scorer.result(evaluated: shows.count)
/// ```
struct AdvertiserScorer {
  let rules: RuleSet
  let advertiserID: String
  private var activation: Activation
  private var signals: [Double] = []
  private var best: TopMatches
  private var rejected: [Int]
  private var dropped = 0
  private var kept = 0
  private var errors = 0
  private var firstError: (String, String)?

  /// With `specialize` (the default) the rules are compiled with the advertiser as a constant
  /// (``RuleSet/specialized(advertiser:)``); results are the same either way.
  init(_ ruleSet: RuleSet, _ advertiser: MatchSubject, specialize: Bool = true) {
    rules = specialize ? ruleSet.specialized(advertiser: advertiser.value) : ruleSet
    advertiserID = advertiser.id
    activation = rules.makeActivation()
    rules.bind(advertiser: advertiser.value, show: nil, in: &activation)
    best = TopMatches(limit: ruleSet.top)
    rejected = Array(repeating: 0, count: ruleSet.requirements.count)
  }

  /// Binds `show`, evaluates the pair and records its outcome.
  @discardableResult
  mutating func evaluate(_ show: MatchSubject) -> PairOutcome {
    rules.bind(advertiser: nil, show: show.value, in: &activation)
    let outcome = rules.evaluate(&activation, signalValues: &signals)
    switch outcome {
    case .kept(let score):
      kept += 1
      best.offer(showID: show.id, score: score, signals: signals)
    case .dropped:
      dropped += 1
    case .rejected(let index):
      rejected[index] += 1
    case .error(let message):
      errors += 1
      if firstError == nil { firstError = (show.id, message) }
    }
    return outcome
  }

  /// The ranking (cut to the rule set's `top N`) and the counts, after `evaluated` pairs.
  func result(evaluated: Int) -> AdvertiserResult {
    AdvertiserResult(
      advertiserID: advertiserID, matches: best.ranked(), evaluated: evaluated,
      rejected: rejected, dropped: dropped, kept: kept, firstError: firstError, errors: errors)
  }
}
