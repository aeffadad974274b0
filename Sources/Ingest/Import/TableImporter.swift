import Foundation
import GRDB

/// Validates and upserts the rows of one kind, generically from its ``KindSchema``.
///
/// Per row: every field converted and checked, then the row rules, references and the in-file
/// duplicate check; a valid row is compared with the stored one (by natural key) and inserted,
/// updated (only when a value differs) or left unchanged.
struct TableImporter {
  let schema: KindSchema
  let map: HeaderMap
  let context: ImportContext

  /// The present fields, in schema order, with their CSV column index.
  private var present: [(field: FieldSpec, index: Int)] {
    zip(schema.fields, map.columnOf).compactMap { field, index in index.map { (field, $0) } }
  }

  func run(_ db: Database, reader: inout CSVReader) throws {
    let present = self.present
    let names = present.map(\.field.name)
    let columns = present.map(\.field.column)
    let keyPositions = schema.key.map { key in names.firstIndex(of: key)! }
    let table = schema.kind.table
    let keyWhere = keyPositions.map { "\(columns[$0]) = ?" }.joined(separator: " AND ")
    let stampPosition = schema.changeStamp.map { stamp in names.firstIndex(of: stamp.field)! }
    let isMetrics = schema.kind == .metricsDaily

    var insertColumns = columns
    if schema.hasTimestamps { insertColumns += ["created_at", "updated_at"] }
    if let stamp = schema.changeStamp { insertColumns.append(stamp.stampColumn) }
    if isMetrics { insertColumns.append("import_id") }
    let insert = try db.makeStatement(
      sql: "INSERT INTO \(table) (\(insertColumns.joined(separator: ", "))) VALUES ("
        + Array(repeating: "?", count: insertColumns.count).joined(separator: ", ") + ")")
    let select = try db.makeStatement(
      sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table) WHERE \(keyWhere)")
    var setClauses = columns.map { "\($0) = ?" }
    if schema.hasTimestamps { setClauses.append("updated_at = ?") }
    if isMetrics { setClauses.append("import_id = ?") }
    if let stamp = schema.changeStamp {
      setClauses.append(
        "\(stamp.stampColumn) = CASE WHEN \(present[stampPosition!].field.column) IS ? THEN \(stamp.stampColumn) ELSE ? END"
      )
    }
    let update = try db.makeStatement(
      sql: "UPDATE \(table) SET \(setClauses.joined(separator: ", ")) WHERE \(keyWhere)")

    // References: the keys that exist now (earlier files of a directory import included).
    var known: [String: Set<String>] = [:]
    for reference in schema.references {
      known[reference.field] = Set(
        try String.fetchAll(db, sql: "SELECT \(reference.column) FROM \(reference.table)"))
    }
    var seenKeys: Set<[DatabaseValue]> = []
    var rows = 0

    while try reader.next() {
      rows += 1
      context.result.rowsTotal += 1
      if rows % 4096 == 0 { context.report(rows: rows, bytesRead: reader.bytesRead) }
      let line = reader.line
      var errors: [RowError] = []
      if reader.count != map.header.count {
        errors.append(
          context.error(
            line: line, column: "*", value: "\(reader.count) fields",
            expected: "\(map.header.count) fields, one per header column"))
        try context.reject(fields: reader.strings, errors: errors)
        continue
      }
      var values: [DatabaseValue] = []
      values.reserveCapacity(present.count)
      for (field, index) in present {
        let fieldLine = reader.fieldLines[index]
        guard let text = reader.validatedString(at: index) else {
          errors.append(
            context.error(
              line: fieldLine, column: field.name, value: reader.string(at: index),
              expected: "UTF-8 text"))
          values.append(.null)
          continue
        }
        switch field.convert(text) {
        case .success(let value): values.append(value)
        case .failure(let problem):
          errors.append(
            context.error(
              line: fieldLine, column: field.name, value: text, expected: problem.expected))
          values.append(.null)
        }
      }
      if errors.isEmpty {
        let row = RowValues(names: names, values: values)
        for rule in schema.rules {
          if let (name, expected) = rule(row) {
            errors.append(
              context.error(
                line: line, column: name, value: row.text(name), expected: expected))
          }
        }
        for reference in schema.references {
          if let value = row.string(reference.field),
            known[reference.field]?.contains(value) != true
          {
            errors.append(
              context.error(
                line: line, column: reference.field, value: value,
                expected:
                  "an existing \(reference.column) (import \(reference.importFirst.rawValue) first, or in the same directory)"
              ))
          }
        }
        if errors.isEmpty {
          let key = keyPositions.map { values[$0] }
          if !seenKeys.insert(key).inserted {
            errors.append(
              context.error(
                line: line, column: schema.key.joined(separator: "+"),
                value: key.map { String.fromDatabaseValue($0) ?? "\($0)" }.joined(separator: ","),
                expected: "a key that appears only once in the file"))
          }
        }
      }
      if !errors.isEmpty {
        try context.reject(fields: reader.strings, errors: errors)
        continue
      }

      // Upsert.
      let key = StatementArguments(keyPositions.map { values[$0] })
      if let stored = try Row.fetchOne(select, arguments: key) {
        let storedValues = (0..<columns.count).map { stored[$0] as DatabaseValue }
        if storedValues == values {
          context.result.unchanged += 1
          continue
        }
        var arguments = StatementArguments(values)
        if schema.hasTimestamps { arguments += [context.now] }
        if isMetrics { arguments += [context.importID] }
        if let stampPosition { arguments += [values[stampPosition], context.now] }
        try update.execute(arguments: arguments + key)
        context.result.updated += 1
      } else {
        var arguments = StatementArguments(values)
        if schema.hasTimestamps { arguments += [context.now, context.now] }
        if schema.changeStamp != nil { arguments += [context.now] }
        if isMetrics { arguments += [context.importID] }
        try insert.execute(arguments: arguments)
        context.result.inserted += 1
      }
    }
    context.report(rows: rows, bytesRead: reader.bytesRead)
  }
}
