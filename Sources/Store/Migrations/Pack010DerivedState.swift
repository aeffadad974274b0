extension MigrationPack {
  /// Version 10: `derived_state`, the fingerprint of the inputs a derived table was last computed
  /// from, so a later process can skip recomputing it when they did not change (issue 16).
  ///
  /// One row per derived table (`sell_through`, written by `RefreshSellThrough`): `fingerprint` is
  /// text the writer builds from the `data_versions` markers of the tables it read, its own
  /// table's marker after its write, and any setting it used. The table has no `data_versions`
  /// counter and no triggers, so recording a fingerprint changes no marker. It lives in the
  /// database it describes, so a restored or copied database carries the fingerprint that matches
  /// its own rows. Documented in `docs/schema.md`.
  static let derivedState = MigrationPack(
    version: 10,
    name: "derived-state",
    up: #"""
      CREATE TABLE derived_state (
        name        TEXT PRIMARY KEY,
        fingerprint TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
      """#,
    down: #"""
      DROP TABLE derived_state;
      """#
  )
}
