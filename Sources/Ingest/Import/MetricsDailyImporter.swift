import GRDB
import Store

/// The `metrics_daily` hot path: byte-level parsing, reused raw statements, episode ids preloaded.
///
/// Validates exactly what ``KindSchema/metricsDaily`` describes (and what ``TableImporter`` would),
/// but without building strings or argument arrays for valid rows: days and counts are parsed from
/// the bytes, text is bound straight from the reader's buffer, and the in-file duplicate check keys
/// through the stored row's `import_id` (rows this import wrote) plus a set of packed integers
/// (episode index, day ordinal, source index) for the rows it left unchanged.
struct MetricsDailyImporter {
  let map: HeaderMap
  let context: ImportContext

  private static let names = [
    "day", "episode_id", "source", "downloads", "listeners", "impressions",
  ]

  func run(_ db: Database, reader: inout CSVReader) throws {
    let schema = KindSchema.metricsDaily
    let index = map.columnOf.map { $0! }  // all six are required
    let fieldCount = map.header.count

    var episodes: [String: Int64] = [:]
    for (position, id) in try String.fetchAll(db, sql: "SELECT episode_id FROM episodes")
      .enumerated()
    {
      episodes[id] = Int64(position)
    }
    var sources: [String: Int64] = [:]
    // In-file duplicates: a row this import inserted or updated carries its import_id, so only the
    // keys of rows left unchanged need remembering (none on a first import).
    var unchangedKeys: Set<Key> = []

    // The fast path validates every CHECK of `metrics_daily` itself (a strict calendar day, a
    // source of 1 to 32 bytes, counts of digits only, listeners <= downloads) before a row reaches
    // SQLite, so SQLite need not evaluate them again (`date(day) IS day` alone is ~0.8 µs a row).
    // The flag is read when a statement is prepared (or re-prepared after the index changes below),
    // and only this loop's statements on `metrics_daily` run while it is on; it is off again
    // before the importer writes anything else.
    try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
    defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }

    let insert = try RawStatement(
      db,
      sql: """
        INSERT INTO metrics_daily (day, episode_id, source, downloads, listeners, impressions, import_id)
        VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, episode_id, source) DO NOTHING
        """)
    let select = try RawStatement(
      db,
      sql: """
        SELECT downloads, listeners, impressions, import_id FROM metrics_daily
        WHERE day = ? AND episode_id = ? AND source = ?
        """)
    let update = try RawStatement(
      db,
      sql: """
        UPDATE metrics_daily SET downloads = ?4, listeners = ?5, impressions = ?6, import_id = ?7
        WHERE day = ?1 AND episode_id = ?2 AND source = ?3
        """)
    let importID = context.importID
    let stored = try storedRowEstimate(db)
    let deferred = try deferSecondaryIndexes(db, stored: stored)
    let lookUpFirst = Self.looksUpFirst(fileBytes: context.totalBytes, storedRows: stored)
    var rows = 0

