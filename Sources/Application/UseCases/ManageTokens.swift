import Foundation
import Store

/// The bearer tokens of the HTTP API: `cuesheet tokens create|list|revoke`.
///
/// Only a token's SHA-256 and its first characters are stored (``TokenStore``); the secret is in
/// the ``TokenStore/Created`` answer once.
public struct ManageTokens: Sendable {
  public enum Request: Sendable, Equatable {
    /// A new token; `flags:read` for a service that only evaluates flags (OFREP).
    case create(name: String, scope: TokenStore.Scope = .all)
    case list
    case revoke(name: String)
  }

  public enum Answer: Sendable {
    case created(TokenStore.Created)
    case listed([TokenStore.Entry])
    case revoked(name: String)
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  public func run(_ request: Request) async throws -> Answer {
    let tokens = TokenStore(store: store)
    switch request {
    case .create(let name, let scope):
      return .created(try await tokens.createAsync(name: name, scope: scope))
    case .list: return .listed(try await tokens.listAsync())
    case .revoke(let name):
      try await tokens.revokeAsync(name: name)
      return .revoked(name: name)
    }
  }
}
