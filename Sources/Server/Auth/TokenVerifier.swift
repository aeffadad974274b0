import Crypto
import Foundation

/// Checks presented bearer tokens against the stored hashes, in constant time.
///
/// The active hashes are cached and re-read from the database at most every `refresh` seconds, so
/// a revoked token stops working within that time without a query on every request.
public final class TokenVerifier: @unchecked Sendable {
  private let tokens: TokenStore
  private let refresh: TimeInterval
  private let lock = NSLock()
  private var cache: [(prefix: String, hash: [UInt8], name: String)] = []
  private var loadedAt = Date.distantPast

  public init(tokens: TokenStore, refresh: TimeInterval = 2) {
    self.tokens = tokens
    self.refresh = refresh
  }

  /// The name of the token, or `nil` when it is unknown or revoked.
  public func verify(_ token: String) -> String? {
    guard token.utf8.count >= TokenStore.prefixLength, token.utf8.count <= 256 else { return nil }
    let presented = Array(SHA256.hash(data: Data(token.utf8)))
    let prefix = String(token.prefix(TokenStore.prefixLength))
    var match: String?
    for entry in current() where entry.prefix == prefix {
      if Self.constantTimeEqual(entry.hash, presented) { match = entry.name }
    }
    return match
  }

  /// True when a token of this name is active (not revoked), as of the last refresh.
  public func isActive(name: String) -> Bool {
    current().contains { $0.name == name }
  }

  /// Forgets the cache, so the next check reads the database.
  public func invalidate() {
    lock.withLock { loadedAt = .distantPast }
  }

  private func current() -> [(prefix: String, hash: [UInt8], name: String)] {
    lock.withLock {
      if Date().timeIntervalSince(loadedAt) > refresh, let fresh = try? tokens.activeHashes() {
        cache = fresh
        loadedAt = Date()
      }
      return cache
    }
  }

  /// Compares two byte arrays in time that depends only on their lengths.
  static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}
