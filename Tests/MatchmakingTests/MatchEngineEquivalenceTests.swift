import CuesheetTesting
import Diagnostics
import Expressions
import Foundation
import Rules
import Testing

@testable import Matchmaking

/// The engine (per-advertiser specialisation, bounded top-N heap) gives byte-identical results to
/// the plain evaluation it replaced: every pair evaluated with the unspecialised rule set, every
/// kept pair sorted, the list cut to `top N`. Compared: rankings, scores and signal values (the
/// stored reasons are computed from them) bit for bit, rejection counts, drops, errors and the
/// first error's show and message.
@Suite("MatchEngine equivalence")
struct MatchEngineEquivalenceTests {
  static let root = PackageRoot.url

  /// The default rule set, and one with lets, advertiser-only requirements and errors for some
  /// pairs (integer division by zero, a signal out of range).
  static func ruleSets() throws -> [RuleSet] {
    let defaults = try RuleLoader.load(paths: [root.appendingPathComponent("rules").path])
    let extra = try RuleLoader.load([
      SourceFile(
        name: "extra.rules",
        text: """
          matchmaking stress {
            let wanted = advertiser.target_categories
            let budget = advertiser.max_cpm * 1.5
            let shared = show.categories.filter(c, c in wanted)
            require "has targets": size(wanted) > 0
            require "budget": show.cpm <= budget || advertiser.allows_explicit
            require "ratio": show.downloads_30d / advertiser.min_downloads >= 0
            signal "fit" weight 0.5: double(size(shared)) / double(size(wanted))
            signal "price" weight 0.3: advertiser.max_cpm / show.cpm
            signal "reach" weight 0.2: math.least(1.0, double(show.downloads_30d) / 50000.0)
            keep score >= 0.2
            top 7 per advertiser
          }
          """)
    ])
    return [
      try #require(defaults.ruleSet(named: "default")),
      try #require(extra.ruleSet(named: "stress")),
    ]
  }

  // MARK: - Inputs

  static let categories = [
    "technology", "business", "comedy", "true_crime", "sports", "health", "science", "news",
    "society", "history", "music", "education", "leisure",
  ]

  static func advertiser(
    _ id: String, category: String, targets: [String], excluded: [String], explicit: Bool,
    maxCPM: Double, minDownloads: Int64
  ) throws -> MatchSubject {
    MatchSubject(
      id: id,
      value: try MatchInputs.advertiser.value([
        "advertiser_id": .string(id), "name": .string(id), "category": .string(category),
        "target_categories": .list(targets.map(Value.string)),
        "excluded_categories": .list(excluded.map(Value.string)),
        "allows_explicit": .bool(explicit), "max_cpm": .double(maxCPM),
        "min_downloads": .int(minDownloads),
      ]))
  }

  static func show(
    _ id: String, categories: [String], explicit: Bool, language: String, cpm: Double,
    downloads: Int64
  ) throws -> MatchSubject {
    MatchSubject(
      id: id,
      value: try MatchInputs.show.value([
        "show_id": .string(id), "name": .string(id), "creator": .string("c"),
        "categories": .list(categories.map(Value.string)), "explicit": .bool(explicit),
        "language": .string(language), "country": .string("US"), "cpm": .double(cpm),
        "description": .string(""), "downloads_30d": .int(downloads),
        "listeners_30d": .int(downloads / 2), "impressions_30d": .int(downloads * 2),
        "avg_episode_downloads": .double(Double(downloads) / 4), "episode_count": .int(4),
        "active_io_count": .int(0),
      ]))
  }

