import Application
import Diagnostics
import Expressions
import Foundation
import Matchmaking
import Reports
import Rules
import Store
import Testing

/// Hand-computed diffs: each case is small enough to work out on paper (see the comments).
@Suite("rules diff: what a rule change does, computed by hand")
struct RulesDiffTests {
  // MARK: - Fixture

  /// The fixture network. Shows are all English, clean and priced the same; what differs is
  /// categories and 30-day downloads:
  ///
  /// | show | categories    | downloads |
  /// |------|---------------|-----------|
  /// | s1   | tech          | 10000     |
  /// | s2   | tech, business| 5000      |
  /// | s3   | comedy        | 2000      |
  /// | s4   | tech          | 800       |
  /// | s5   | comedy, tech  | 400       |
  ///
  /// a1 targets tech with a 4,000 download minimum; a2 targets comedy and tech with 1,000.
  static let shows: [MatchSubject] = [
    ("s1", ["tech"], 10000), ("s2", ["tech", "business"], 5000), ("s3", ["comedy"], 2000),
    ("s4", ["tech"], 800), ("s5", ["comedy", "tech"], 400),
  ].map { id, categories, downloads in
    subject(
      MatchInputs.show, id: id,
      json:
        #"{"show_id": "\#(id)", "categories": \#(list(categories)), "language": "en", "cpm": 20, "downloads_30d": \#(downloads)}"#
    )
  }

  static let advertisers: [MatchSubject] = [
    ("a1", ["tech"], 4000), ("a2", ["comedy", "tech"], 1000),
  ].map { id, targets, minimum in
    subject(
      MatchInputs.advertiser, id: id,
      json:
        #"{"advertiser_id": "\#(id)", "target_categories": \#(list(targets)), "max_cpm": 30, "min_downloads": \#(minimum)}"#
    )
  }

  /// The base rule set. Scores (fit × 0.5 + reach × 0.5; fit = shared / targets,
  /// reach = min(1, downloads / minimum)); the requirement is downloads ≥ minimum / 4:
  ///
  /// - a1 (threshold 1,000): s1 1.0, s2 1.0, s3 0 + 0.25 = 0.25 (under 0.3: dropped),
  ///   s4 and s5 rejected (800, 400 < 1,000). Ranking: s1, s2.
  /// - a2 (threshold 250): s1, s2, s3 0.75; s5 0.5 + 0.2 = 0.70; s4 0.25 + 0.4 = 0.65.
  ///   Top 4: s1, s2, s3, s5 (s4 kept, outside the top 4).
  static func matchmaking(
    fit: String = "0.5", reach: String = "0.5", minimum: String = "advertiser.min_downloads / 4",
    name: String = "default"
  ) -> String {
    """
    matchmaking \(name) {
      require "audience minimum": show.downloads_30d >= \(minimum)
      signal "category fit" weight \(fit): double(size(show.categories.filter(c, c in advertiser.target_categories))) / double(size(advertiser.target_categories))
      signal "reach" weight \(reach): math.least(1.0, double(show.downloads_30d) / double(advertiser.min_downloads))
      keep score >= 0.3
      top 4 per advertiser
    }

    """
  }

  static let flags = """
    flag ROLLOUT {
      default off
      when env == "production" => rollout 10% by account.id
    }

    flag GATE {
      default on
      when env == "ci" => off
    }

    flag REPORTS {
      default on
    }

    """

  static func subject(_ type: RecordType, id: String, json: String) -> MatchSubject {
    MatchSubject(id: id, value: try! MatchInputs.record(type, json: json))
  }

  static func list(_ items: [String]) -> String {
    "[" + items.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
  }

  static func book(_ text: String, name: String = "rules/test.rules") throws -> RuleBook {
    try RuleLoader.load([SourceFile(name: name, text: text)])
  }

  /// 40 accounts (`acct-0` … `acct-39`) in `production` and `ci`.
  static let population = FlagPopulation.accounts(
    (0..<40).map { "acct-\($0)" }, environments: ["ci", "production"])

