import Crypto
import Foundation
import GRDB

/// API tokens for the HTTP server: created, listed and revoked in the `api_tokens` table.
///
/// A token is `cst_` followed by 40 random hex digits. Only its SHA-256 is stored, with its first
/// 8 characters (the prefix) so that a token can be found and shown without the secret.
///
/// ```swift
/// let created = try TokenStore(store: store).create(name: "sheets")
/// print(created.token)   // shown once
/// ```
public struct TokenStore: Sendable {
  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// What a token may do.
  public enum Scope: String, Sendable, Equatable, Codable, CaseIterable {
    /// Every route of the API and the pages (every token made before scopes existed).
    case all
    /// Evaluating flags only: the OFREP routes and `GET /api/v1/flags/{name}`.
    case flagsRead = "flags:read"
  }

  /// A token as listed: never the secret.
  public struct Entry: Sendable, Equatable, Codable {
    public let id: Int64
    public let name: String
    public let prefix: String
    public let scope: Scope
    public let createdAt: String
    public let revokedAt: String?
  }

  /// A token just created: the secret, which is not stored and cannot be shown again.
  public struct Created: Sendable {
    public let entry: Entry
    public let token: String
  }

  /// Why a token command was refused.
  public enum TokenError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case nameTaken(String)
    case notFound(String)

    public var description: String {
      switch self {
      case .invalidName(let name):
        "Token name '\(name)' is not valid; use 1 to 64 letters, digits, '.', '_' or '-'."
      case .nameTaken(let name):
        "A token named '\(name)' already exists; pick another name or revoke it first."
      case .notFound(let name):
        "No active token named '\(name)'; see `cuesheet tokens list`."
      }
    }
  }

  /// Creates a token named `name` with `scope`, recording only its hash.
  public func create(name: String, scope: Scope = .all, now: Date = Date()) throws -> Created {
    let minted = try Self.mint(name: name, scope: scope, now: now)
    return try store.writer.write { db in try Self.record(db, minted) }
  }

  /// ``create(name:scope:now:)`` through GRDB's async write (no thread waits).
  public func createAsync(name: String, scope: Scope = .all, now: Date = Date()) async throws
    -> Created
  {
    let minted = try Self.mint(name: name, scope: scope, now: now)
    return try await store.writer.write { db in try Self.record(db, minted) }
  }

  /// Every token, oldest first; revoked ones have `revokedAt`.
  public func list() throws -> [Entry] {
    try store.writer.read { db in try Self.list(db) }
  }

  /// ``list()`` through GRDB's async read.
  public func listAsync() async throws -> [Entry] {
    try await store.writer.read { db in try Self.list(db) }
  }

  /// Revokes the active token named `name`.
  public func revoke(name: String, now: Date = Date()) throws {
    try store.writer.write { db in try Self.revoke(db, name: name, now: now) }
  }

  /// ``revoke(name:now:)`` through GRDB's async write.
  public func revokeAsync(name: String, now: Date = Date()) async throws {
    try await store.writer.write { db in try Self.revoke(db, name: name, now: now) }
  }

  /// A new token's secret and the entry to record, before it is written.
  private static func mint(name: String, scope: Scope, now: Date) throws -> Created {
    guard (1...64).contains(name.count),
      name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) })
    else { throw TokenError.invalidName(name) }
    var bytes = [UInt8](repeating: 0, count: 20)
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices { bytes[index] = generator.next() }
    let token = "cst_" + bytes.map { String(format: "%02x", $0) }.joined()
    return Created(
      entry: Entry(
        id: 0, name: name, prefix: String(token.prefix(prefixLength)), scope: scope,
        createdAt: Timestamp.string(now), revokedAt: nil),
      token: token)
  }

  /// Records `minted` in `db`; the answer carries the row's id.
  private static func record(_ db: Database, _ minted: Created) throws -> Created {
    let entry = minted.entry
    if try Bool.fetchOne(
      db, sql: "SELECT 1 FROM api_tokens WHERE name = ? AND revoked_at IS NULL",
      arguments: [entry.name]
    ) == true {
      throw TokenError.nameTaken(entry.name)
    }
    // A revoked token's name may be reused: the old row is renamed out of the way.
    try db.execute(
      sql:
        "UPDATE api_tokens SET name = name || '#' || token_id WHERE name = ? AND revoked_at IS NOT NULL",
      arguments: [entry.name])
    try db.execute(
      sql:
        "INSERT INTO api_tokens (name, token_sha256, prefix, scope, created_at) VALUES (?, ?, ?, ?, ?)",
      arguments: [
        entry.name, hash(minted.token), entry.prefix, entry.scope.rawValue, entry.createdAt,
      ])
    return Created(
      entry: Entry(
        id: db.lastInsertedRowID, name: entry.name, prefix: entry.prefix, scope: entry.scope,
        createdAt: entry.createdAt, revokedAt: nil),
      token: minted.token)
  }

  private static func list(_ db: Database) throws -> [Entry] {
    try Row.fetchAll(
      db,
      sql:
        "SELECT token_id, name, prefix, scope, created_at, revoked_at FROM api_tokens ORDER BY token_id"
    )
    .map {
      Entry(
        id: $0[0], name: $0[1], prefix: $0[2], scope: Scope(rawValue: $0[3]) ?? .flagsRead,
        createdAt: $0[4], revokedAt: $0[5])
    }
  }

  private static func revoke(_ db: Database, name: String, now: Date) throws {
    try db.execute(
      sql: "UPDATE api_tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL",
      arguments: [Timestamp.string(now), name])
    if db.changesCount == 0 { throw TokenError.notFound(name) }
  }

  /// An active token as the server's verifier holds it.
  public typealias ActiveToken = (prefix: String, hash: [UInt8], name: String, scope: Scope)

  /// The active tokens' prefixes, hashes, names and scopes, for the server's token verifier.
  public func activeHashes() throws -> [ActiveToken] {
    try store.writer.read { db in try Self.activeHashes(db) }
  }

  /// The active tokens' prefixes, hashes and names, read through GRDB's async API (off the caller's
  /// thread), for the verifier's background refresh.
  public func fetchActiveHashes() async throws -> [ActiveToken] {
    try await store.writer.read { db in try Self.activeHashes(db) }
  }

  /// The active tokens' prefixes, hashes, names and scopes, read in `db`. An unknown scope (from
  /// a newer Cuesheet) is read as the narrowest, `flags:read`.
  public static func activeHashes(_ db: Database) throws -> [ActiveToken] {
    try Row.fetchAll(
      db,
      sql: "SELECT prefix, token_sha256, name, scope FROM api_tokens WHERE revoked_at IS NULL"
    )
    .map { row in (row[0], Self.bytes(hex: row[1]), row[2], Scope(rawValue: row[3]) ?? .flagsRead) }
  }

  /// How many leading characters of a token are stored in the clear, to find it.
  public static let prefixLength = 8

  /// The hex SHA-256 of a token.
  public static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  public static func bytes(hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var iterator = hex.utf8.makeIterator()
    while let high = iterator.next(), let low = iterator.next() {
      out.append(UInt8(Self.nibble(high) << 4 | Self.nibble(low)))
    }
    return out
  }

  private static func nibble(_ c: UInt8) -> UInt8 {
    switch c {
    case 48...57: c - 48
    case 97...102: c - 87
    case 65...70: c - 55
    default: 0
    }
  }
}