  /// The sample advertisers and shows (samples/*.csv), with downloads derived from the row.
  static func samples() throws -> ([MatchSubject], [MatchSubject]) {
    func rows(_ name: String) throws -> [[String: String]] {
      let text = try String(
        contentsOf: root.appendingPathComponent("samples/\(name)"), encoding: .utf8)
      var lines = csv(text)
      let header = lines.removeFirst()
      return lines.filter { $0.count == header.count }.map {
        Dictionary(uniqueKeysWithValues: zip(header, $0))
      }
    }
    func list(_ text: String?) -> [String] {
      (text ?? "").split(separator: ";").map(String.init)
    }
    let advertisers = try rows("advertisers.csv").map { row in
      try advertiser(
        row["advertiser_id"]!, category: row["category"] ?? "",
        targets: list(row["target_categories"]),
        excluded: list(row["excluded_categories"]), explicit: row["allows_explicit"] == "yes",
        maxCPM: Double(row["max_cpm"] ?? "") ?? 0,
        minDownloads: Int64(row["min_downloads"] ?? "") ?? 0)
    }
    let shows = try rows("shows.csv").enumerated().map { index, row in
      try show(
        row["show_id"]!, categories: list(row["categories"]), explicit: row["explicit"] == "true",
        language: row["language"] ?? "", cpm: Double(row["cpm"] ?? "") ?? 0,
        downloads: Int64(500 + index * 731 % 6000))
    }
    return (advertisers, shows)
  }

  /// A deterministic network: `advertiserCount` × `showCount` with varied fields.
  static func network(advertisers advertiserCount: Int, shows showCount: Int) throws -> (
    [MatchSubject], [MatchSubject]
  ) {
    var random = SeededRandom(seed: 7)
    func pick(_ count: Int) -> [String] {
      Array(Set((0..<count).map { _ in categories[random.below(categories.count)] })).sorted()
    }
    let advertisers = try (0..<advertiserCount).map { index in
      try advertiser(
        "adv-\(index)", category: index % 9 == 0 ? "international" : categories[index % 13],
        targets: index % 37 == 0 ? [] : pick(1 + random.below(3)), excluded: pick(random.below(2)),
        explicit: random.below(2) == 0, maxCPM: Double(10 + random.below(40)),
        minDownloads: index % 23 == 0 ? 0 : Int64(500 + random.below(8000)))
    }
    let shows = try (0..<showCount).map { index in
      try show(
        "show-\(String(index, radix: 36))", categories: pick(1 + random.below(3)),
        explicit: random.below(4) == 0, language: random.below(5) == 0 ? "es" : "en",
        cpm: index % 101 == 0 ? 0 : Double(8 + random.below(45)) + 0.25,
        downloads: Int64(random.below(20_000)))
    }
    return (advertisers, shows)
  }

  // MARK: - The reference: today's evaluation

  static func reference(_ ruleSet: RuleSet, _ advertiser: MatchSubject, _ shows: [MatchSubject])
    -> AdvertiserResult
  {
    var activation = ruleSet.makeActivation()
    ruleSet.bind(advertiser: advertiser.value, show: nil, in: &activation)
    var signals: [Double] = []
    var kept: [ScoredMatch] = []
    var rejected = Array(repeating: 0, count: ruleSet.requirements.count)
    var dropped = 0
    var errors = 0
    var firstError: (String, String)?
    for show in shows {
      ruleSet.bind(advertiser: nil, show: show.value, in: &activation)
      switch ruleSet.evaluate(&activation, signalValues: &signals) {
      case .kept(let score):
        kept.append(ScoredMatch(showID: show.id, score: score, signals: signals))
      case .dropped: dropped += 1
      case .rejected(let index): rejected[index] += 1
      case .error(let message):
        errors += 1
        if firstError == nil { firstError = (show.id, message) }
      }
    }
    let keptCount = kept.count
    kept.sort { $0.score != $1.score ? $0.score > $1.score : $0.showID < $1.showID }
    if let top = ruleSet.top, kept.count > top { kept.removeSubrange(top...) }
    return AdvertiserResult(
      advertiserID: advertiser.id, matches: kept, evaluated: shows.count, rejected: rejected,
      dropped: dropped, kept: keptCount, firstError: firstError, errors: errors)
  }

  /// Every observable part of a result, doubles as bit patterns.
  static func fingerprint(_ result: AdvertiserResult) -> String {
    let matches = result.matches.enumerated().map { rank, match in
      "#\(rank + 1) \(match.showID) \(match.score.bitPattern) [\(match.signals.map { String($0.bitPattern) }.joined(separator: ","))]"
    }
    return
      "\(result.advertiserID) evaluated=\(result.evaluated) rejected=\(result.rejected) dropped=\(result.dropped) kept=\(result.kept) errors=\(result.errors) first=\(result.firstError.map { "\($0.showID): \($0.message)" } ?? "-")\n"
      + matches.joined(separator: "\n")
  }

