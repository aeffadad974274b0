import GRDB

/// How one kind of CSV maps onto its table: columns, natural key, references and row rules.
struct KindSchema: Sendable {
  /// A reference from a column to the key of another table.
  struct Reference: Sendable {
    let field: String
    let table: String
    let column: String
    let importFirst: ImportKind
  }

  /// A column whose change stamps another column with the import time (`stage` →
  /// `stage_changed_at`).
  struct ChangeStamp: Sendable {
    let field: String
    let stampColumn: String
  }

  /// A rule across the fields of one row: returns the field it blames and what was expected.
  typealias RowRule = @Sendable (RowValues) -> (field: String, expected: String)?

  let kind: ImportKind
  let fields: [FieldSpec]
  /// Header names of the natural key (also the table's primary or unique key).
  let key: [String]
  let references: [Reference]
  let rules: [RowRule]
  let changeStamp: ChangeStamp?
  /// Whether the table has `created_at` / `updated_at` columns.
  let hasTimestamps: Bool

  /// The spec named `name` (lower case).
  func field(named name: String) -> FieldSpec? { fields.first { $0.name == name } }

  static func of(_ kind: ImportKind) -> KindSchema {
    switch kind {
    case .shows: shows
    case .episodes: episodes
    case .advertisers: advertisers
    case .campaigns: campaigns
    case .ioBookings: ioBookings
    case .metricsDaily: metricsDaily
    }
  }
}

/// The converted values of one row, by header name.
struct RowValues {
  let names: [String]
  let values: [DatabaseValue]

  subscript(name: String) -> DatabaseValue? {
    guard let index = names.firstIndex(of: name) else { return nil }
    return values[index]
  }

  func int(_ name: String) -> Int64? { self[name].flatMap { Int64.fromDatabaseValue($0) } }
  func string(_ name: String) -> String? { self[name].flatMap { String.fromDatabaseValue($0) } }

  /// The value as the CSV gave it, for error messages: `130` for a count, not `''`.
  func text(_ name: String) -> String {
    switch self[name]?.storage {
    case .string(let text)?: return text
    case .int64(let value)?: return String(value)
    case .double(let value)?: return String(value)
    case .blob(let data)?: return String(decoding: data, as: UTF8.self)
    case .null?, nil: return ""
    }
  }
}