  static func diff(
    base: String, head: String, population: FlagPopulation = population, limit: Int = 10
  ) async throws -> RulesDiffReport {
    try await RulesDiff.compare(
      base: .init(label: "base", book: try book(base)),
      head: .init(label: "head", book: try book(head)), advertisers: advertisers, shows: shows,
      asOf: Day(parsing: "2026-11-24")!, population: population, limit: limit,
      now: Date(timeIntervalSince1970: 1_795_000_000),
      provenance: .of(
        builtAt: "2026-11-25T00:00:00Z", database: "fixture", latestImportID: nil,
        metricsFirstDay: nil, metricsLastDay: nil),
      workers: 2)
  }

  // MARK: - Cases

  @Test("identical rules: nothing changes, every count is zero")
  func identical() async throws {
    let rules = Self.flags + Self.matchmaking()
    let report = try await Self.diff(base: rules, head: rules)
    #expect(!report.changed)
    #expect(report.flags.changed.isEmpty && report.flags.definitionOnly.isEmpty)
    #expect(report.flags.unchanged == 3)
    #expect(report.flags.contexts == 80)
    let ruleSet = try #require(report.matchmaking.ruleSets.first)
    #expect(!ruleSet.definitionChanged)
    #expect(ruleSet.pairsChanged == 0 && ruleSet.scoreChanged == 0)
    #expect(ruleSet.advertisersChanged == 0 && ruleSet.advertisers.isEmpty)
    #expect(ruleSet.pairsEvaluated == 10)
    #expect(ruleSet.matchesBefore == 6 && ruleSet.matchesAfter == 6)
    #expect(report.text.contains("no change"))
  }