  static func expectSame(
    _ results: [AdvertiserResult], _ expected: [String], _ label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let actual = results.map(fingerprint)
    #expect(actual.count == expected.count, "\(label)", sourceLocation: sourceLocation)
    let differing = zip(actual, expected).filter { $0 != $1 }
    #expect(
      differing.isEmpty,
      "\(label): \(differing.count) advertisers differ, first:\n\(differing.first.map { "engine:\n\($0.0)\nreference:\n\($0.1)" } ?? "")",
      sourceLocation: sourceLocation)
  }

  // MARK: - Tests

  @Test("the samples: same rankings, scores, reasons and errors as the plain evaluation")
  func samplesAgree() async throws {
    let (advertisers, shows) = try Self.samples()
    #expect(advertisers.count >= 10 && shows.count >= 12)
    for ruleSet in try Self.ruleSets() {
      let expected = advertisers.map { Self.fingerprint(Self.reference(ruleSet, $0, shows)) }
      for workers in [1, 2, 3, 8] {
        let results = await MatchEngine.score(
          ruleSet: ruleSet, advertisers: advertisers, shows: shows, workers: workers)
        Self.expectSame(results, expected, "\(ruleSet.name), \(workers) workers")
      }
    }
  }

  @Test("a generated 200 × 2,000 network: same results as the plain evaluation")
  func generatedNetworkAgrees() async throws {
    let (advertisers, shows) = try Self.network(advertisers: 200, shows: 2_000)
    for ruleSet in try Self.ruleSets() {
      let expected = advertisers.map { Self.fingerprint(Self.reference(ruleSet, $0, shows)) }
      // The stress rule set must exercise every path the comparison is about.
      let kept = expected.filter { $0.contains("\n#1 ") }.count
      #expect(kept > 0, "\(ruleSet.name): no advertiser kept a show")
      let results = await MatchEngine.score(
        ruleSet: ruleSet, advertisers: advertisers, shows: shows, workers: 2)
      Self.expectSame(results, expected, "\(ruleSet.name), 200 × 2,000")
    }
  }

  @Test("worker counts 1, 2, 3 and 8 agree, specialised or not", arguments: [1, 2, 3, 8])
  func workersAgree(workers: Int) async throws {
    let (advertisers, shows) = try Self.network(advertisers: 40, shows: 500)
    for ruleSet in try Self.ruleSets() {
      let expected = advertisers.map { Self.fingerprint(Self.reference(ruleSet, $0, shows)) }
      for specialize in [true, false] {
        let results = await MatchEngine.score(
          ruleSet: ruleSet, advertisers: advertisers, shows: shows, workers: workers,
          specialize: specialize)
        Self.expectSame(results, expected, "\(ruleSet.name), specialize \(specialize)")
      }
    }
  }

  @Test("the stress rule set reports errors for the same pairs with the same messages")
  func errorsAgree() async throws {
    let (advertisers, shows) = try Self.network(advertisers: 60, shows: 300)
    let stress = try Self.ruleSets()[1]
    let expected = advertisers.map { Self.reference(stress, $0, shows) }
    #expect(expected.contains { $0.errors > 0 }, "the network must produce some errors")
    let results = await MatchEngine.score(
      ruleSet: stress, advertisers: advertisers, shows: shows, workers: 2)
    for (result, reference) in zip(results, expected) {
      #expect(result.errors == reference.errors)
      #expect(result.firstError?.showID == reference.firstError?.showID)
      #expect(result.firstError?.message == reference.firstError?.message)
    }
  }
}

/// Splits CSV text into rows of fields (RFC 4180 quoting).
private func csv(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var iterator = Array(text).makeIterator()
  var pending: Character? = nil
  while let character = pending ?? iterator.next() {
    pending = nil
    if quoted {
      if character == "\"" {
        if let next = iterator.next() {
          if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
        } else {
          quoted = false
        }
      } else {
        field.append(character)
      }
      continue
    }
    switch character {
    case "\"": quoted = true
    case ",": row.append(field); field = ""
    case "\n", "\r\n":
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    default: field.append(character)
    }
  }
  if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
  return rows
}

/// SplitMix64, so generated networks are the same every run.
private struct SeededRandom {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
