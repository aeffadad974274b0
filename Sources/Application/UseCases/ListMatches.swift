import Matchmaking
import Store

/// An advertiser's stored matches, best first: `cuesheet match list`.
public struct ListMatches: Sendable {
  public struct Request: Sendable {
    public var advertiserID: String
    /// Only the best N.
    public var top: Int?

    public init(advertiserID: String, top: Int? = nil) {
      self.advertiserID = advertiserID
      self.top = top
    }
  }

  public let store: CuesheetStore

  public init(store: CuesheetStore) { self.store = store }

  /// The matches; throws ``MatchmakingError/unknownAdvertiser(_:)`` for an unknown advertiser.
  public func run(_ request: Request) async throws -> [StoredMatch] {
    if let top = request.top, top < 1 {
      throw ApplicationError.invalidValue(field: "top", message: "must be at least 1, got \(top).")
    }
    return try await MatchQueries.matches(
      store: store, advertiserID: request.advertiserID, top: request.top)
  }
}