  @Test("a rollout raised from 10% to 30%: exactly the units bucketed in [1000, 3000) flip on")
  func rolloutRaised() async throws {
    let head = Self.flags.replacingOccurrences(of: "rollout 10%", with: "rollout 30%")
    let report = try await Self.diff(
      base: Self.flags + Self.matchmaking(), head: head + Self.matchmaking())
    let expected = (0..<40).map { "acct-\($0)" }.filter {
      (1000..<3000).contains(Bucketing.bucket(salt: "ROLLOUT", unit: $0))
    }
    #expect(!expected.isEmpty, "the fixture should bucket some accounts between 10% and 30%")
    #expect(report.changed)
    let change = try #require(report.flags.changed.first)
    #expect(report.flags.changed.count == 1)
    #expect(change.flag == "ROLLOUT" && change.definitionChanged)
    #expect(change.contextsChanged == expected.count)
    #expect(
      change.transitions.map { "\($0.from)→\($0.to) \($0.count)" } == ["off→on \(expected.count)"])
    let examples = change.examples.map { example -> String in
      guard case .object(let context) = example.context,
        case .object(let account)? = context["account"],
        case .string(let id)? = account["id"]
      else { return "" }
      return id
    }
    #expect(examples == Array(expected.prefix(5)))
    #expect(change.examples.allSatisfy { $0.before.reason == "SPLIT" && $0.after.ruleLine == 3 })
    #expect(report.flags.unchanged == 2)
    #expect(report.matchmaking.ruleSets.first?.pairsChanged == 0)
  }

  @Test("a prerequisite added: the flag turns off exactly where its prerequisite is off")
  func prerequisiteAdded() async throws {
    let head = Self.flags.replacingOccurrences(
      of: "flag REPORTS {\n  default on", with: "flag REPORTS {\n  requires GATE\n  default on")
    #expect(head != Self.flags)
    let report = try await Self.diff(base: Self.flags, head: head)
    let change = try #require(report.flags.changed.first { $0.flag == "REPORTS" })
    // GATE is off in `ci`: the 40 ci contexts; production keeps REPORTS on.
    #expect(change.contextsChanged == 40)
    #expect(change.transitions.map { "\($0.from)→\($0.to) \($0.count)" } == ["on→off 40"])
    #expect(change.examples.count == 5)
    #expect(change.examples.allSatisfy { $0.after.reason == "PREREQUISITE_FAILED" })
    #expect(change.examples.first?.after.message == "GATE is off, not on")
  }

  @Test("a definition reworded without effect is reported as definition only")
  func definitionOnly() async throws {
    let head = Self.flags.replacingOccurrences(
      of: "flag REPORTS {\n  default on",
      with: "flag REPORTS {\n  default on\n  when env == \"qa\" => on")
    let report = try await Self.diff(base: Self.flags, head: head)
    #expect(report.flags.changed.isEmpty)
    #expect(report.flags.definitionOnly == ["REPORTS"])
    #expect(report.changed)
    // Comments and indentation alone are not a change.
    let recommented = Self.flags.replacingOccurrences(
      of: "  default off", with: "    default   off  # x")
    let same = try await Self.diff(base: Self.flags, head: recommented)
    #expect(!same.changed)
  }

  @Test("a requirement tightened: exactly the pairs under the new minimum are newly rejected")
  func requirementTightened() async throws {
    // minimum / 1: a1 needs 4,000 (s3 at 2,000 now rejected, it was dropped); a2 needs 1,000
    // (s4 at 800 now rejected: it was kept outside the top 4; s5 at 400 leaves the top 4 and
    // s4 cannot replace it).
    let report = try await Self.diff(
      base: Self.flags + Self.matchmaking(),
      head: Self.flags + Self.matchmaking(minimum: "advertiser.min_downloads"))
    let ruleSet = try #require(report.matchmaking.ruleSets.first)
    #expect(ruleSet.definitionChanged)
    let requirement = try #require(ruleSet.requirements.first)
    #expect(ruleSet.requirements.count == 1)
    #expect(requirement.requirement == "audience minimum")
    #expect(requirement.newlyRejected == 3)
    #expect(requirement.noLongerRejected == 0)
    #expect(
      requirement.examples.map { "\($0.advertiserID)×\($0.showID)" } == ["a1×s3", "a2×s4", "a2×s5"])
    #expect(
      requirement.examples.map(\.before) == [
        "under the keep threshold", "kept", "kept",
      ])
    #expect(requirement.examples.allSatisfy { $0.after == "rejected: audience minimum" })
    #expect(ruleSet.pairsChanged == 3)
    #expect(ruleSet.keptBefore == 7 && ruleSet.keptAfter == 5)
    #expect(ruleSet.matchesBefore == 6 && ruleSet.matchesAfter == 5)
    #expect(ruleSet.advertisersChanged == 1)
    let a2 = try #require(ruleSet.advertisers.first)
    #expect(a2.advertiserID == "a2")
    #expect(a2.entering.isEmpty)
    #expect(a2.leaving.map(\.showID) == ["s5"])
    #expect(a2.leaving.first?.rank == 4)
    #expect(a2.leaving.first?.otherSide == "rejected: audience minimum")
    #expect(a2.moves.isEmpty)
  }

  @Test("a weight changed: the exact rank moves and score deltas")
  func weightChanged() async throws {
    // fit 0.8, reach 0.2. a2: s1, s2, s3 0.4 + 0.2 = 0.60 (−0.15); s5 0.8 + 0.08 = 0.88 (+0.18);
    // s4 0.4 + 0.16 = 0.56 (−0.09). New top 4: s5, s1, s2, s3. a1: s1, s2 stay 1.0; s3
    // 0.2 × 0.5 = 0.10 (−0.15), still dropped.
    let report = try await Self.diff(
      base: Self.flags + Self.matchmaking(),
      head: Self.flags + Self.matchmaking(fit: "0.8", reach: "0.2"))
    let ruleSet = try #require(report.matchmaking.ruleSets.first)
    #expect(ruleSet.pairsChanged == 0)
    #expect(ruleSet.scoredOnBoth == 8)
    #expect(ruleSet.scoreChanged == 6)
    let largest = try #require(ruleSet.maxScoreDelta)
    #expect(largest.advertiserID == "a2" && largest.showID == "s5")
    #expect(abs(largest.delta - 0.18) < 1e-9)
    #expect(abs(ruleSet.meanScoreDelta - (-0.15 * 4 + 0.18 - 0.09) / 8) < 1e-9)
    #expect(ruleSet.advertisersChanged == 1 && ruleSet.top5Changed == 1)
    #expect(ruleSet.top5ChangedAdvertisers == ["a2"])
    let a2 = try #require(ruleSet.advertisers.first)
    #expect(a2.entering.isEmpty && a2.leaving.isEmpty)
    #expect(
      a2.moves.map { "\($0.showID) \($0.from)→\($0.to)" } == [
        "s5 4→1", "s1 1→2", "s2 2→3", "s3 3→4",
      ])
    #expect(
      a2.moves.allSatisfy {
        abs(($0.scoreAfter - $0.scoreBefore) - ($0.showID == "s5" ? 0.18 : -0.15)) < 1e-9
      })
    // Why s5 moved: fit 0.5 × 1 = 0.5 → 0.8 × 1 = 0.8; reach 0.5 × 0.4 = 0.2 → 0.2 × 0.4 = 0.08.
    let why = try #require(a2.largestMoves.first)
    #expect(why.showID == "s5")
    #expect(why.signals.map(\.signal) == ["category fit", "reach"])
    #expect(why.signals[0].contributionBefore == 0.5 && why.signals[0].weightAfter == 0.8)
    #expect(abs((why.signals[1].contributionAfter ?? 0) - 0.08) < 1e-9)
    #expect(why.before == "rank 4 at 0.700" && why.after == "rank 1 at 0.880")
  }

  @Test("a rule set renamed is reported as one removed and one added")
  func ruleSetRenamed() async throws {
    let report = try await Self.diff(
      base: Self.flags + Self.matchmaking(),
      head: Self.flags + Self.matchmaking(name: "main"))
    #expect(report.changed)
    #expect(report.matchmaking.ruleSetsRemoved == ["default"])
    #expect(report.matchmaking.ruleSetsAdded == ["main"])
    #expect(report.matchmaking.ruleSets.isEmpty)
  }

  @Test("the environments a population spans are those the conditions compare env with")
  func environments() throws {
    let book = try Self.book(
      """
      flag A {
        default off
        when env == "staging" || "qa" == env => on
        when env in ["production", 'eu-prod'] && account.env == "ignored" => on
        when env != "dev" => on
      }
      """)
    #expect(
      FlagPopulation.environments(mentionedBy: [book.flags])
        == ["dev", "eu-prod", "production", "qa", "staging"])
    let plain = try Self.book("flag B {\n  default on\n}\n")
    #expect(FlagPopulation.environments(mentionedBy: [plain.flags]) == ["production"])
  }

  @Test("a contexts file: one context per line; a bad line names its file and line")
  func contextsFile() throws {
    let population = try FlagPopulation.jsonLines(
      "# staging accounts\n{\"env\": \"staging\"}\n\n{\"env\": \"ci\", \"account\": {\"id\": \"x\"}}\n",
      file: "c.jsonl")
    #expect(population.members.map(\.origin) == ["c.jsonl:2", "c.jsonl:4"])
    #expect(throws: RulesDiffError.self) {
      try FlagPopulation.jsonLines("{\"env\": \"a\"}\n[1, 2]\n", file: "c.jsonl")
    }
    do {
      _ = try FlagPopulation.jsonLines("{\"env\": \"a\"}\nnot json\n", file: "c.jsonl")
    } catch {
      #expect("\(error)".hasPrefix("c.jsonl:2: not a flag context"))
    }
  }

  @Test("the review page is one self-contained HTML file with the report's tables")
  func htmlPage() async throws {
    let report = try await Self.diff(
      base: Self.flags + Self.matchmaking(),
      head: Self.flags.replacingOccurrences(of: "rollout 10%", with: "rollout 30%")
        + Self.matchmaking(fit: "0.8", reach: "0.2"))
    let html = report.html
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<table>") && html.contains("<svg"))
    #expect(!html.contains("<script"))
    #expect(html.contains("ROLLOUT") && html.contains("s5"))
  }
}
