import Foundation
import Store

extension RulesDiffReport {
  /// The terminal summary: counts always, largest changes first, details capped at ``limit``.
  ///
  /// ```
  /// rules diff: base HEAD (2 files) → head rules (2 files): changed
  /// Flags: 240 contexts (60 accounts × ci, development, production, staging)
  ///   IO_TEMPLATE: 31 of 240 contexts change (classic → modern 31); definition changed
  ///     {"account":{"id":"adv-1"},"env":"production"}: classic (SPLIT, rules/flags.rules:28) → modern (SPLIT, line 28)
  /// ```
  public var text: String {
    var lines: [String] = []
    let plural = { (count: Int, word: String) in "\(count) \(word)\(count == 1 ? "" : "s")" }
    lines.append(
      "rules diff: base \(base.label) (\(plural(base.files.count, "file"))) → head \(head.label) (\(plural(head.files.count, "file"))): \(changed ? "changed" : "no change")"
    )

    // Flags.
    let population =
      flags.population == "database"
      ? "\(flags.environments.isEmpty ? 0 : flags.contexts / flags.environments.count) accounts × \(flags.environments.joined(separator: ", "))"
      : "from the contexts file"
    lines.append("Flags: \(plural(flags.contexts, "context")) (\(population))")
    for change in flags.changed {
      let transitions = change.transitions.map { "\($0.from) → \($0.to) \($0.count)" }
      lines.append(
        "  \(change.flag): \(change.contextsChanged) of \(flags.contexts) contexts change (\(transitions.joined(separator: ", ")))"
          + (change.definitionChanged ? "; definition changed" : ""))
      for example in change.examples {
        lines.append(
          "    \(Self.compact(example.context)): \(Self.describe(example.before)) → \(Self.describe(example.after))"
        )
      }
    }
    if !flags.added.isEmpty { lines.append("  added: \(flags.added.joined(separator: ", "))") }
    if !flags.removed.isEmpty {
      lines.append("  removed: \(flags.removed.joined(separator: ", "))")
    }
    if !flags.definitionOnly.isEmpty {
      lines.append(
        "  definition changed, no context changes: \(flags.definitionOnly.joined(separator: ", "))")
    }
    lines.append("  unchanged: \(plural(flags.unchanged, "flag"))")

    // Matchmaking.
    let pairs = matchmaking.advertisers * matchmaking.shows
    lines.append(
      "Matchmaking: as of \(matchmaking.asOf), \(matchmaking.advertisers) advertisers × \(matchmaking.shows) shows = \(plural(pairs, "pair"))"
    )
    if !matchmaking.ruleSetsAdded.isEmpty {
      lines.append("  rule sets added: \(matchmaking.ruleSetsAdded.joined(separator: ", "))")
    }
    if !matchmaking.ruleSetsRemoved.isEmpty {
      lines.append("  rule sets removed: \(matchmaking.ruleSetsRemoved.joined(separator: ", "))")
    }
    for ruleSet in matchmaking.ruleSets {
      lines.append(contentsOf: Self.text(ruleSet, limit: limit))
    }
    return lines.joined(separator: "\n")
  }

