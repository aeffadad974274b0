import Crypto
import Foundation
import Store

/// Checks presented bearer tokens against the stored hashes, in constant time, without touching
/// the database on the request path.
///
/// The active tokens live in an in-memory snapshot; an actor refreshes it from the database in the
/// background every `refresh` seconds (GRDB's async read, off the event loop), so a revoked token
/// stops working within that window. ``verify(_:)`` only hashes the token and looks it up.
///
/// ```swift
/// let verifier = TokenVerifier(tokens: TokenStore(store: store), refresh: 2)
/// verifier.verify("cst_…")   // "sheets", or nil
/// ```
public final class TokenVerifier: Sendable {
  /// One active token: its hash, name and scope.
  struct Entry: Sendable {
    let hash: [UInt8]
    let name: String
    let scope: TokenStore.Scope
  }

  /// The active tokens by prefix, and when they were read.
  struct Snapshot: Sendable {
    var byPrefix: [String: [Entry]] = [:]
    var loadedAt = ContinuousClock.now
  }

  private let tokens: TokenStore
  let refresh: Duration
  private let box: SnapshotBox
  private let refresher: Refresher

  public init(tokens: TokenStore, refresh: TimeInterval = 2) {
    self.tokens = tokens
    self.refresh = .milliseconds(Int(refresh * 1000))
    box = SnapshotBox(Self.load(tokens) ?? Snapshot())
    refresher = Refresher()
  }

  /// The name of the token, or `nil` when it is unknown or revoked.
  public func verify(_ token: String) -> String? { authenticate(token)?.name }

  /// The name and scope of the token, or `nil` when it is unknown or revoked.
  public func authenticate(_ token: String) -> (name: String, scope: TokenStore.Scope)? {
    let snapshot = box.value
    if ContinuousClock.now - snapshot.loadedAt > refresh { startRefreshing() }
    // Over the token's UTF-8 bytes: no copy into `Data` or `Array` for the hash (every API request
    // runs this). Stored prefixes are ASCII, so a byte prefix finds exactly the candidates a
    // character prefix would.
    var token = token
    return token.withUTF8 { bytes -> (name: String, scope: TokenStore.Scope)? in
      guard bytes.count >= TokenStore.prefixLength, bytes.count <= 256 else { return nil }
      let prefix = String(
        decoding: UnsafeBufferPointer(rebasing: bytes[..<TokenStore.prefixLength]), as: UTF8.self)
      guard let candidates = snapshot.byPrefix[prefix] else { return nil }
      let digest = SHA256.hash(data: UnsafeRawBufferPointer(bytes))
      return digest.withUnsafeBytes { presented in
        var match: (name: String, scope: TokenStore.Scope)?
        for entry in candidates where Self.constantTimeEqual(entry.hash, presented) {
          match = (entry.name, entry.scope)
        }
        return match
      }
    }
  }

  /// True when a token of this name is active (not revoked), as of the last refresh.
  public func isActive(name: String) -> Bool {
    let snapshot = box.value
    if ContinuousClock.now - snapshot.loadedAt > refresh { startRefreshing() }
    return snapshot.byPrefix.values.contains { $0.contains { $0.name == name } }
  }

  /// Re-reads the active tokens now (for a caller that has just revoked one in this process).
  public func invalidate() {
    if let fresh = Self.load(tokens) { box.value = fresh }
  }

  /// Re-reads the active tokens through the async store seam.
  func reload() async {
    guard let rows = try? await tokens.fetchActiveHashes() else { return }
    box.value = Self.snapshot(rows)
  }

  /// Starts the background refresh loop once; it ends when the verifier is released.
  private func startRefreshing() {
    Task { [weak self, refresher] in
      guard await refresher.claim() else { return }
      while let verifier = self {
        await verifier.reload()
        let interval = verifier.refresh
        try? await Task.sleep(for: interval)
      }
    }
  }

  private static func load(_ tokens: TokenStore) -> Snapshot? {
    (try? tokens.activeHashes()).map(snapshot)
  }

  private static func snapshot(_ rows: [TokenStore.ActiveToken]) -> Snapshot {
    var snapshot = Snapshot()
    for row in rows {
      snapshot.byPrefix[row.prefix, default: []].append(
        Entry(hash: row.hash, name: row.name, scope: row.scope))
    }
    return snapshot
  }

  /// Compares two byte sequences in time that depends only on their lengths.
  static func constantTimeEqual(_ a: [UInt8], _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt8 = 0
    for index in a.indices { difference |= a[index] ^ b[index] }
    return difference == 0
  }
}

/// Makes sure only one refresh loop runs per verifier.
private actor Refresher {
  private var running = false

  func claim() -> Bool {
    if running { return false }
    running = true
    return true
  }
}

/// The current snapshot behind a lock held only for a pointer copy.
private final class SnapshotBox: @unchecked Sendable {
  private let lock = NSLock()
  private var snapshot: TokenVerifier.Snapshot

  init(_ snapshot: TokenVerifier.Snapshot) { self.snapshot = snapshot }

  var value: TokenVerifier.Snapshot {
    get { lock.withLock { snapshot } }
    set { lock.withLock { snapshot = newValue } }
  }
}
