/// One versioned, reversible step of the database schema.
///
/// A pack is plain SQL both ways, so what it does can be read, diffed and checksummed. Packs are
/// registered once, in order, in ``MigrationPack/all``; versions are 1, 2, 3… with no gaps, and a pack
/// is never edited after it has shipped (the checksum recorded when it was applied catches that).
public struct MigrationPack: Sendable {
  /// The schema version this pack brings the database to.
  public let version: Int
  /// A stable, human-readable name, such as `core-schema`.
  public let name: String
  /// SQL that applies the pack. Runs inside the migration's transaction.
  public let up: String
  /// SQL that undoes ``up`` exactly. Runs inside the rollback's transaction.
  public let down: String

  public init(version: Int, name: String, up: String, down: String) {
    self.version = version
    self.name = name
    self.up = up
    self.down = down
  }

  /// A checksum of ``up``, recorded when the pack is applied (FNV-1a, 64-bit, hex).
  public var checksum: String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in up.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
  }

  /// Every pack, oldest first. The newest version is `all.last!.version`.
  public static let all: [MigrationPack] = [
    .coreSchema,
    .reports,
    .resolvedMetrics,
    .apiTokens,
    .resolvedMetricsIndexed,
    .ioDocuments,
    .sellThrough,
    .tokenScopes,
    .dataVersions,
    .derivedState,
  ]
}
