extension MigrationPack {
  /// Version 4: `api_tokens`, the bearer tokens of the HTTP server (`cuesheet tokens`).
  ///
  /// Only the SHA-256 of each token is stored; the token itself is printed once when created.
  /// Documented in `docs/schema.md` (`## api_tokens`).
  static let apiTokens = MigrationPack(
    version: 4,
    name: "api-tokens",
    up: #"""
      CREATE TABLE api_tokens (
        token_id     INTEGER PRIMARY KEY AUTOINCREMENT,
        name         TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 64),
        token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
        prefix       TEXT NOT NULL,
        created_at   TEXT NOT NULL,
        last_used_at TEXT,
        revoked_at   TEXT
      ) STRICT;
      """#,
    down: #"""
      DROP TABLE api_tokens;
      """#
  )
}
