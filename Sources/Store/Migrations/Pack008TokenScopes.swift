extension MigrationPack {
  /// Version 8: a scope on each API token (`cuesheet tokens create NAME --scope flags:read`).
  ///
  /// `all` (every route; what every token had before this pack) or `flags:read` (the OFREP routes
  /// and `GET /api/v1/flags/{name}` only: a token for the services that evaluate flags). Rollback
  /// drops the column (SQLite 3.35+ `DROP COLUMN`); every token then has full access again.
  /// Documented in `docs/schema.md` (`## api_tokens`).
  static let tokenScopes = MigrationPack(
    version: 8,
    name: "token-scopes",
    up: #"""
      ALTER TABLE api_tokens ADD COLUMN scope TEXT NOT NULL DEFAULT 'all'
        CHECK (scope IN ('all', 'flags:read'));
      """#,
    down: #"""
      ALTER TABLE api_tokens DROP COLUMN scope;
      """#
  )
}