  static func text(_ ruleSet: RuleSetDiff, limit: Int) -> [String] {
    var lines: [String] = []
    lines.append(
      "  rule set \(ruleSet.name): "
        + (ruleSet.hasChanges
          ? (ruleSet.definitionChanged ? "definition changed" : "same definition")
          : "no change"))
    guard ruleSet.hasChanges else { return lines }
    lines.append(
      "    pairs whose outcome changed: \(ruleSet.pairsChanged); kept \(ruleSet.keptBefore) → \(ruleSet.keptAfter); matches \(ruleSet.matchesBefore) → \(ruleSet.matchesAfter); newly under the threshold \(ruleSet.newlyDropped), newly over it \(ruleSet.newlyKept)"
    )
    if ruleSet.errorsBefore + ruleSet.errorsAfter > 0 {
      lines.append("    pairs failing: \(ruleSet.errorsBefore) → \(ruleSet.errorsAfter)")
    }
    for requirement in ruleSet.requirements {
      lines.append(
        "    require \"\(requirement.requirement)\"\(requirement.line.map { " (line \($0))" } ?? ""): \(requirement.newlyRejected) newly rejected, \(requirement.noLongerRejected) no longer rejected"
      )
      for example in requirement.examples {
        lines.append(
          "      \(example.advertiserID) × \(example.showID): \(example.before) → \(example.after)")
      }
    }
    var scores =
      "    scores: \(ruleSet.scoredOnBoth) pairs scored on both sides, \(ruleSet.scoreChanged) changed; mean Δ \(signed(ruleSet.meanScoreDelta)), mean |Δ| \(number(ruleSet.meanAbsoluteScoreDelta))"
    if let max = ruleSet.maxScoreDelta {
      scores +=
        "; largest \(signed(max.delta)) (\(max.advertiserID) × \(max.showID): \(number(max.before)) → \(number(max.after)))"
    }
    lines.append(scores)
    lines.append(
      "    rankings changed for \(ruleSet.advertisersChanged) advertiser\(ruleSet.advertisersChanged == 1 ? "" : "s"); top 5 changed for \(ruleSet.top5Changed)"
    )
    for advertiser in ruleSet.advertisers {
      lines.append(
        "    \(advertiser.advertiserID): \(advertiser.entering.count) entering, \(advertiser.leaving.count) leaving, \(advertiser.moves.count) changing rank, \(advertiser.rescored) rescored in place\(advertiser.top5Changed ? "; top 5 changed" : "")"
      )
      for entry in advertiser.entering.prefix(limit) {
        lines.append(
          "      + \(entry.showID) at rank \(entry.rank) (\(number(entry.score))); before: \(entry.otherSide)"
        )
      }
      for entry in advertiser.leaving.prefix(limit) {
        lines.append(
          "      − \(entry.showID) from rank \(entry.rank) (\(number(entry.score))); after: \(entry.otherSide)"
        )
      }
      for move in advertiser.moves.prefix(limit) {
        lines.append(
          "      ↕ \(move.showID) rank \(move.from) → \(move.to) (\(number(move.scoreBefore)) → \(number(move.scoreAfter)))"
        )
      }
      for explanation in advertiser.largestMoves {
        // The signals whose part changed (all of them when none did: a requirement decided).
        let moved = explanation.signals.filter {
          $0.contributionBefore != $0.contributionAfter || $0.weightBefore != $0.weightAfter
        }
        let parts = (moved.isEmpty ? explanation.signals : moved).map { signal in
          "\(signal.signal) \(part(signal.weightBefore, signal.valueBefore, signal.contributionBefore)) → \(part(signal.weightAfter, signal.valueAfter, signal.contributionAfter))"
        }
        lines.append(
          "      why \(explanation.showID) (\(explanation.before) → \(explanation.after)): \(parts.joined(separator: "; "))"
        )
      }
    }
    let hidden = ruleSet.advertisersChanged - ruleSet.advertisers.count
    if hidden > 0 {
      lines.append("    … and \(hidden) more advertiser\(hidden == 1 ? "" : "s") (raise --limit)")
    }
    return lines
  }

  /// `0.35 × 0.80 = 0.280`, or `–` when the side lacks the signal or did not score the pair.
  static func part(_ weight: Double?, _ value: Double?, _ contribution: Double?) -> String {
    guard let weight else { return "–" }
    guard let value, let contribution else { return "\(number(weight)) × –" }
    return "\(number(weight)) × \(number(value)) = \(number(contribution))"
  }

  static func describe(_ evaluation: FlagChange.Evaluation) -> String {
    let rule = evaluation.ruleLine.map { ", \(evaluation.file):\($0)" } ?? ""
    return "\(evaluation.variant) (\(evaluation.reason)\(rule))"
  }

  static func compact(_ value: JSONValue) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
  }

  static func number(_ value: Double) -> String { String(format: "%.3f", value) }
  static func signed(_ value: Double) -> String { String(format: "%+.3f", value) }
}
