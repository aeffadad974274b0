import Foundation
import Reports
import Store

extension RulesDiffReport {
  /// The review page: one self-contained HTML file (inline CSS and SVG, no scripts) built from the
  /// report engine's blocks (KPIs, tables, a bar chart), to attach to a review.
  public var html: String { HTMLRenderer().render(document) }

  /// The review page as a report-engine document.
  public var document: Document {
    var blocks: [Block] = []
    blocks.append(
      .markdown(
        """
        **Base** `\(Self.code(base.label))` (\(base.files.map { "`\(Self.code($0))`" }.joined(separator: ", ")))
        → **head** `\(Self.code(head.label))` (\(head.files.map { "`\(Self.code($0))`" }.joined(separator: ", "))).
        \(changed ? "**The change has effects**, listed below." : "**No change**: every flag serves the same value in every context and every pair scores the same.")
        """))
    let pairsChanged = matchmaking.ruleSets.reduce(0) { $0 + $1.pairsChanged }
    let top5 = matchmaking.ruleSets.reduce(0) { $0 + $1.top5Changed }
    blocks.append(
      .kpis([
        .figure("Flags changing value", "\(flags.changed.count)"),
        .figure(
          "Contexts changing", "\(flags.changed.reduce(0) { $0 + $1.contextsChanged })"),
        .figure("Pairs changing outcome", "\(pairsChanged)"),
        .figure("Advertisers whose top 5 changed", "\(top5)"),
      ]))

    // Flags.
    let population =
      flags.population == "database"
      ? "every advertiser as an account × the environments the rules mention (\(flags.environments.joined(separator: ", ")))"
      : "the contexts file"
    blocks.append(
      .markdown("## Flags\n\n\(flags.contexts) contexts: \(population)."))
    var summary: [[String]] = flags.changed.map { change in
      [
        change.flag, "\(change.contextsChanged)",
        change.transitions.map { "\($0.from) → \($0.to) (\($0.count))" }.joined(separator: ", "),
        change.definitionChanged ? "changed" : "same",
      ]
    }
    summary += flags.added.map { [$0, "–", "added", "new"] }
    summary += flags.removed.map { [$0, "–", "removed", "gone"] }
    summary += flags.definitionOnly.map { [$0, "0", "no context changes", "changed"] }
    blocks.append(
      .table(
        TableBlock.cells(
          [
            ("Flag", .text), ("Contexts changing", .number),
            ("From → to", .text), ("Definition", .text),
          ], rows: summary, emptyText: "No flag changes (\(flags.unchanged) unchanged).")))
    for change in flags.changed {
      blocks.append(.markdown("### \(Self.code(change.flag)): examples"))
      blocks.append(
        .table(
          TableBlock.cells(
            [
              ("Context", .text), ("Before", .text),
              ("After", .text),
            ],
            rows: change.examples.map {
              [Self.compact($0.context), Self.describe($0.before), Self.describe($0.after)]
            })))
    }

    // Matchmaking.
    blocks.append(
      .markdown(
        "## Matchmaking\n\nScored as of \(matchmaking.asOf): \(matchmaking.advertisers) advertisers × \(matchmaking.shows) shows, nothing written."
          + (matchmaking.ruleSetsAdded.isEmpty
            ? "" : "\n\nRule sets added: \(matchmaking.ruleSetsAdded.joined(separator: ", ")).")
          + (matchmaking.ruleSetsRemoved.isEmpty
            ? "" : "\n\nRule sets removed: \(matchmaking.ruleSetsRemoved.joined(separator: ", ")).")
      ))
    for (index, ruleSet) in matchmaking.ruleSets.enumerated() {
      blocks += Self.blocks(ruleSet, limit: limit, chartID: "chart-\(index + 1)")
    }
    return Document(
      title: "Rules diff: \(base.label) → \(head.label)", blocks: blocks, provenance: provenance,
      reportTitle: "Rules diff", indexLink: "")
  }

