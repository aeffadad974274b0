/// Where in an episode the ad runs.
public enum Placement: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case pre
  case mid
  case post

  public var description: String { rawValue }
}

/// How the ad is made: read by the host, or a produced spot. Stored as `host_read` / `produced`;
/// typed on the command line as `host-read` / `produced`.
public enum AdFormat: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
  case hostRead = "host_read"
  case produced

  /// Parses `host-read`, `host_read` or `produced`.
  public init?(argument: String) {
    switch argument.lowercased() {
    case "host-read", "host_read": self = .hostRead
    case "produced": self = .produced
    default: return nil
    }
  }

  /// The command-line spelling: `host-read` or `produced`.
  public var argument: String { self == .hostRead ? "host-read" : "produced" }

  public var description: String { rawValue }
}
