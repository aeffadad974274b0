import Foundation

/// The page sessions: the login form trades a token for a random session id, which is what the
/// `cuesheet_session` cookie holds; logout revokes it.
///
/// The raw API token never goes into a cookie. A session is good for ``lifetime`` seconds, only
/// while the token it was opened with is still active (revoking the token ends its sessions
/// within the verifier's refresh time), and only in this server process: a restart signs
/// everyone out. At most ``capacity`` sessions are kept; beyond that the oldest is dropped.
///
/// ```swift
/// let id = sessions.open(tokenName: "ops-laptop")     // the cookie value
/// sessions.tokenName(for: id)                         // "ops-laptop", until expiry or logout
/// sessions.close(id)
/// ```
public final class SessionStore: @unchecked Sendable {
  /// How long a session lasts, in seconds (12 hours).
  public let lifetime: TimeInterval
  /// The most sessions kept at once.
  public let capacity: Int
  private let lock = NSLock()
  private var sessions: [String: (tokenName: String, expires: Date)] = [:]

  public init(lifetime: TimeInterval = 12 * 3600, capacity: Int = 10_000) {
    self.lifetime = lifetime
    self.capacity = capacity
  }

  /// Opens a session for the token named `tokenName`; returns its id (64 hex digits).
  public func open(tokenName: String, now: Date = Date()) -> String {
    var bytes = [UInt8](repeating: 0, count: 32)
    var generator = SystemRandomNumberGenerator()
    for index in bytes.indices { bytes[index] = generator.next() }
    let id = bytes.map { String(format: "%02x", $0) }.joined()
    lock.withLock {
      if sessions.count >= capacity {
        sessions = sessions.filter { $0.value.expires > now }
        if sessions.count >= capacity,
          let oldest = sessions.min(by: { $0.value.expires < $1.value.expires })
        {
          sessions[oldest.key] = nil
        }
      }
      sessions[id] = (tokenName, now.addingTimeInterval(lifetime))
    }
    return id
  }

  /// The token name behind a live session, or `nil` when the id is unknown, closed or expired.
  public func tokenName(for id: String, now: Date = Date()) -> String? {
    guard id.utf8.count == 64 else { return nil }
    return lock.withLock {
      guard let session = sessions[id] else { return nil }
      if session.expires <= now {
        sessions[id] = nil
        return nil
      }
      return session.tokenName
    }
  }

  /// Ends a session (logout).
  public func close(_ id: String) {
    lock.withLock { sessions[id] = nil }
  }

  /// How many sessions are open.
  public var count: Int { lock.withLock { sessions.count } }
}