    while try reader.next() {
      rows += 1
      context.result.rowsTotal += 1
      if rows & 0x3FFF == 0 { context.report(rows: rows, bytesRead: reader.bytesRead) }
      let line = reader.line
      guard reader.count == fieldCount else {
        try context.reject(
          fields: reader.strings,
          errors: [
            context.error(
              line: line, column: "*", value: "\(reader.count) fields",
              expected: "\(fieldCount) fields, one per header column")
          ])
        continue
      }
      let bytes = reader.fieldBytes
      let dayRange = reader.range(at: index[0])
      let episodeRange = reader.range(at: index[1])
      let sourceRange = reader.range(at: index[2])
      let parsed: (day: Int, downloads: Int64, listeners: Int64, impressions: Int64)? =
        bytes.withUnsafeBufferPointer { buffer in
          guard let day = Self.dayOrdinal(UnsafeBufferPointer(rebasing: buffer[dayRange])),
            let downloads = Self.count(
              UnsafeBufferPointer(rebasing: buffer[reader.range(at: index[3])])),
            let listeners = Self.count(
              UnsafeBufferPointer(rebasing: buffer[reader.range(at: index[4])])),
            let impressions = Self.count(
              UnsafeBufferPointer(rebasing: buffer[reader.range(at: index[5])])),
            listeners <= downloads,
            Self.isSource(UnsafeBufferPointer(rebasing: buffer[sourceRange]))
          else { return nil }
          return (day, downloads, listeners, impressions)
        }
      let episode = reader.string(at: index[1])
      guard let parsed, let episodeIndex = episodes[episode] else {
        try rejectWithDetails(
          reader: reader, index: index, line: line, schema: schema, episodes: episodes)
        continue
      }
      let sourceText = reader.string(at: index[2])
      let sourceIndex: Int64
      if let known = sources[sourceText] {
        sourceIndex = known
      } else {
        sourceIndex = Int64(sources.count)
        sources[sourceText] = sourceIndex
      }
      let key = Key(
        episode: Int32(truncatingIfNeeded: episodeIndex),
        day: Int32(truncatingIfNeeded: parsed.day),
        source: Int32(truncatingIfNeeded: sourceIndex))

      let outcome: Outcome = try bytes.withUnsafeBufferPointer { buffer in
        let day = UnsafeBufferPointer(rebasing: buffer[dayRange])
        let episodeBytes = UnsafeBufferPointer(rebasing: buffer[episodeRange])
        let source = UnsafeBufferPointer(rebasing: buffer[sourceRange])
        // The insert and the update take the row as the same seven parameters.
        func write(_ statement: RawStatement) throws {
          statement.bindText(1, day)
          statement.bindText(2, episodeBytes)
          statement.bindText(3, source)
          statement.bindInt(4, parsed.downloads)
          statement.bindInt(5, parsed.listeners)
          statement.bindInt(6, parsed.impressions)
          statement.bindInt(7, importID)
          try statement.step()
          statement.reset()
        }
        func insertRow() throws -> Bool {
          try write(insert)
          return insert.changes == 1
        }
        // Insert first when most rows are expected to be new; otherwise look the row up first, so
        // a row already stored costs one lookup instead of a refused insert plus a lookup.
        if !lookUpFirst, try insertRow() { return .inserted }
        select.bindText(1, day)
        select.bindText(2, episodeBytes)
        select.bindText(3, source)
        defer { select.reset() }
        guard try select.step() else {
          // Only on the lookup-first path: the row is new.
          guard try insertRow() else { return .duplicate }  // not reachable: nothing was stored
          return .inserted
        }
        // Written earlier by this import, or left unchanged earlier by it: a duplicate in the file.
        if select.int(3) == importID || unchangedKeys.contains(key) { return .duplicate }
        if select.int(0) == parsed.downloads && select.int(1) == parsed.listeners
          && select.int(2) == parsed.impressions
        {
          unchangedKeys.insert(key)
          return .unchanged
        }
        try write(update)
        return .updated
      }
      switch outcome {
      case .inserted: context.result.inserted += 1
      case .updated: context.result.updated += 1
      case .unchanged: context.result.unchanged += 1
      case .duplicate:
        try context.reject(
          fields: reader.strings,
          errors: [
            context.error(
              line: line, column: "day+episode_id+source",
              value: "\(reader.string(at: index[0])),\(episode),\(sourceText)",
              expected: "a key that appears only once in the file")
          ])
      }
    }
    // Rebuilding a secondary index by sorting is much cheaper than maintaining it row by row.
    for definition in deferred { try db.execute(sql: definition) }
    context.report(rows: rows, bytesRead: reader.bytesRead)
  }

  /// Drops the non-unique indexes of `metrics_daily` for the duration of a bulk load, when the file
  /// is at least four times the table (estimated at 46 bytes a row), and returns the statements that
  /// recreate them. Inside the import's transaction, so a failure or interrupt restores them.
  private func deferSecondaryIndexes(_ db: Database, stored: Int) throws -> [String] {
    let estimatedRows = context.totalBytes / Self.bytesPerRow
    guard estimatedRows >= 100_000 else { return [] }
    guard estimatedRows >= 4 * stored else { return [] }
    let indexes = try Row.fetchAll(
      db,
      sql: """
        SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND tbl_name = 'metrics_daily' AND sql IS NOT NULL
          AND sql NOT LIKE 'CREATE UNIQUE%'
        """)
    for index in indexes {
      try db.execute(sql: "DROP INDEX \(index["name"] as String)")
    }
    return indexes.map { $0["sql"] }
  }

  /// Whether rows are looked up before they are inserted: for a file of under four times the rows
  /// already stored (a re-import, a correction, a daily file into a populated table), so a stored
  /// row costs one lookup instead of a refused insert plus a lookup. A bulk load into an empty or
  /// small table inserts first. Both give the same rows, counts and rejections.
  static func looksUpFirst(fileBytes: Int, storedRows: Int) -> Bool {
    storedRows > 0 && fileBytes / bytesPerRow < 4 * storedRows
  }

  /// The bytes of an average CSV row, for estimating a file's rows from its size.
  private static let bytesPerRow = 46

  /// The rows stored in `metrics_daily` before this import, estimated from the largest rowid
  /// (exact unless rows were deleted; one index lookup instead of a count over the table).
  private func storedRowEstimate(_ db: Database) throws -> Int {
    try Int.fetchOne(db, sql: "SELECT max(rowid) FROM metrics_daily") ?? 0
  }

  /// A natural key as integers: the episode's and source's positions, and the day's ordinal.
  private struct Key: Hashable {
    let episode: Int32
    let day: Int32
    let source: Int32
  }

  private enum Outcome { case inserted, updated, unchanged, duplicate }

  /// Re-checks a row the fast path refused through the generic field specs, for exact messages.
  private func rejectWithDetails(
    reader: CSVReader, index: [Int], line: Int, schema: KindSchema, episodes: [String: Int64]
  ) throws {
    var errors: [RowError] = []
    var values: [DatabaseValue] = []
    for (position, field) in schema.fields.enumerated() {
      let column = index[position]
      guard let text = reader.validatedString(at: column) else {
        errors.append(
          context.error(
            line: reader.fieldLines[column], column: field.name, value: reader.string(at: column),
            expected: "UTF-8 text"))
        values.append(.null)
        continue
      }
      switch field.convert(text) {
      case .success(let value): values.append(value)
      case .failure(let problem):
        errors.append(
          context.error(
            line: reader.fieldLines[column], column: field.name, value: text,
            expected: problem.expected))
        values.append(.null)
      }
    }
    if errors.isEmpty {
      let row = RowValues(names: Self.names, values: values)
      for rule in schema.rules {
        if let (name, expected) = rule(row) {
          errors.append(
            context.error(
              line: line, column: name, value: row.text(name), expected: expected))
        }
      }
      let episode = reader.string(at: index[1])
      if episodes[episode] == nil {
        errors.append(
          context.error(
            line: line, column: "episode_id", value: episode,
            expected: "an existing episode_id (import episodes first, or in the same directory)"))
      }
    }
    if errors.isEmpty {
      errors.append(
        context.error(line: line, column: "*", value: "", expected: "a valid metrics_daily row"))
    }
    try context.reject(fields: reader.strings, errors: errors)
  }

  // MARK: - Byte parsing

  /// Days since 1970-01-01 of strict `YYYY-MM-DD` bytes, or `nil`.
  @inline(__always)
  static func dayOrdinal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
    var parts = (0, 0, 0)
    for position in [0, 1, 2, 3, 5, 6, 8, 9] {
      let digit = Int(bytes[position]) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      switch position {
      case 0...3: parts.0 = parts.0 * 10 + digit
      case 5...6: parts.1 = parts.1 * 10 + digit
      default: parts.2 = parts.2 * 10 + digit
      }
    }
    return Day(year: parts.0, month: parts.1, day: parts.2)?.ordinal
  }

  /// A whole number ≥ 0 from ASCII digits, or `nil`.
  @inline(__always)
  static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
    var value: Int64 = 0
    for byte in bytes {
      let digit = Int64(byte) &- 48
      guard digit >= 0, digit <= 9 else { return nil }
      value = value &* 10 &+ digit
    }
    return value
  }

  /// 1 to 32 characters without spaces or control characters (a fast check for ASCII).
  @inline(__always)
  static func isSource(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !bytes.isEmpty, bytes.count <= 32 else { return false }
    var ascii = true
    for byte in bytes {
      if byte <= 0x20 || byte == 0x7F { return false }
      if byte >= 0x80 { ascii = false }
    }
    if ascii { return true }
    guard let text = String(validating: bytes, as: UTF8.self) else { return false }
    return FieldType.isCode(text, maxLength: 32)
  }
}
