import Foundation
import GRDB
import Store

/// A row of `matches`, as `match list` shows it.
public struct StoredMatch: Sendable, Codable, Equatable {
  /// One signal's part in a score.
  public struct SignalPart: Sendable, Codable, Equatable {
    public let name: String
    public let value: Double
    public let weight: Double
    public let contribution: Double
  }

  public let advertiserID: String
  public let showID: String
  public let showName: String?
  public let score: Double
  public let rank: Int
  public let signals: [SignalPart]
  public let reasons: [String]
  public let ruleSet: String
  public let ruleHash: String
  public let calculatedAt: String

  /// The stored matches of an advertiser, best first.
  public static func fetch(_ db: Database, advertiserID: String, top: Int? = nil) throws
    -> [StoredMatch]
  {
    var sql = """
      SELECT m.advertiser_id, m.show_id, s.name, m.score, m.rank, m.signals, m.reasons, m.rule_set,
             m.rule_hash, m.calculated_at
      FROM matches m LEFT JOIN shows s ON s.show_id = m.show_id
      WHERE m.advertiser_id = ? ORDER BY m.rank
      """
    var arguments: StatementArguments = [advertiserID]
    if let top {
      sql += " LIMIT ?"
      arguments += [top]
    }
    let decoder = JSONDecoder()
    return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
      StoredMatch(
        advertiserID: row[0], showID: row[1], showName: row[2], score: row[3], rank: row[4],
        signals: try decoder.decode([SignalPart].self, from: Data((row[5] as String).utf8)),
        reasons: try decoder.decode([String].self, from: Data((row[6] as String).utf8)),
        ruleSet: row[7], ruleHash: row[8], calculatedAt: row[9])
    }
  }

  /// Every stored ranking as advertiser → show ids in rank order (for dry-run diffs).
  static func rankings(_ db: Database, advertiserIDs: [String]) throws -> [String: [String]] {
    var rankings: [String: [String]] = [:]
    let rows = try Row.fetchAll(
      db,
      sql: """
        SELECT advertiser_id, show_id FROM matches
        WHERE advertiser_id IN (\(advertiserIDs.map { _ in "?" }.joined(separator: ",")))
        ORDER BY advertiser_id, rank
        """, arguments: StatementArguments(advertiserIDs))
    for row in rows { rankings[row[0], default: []].append(row[1]) }
    return rankings
  }
}