  static func blocks(_ ruleSet: RuleSetDiff, limit: Int, chartID: String) -> [Block] {
    var blocks: [Block] = [
      .markdown(
        "### Rule set \(code(ruleSet.name))\n\n"
          + (ruleSet.definitionChanged ? "Definition changed." : "Same definition.")
          + (ruleSet.hasChanges ? "" : " No pair changes."))
    ]
    guard ruleSet.hasChanges else { return blocks }
    func row(_ label: String, _ before: Int, _ after: Int) -> [String] {
      [label, "\(before)", "\(after)", String(format: "%+d", after - before)]
    }
    blocks.append(
      .table(
        TableBlock.cells(
          [
            ("", .text), ("Before", .number),
            ("After", .number), ("Change", .number),
          ],
          rows: [
            row(
              "Pairs passing every requirement and the threshold", ruleSet.keptBefore,
              ruleSet.keptAfter),
            row(
              "Matches kept (top \(ruleSet.topAfter.map(String.init) ?? "all"))",
              ruleSet.matchesBefore, ruleSet.matchesAfter),
            row("Pairs failing to evaluate", ruleSet.errorsBefore, ruleSet.errorsAfter),
          ])))
    var facts =
      "\(ruleSet.pairsChanged) of \(ruleSet.pairsEvaluated) pairs change outcome "
      + "(\(ruleSet.newlyDropped) fall under the keep threshold, \(ruleSet.newlyKept) rise over it). "
      + "\(ruleSet.scoreChanged) of \(ruleSet.scoredOnBoth) pairs scored on both sides change score: "
      + "mean Δ \(signed(ruleSet.meanScoreDelta)), mean |Δ| \(number(ruleSet.meanAbsoluteScoreDelta))"
    if let max = ruleSet.maxScoreDelta {
      facts +=
        ", largest \(signed(max.delta)) (\(code(max.advertiserID)) × \(code(max.showID)), \(number(max.before)) → \(number(max.after)))"
    }
    facts +=
      ". Rankings change for \(ruleSet.advertisersChanged) advertisers; the top 5 changes for \(ruleSet.top5Changed)."
    blocks.append(.markdown(facts))
    if !ruleSet.requirements.isEmpty {
      blocks.append(.markdown("#### Requirements whose outcome changed"))
      blocks.append(
        .table(
          TableBlock.cells(
            [
              ("Requirement", .text), ("Line", .number),
              ("Newly rejected", .number),
              ("No longer rejected", .number),
              ("Examples", .text),
            ],
            rows: ruleSet.requirements.map { requirement in
              [
                requirement.requirement, requirement.line.map(String.init) ?? "–",
                "\(requirement.newlyRejected)", "\(requirement.noLongerRejected)",
                requirement.examples.map { "\($0.advertiserID) × \($0.showID)" }.joined(
                  separator: ", "),
              ]
            })))
    }
    if !ruleSet.advertisers.isEmpty {
      blocks.append(
        .chart(
          .bars(
            title:
              "Shows entering, leaving and changing rank in the top \(ruleSet.topAfter.map(String.init) ?? "list"), by advertiser",
            labels: ruleSet.advertisers.map(\.advertiserID),
            series: [
              ("entering", ruleSet.advertisers.map { Double($0.entering.count) }),
              ("leaving", ruleSet.advertisers.map { Double($0.leaving.count) }),
              ("changing rank", ruleSet.advertisers.map { Double($0.moves.count) }),
            ], id: chartID)))
      blocks.append(
        .table(
          TableBlock.cells(
            [
              ("Advertiser", .text), ("Entering", .number),
              ("Leaving", .number),
              ("Changing rank", .number),
              ("Rescored in place", .number),
              ("Top 5", .text),
            ],
            rows: ruleSet.advertisers.map {
              [
                $0.advertiserID, "\($0.entering.count)", "\($0.leaving.count)",
                "\($0.moves.count)", "\($0.rescored)", $0.top5Changed ? "changed" : "same",
              ]
            })))
    }
    let hidden = ruleSet.advertisersChanged - ruleSet.advertisers.count
    if hidden > 0 {
      blocks.append(.markdown("\(hidden) more advertisers change; raise `--limit` to see them."))
    }
    for advertiser in ruleSet.advertisers {
      blocks.append(.markdown("#### \(code(advertiser.advertiserID))"))
      var rows: [[String]] = []
      rows += advertiser.entering.prefix(limit).map {
        [
          "entering", $0.showID, "–", "\($0.rank)", "–", number($0.score),
          "before: \($0.otherSide)",
        ]
      }
      rows += advertiser.leaving.prefix(limit).map {
        ["leaving", $0.showID, "\($0.rank)", "–", number($0.score), "–", "after: \($0.otherSide)"]
      }
      rows += advertiser.moves.prefix(limit).map {
        [
          "moved", $0.showID, "\($0.from)", "\($0.to)", number($0.scoreBefore),
          number($0.scoreAfter), signed($0.scoreAfter - $0.scoreBefore),
        ]
      }
      blocks.append(
        .table(
          TableBlock.cells(
            [
              ("", .text), ("Show", .text),
              ("Rank before", .number),
              ("Rank after", .number),
              ("Score before", .number),
              ("Score after", .number), ("Note", .text),
            ], rows: rows)))
      for explanation in advertiser.largestMoves {
        blocks.append(
          .markdown(
            "Why \(code(explanation.showID)) moved: \(explanation.before) → \(explanation.after)."))
        blocks.append(
          .table(
            TableBlock.cells(
              [
                ("Signal", .text), ("Before", .text),
                ("After", .text), ("Δ contribution", .number),
              ],
              rows: explanation.signals.map { signal in
                let delta =
                  (signal.contributionAfter ?? 0) - (signal.contributionBefore ?? 0)
                return [
                  signal.signal,
                  part(signal.weightBefore, signal.valueBefore, signal.contributionBefore),
                  part(signal.weightAfter, signal.valueAfter, signal.contributionAfter),
                  signed(delta),
                ]
              })))
      }
    }
    return blocks
  }

  /// Text for inside a Markdown code span: backticks would end it.
  static func code(_ text: String) -> String {
    text.replacingOccurrences(of: "`", with: "'")
  }
}
