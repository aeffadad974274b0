import GRDB

extension TemplateValue {
  /// Converts an SQLite value.
  init(_ value: DatabaseValue) {
    switch value.storage {
    case .null: self = .null
    case .int64(let int): self = .int(int)
    case .double(let double): self = .double(double)
    case .string(let string): self = .string(string)
    case .blob(let data): self = .string("<\(data.count) bytes>")
    }
  }

  /// The value to bind as an SQL parameter.
  var databaseValue: DatabaseValue {
    switch self {
    case .null: return .null
    case .bool(let value): return (value ? 1 : 0).databaseValue
    case .int(let value): return value.databaseValue
    case .double(let value): return value.databaseValue
    case .string(let value): return value.databaseValue
    case .list, .record: return plainText.databaseValue
    }
  }
}
