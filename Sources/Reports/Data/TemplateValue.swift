import Foundation

/// A value a template works with: a query cell, a row, a list of rows, a page parameter.
///
/// The conversions from and to SQLite values are in `TemplateValue+GRDB.swift`, so the template
/// lexer and parser build without GRDB (the template fuzz target compiles them alone).
public enum TemplateValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case list([TemplateValue])
  /// A row or map: ordered keys with their values.
  case record(TemplateRecord)

  /// Truthiness for `{% if %}`: false, null, 0, "", an empty list are false.
  public var isTruthy: Bool {
    switch self {
    case .null: return false
    case .bool(let value): return value
    case .int(let value): return value != 0
    case .double(let value): return value != 0
    case .string(let value): return !value.isEmpty
    case .list(let values): return !values.isEmpty
    case .record(let record): return !record.keys.isEmpty
    }
  }

  /// The value as a number, when it is one (or numeric text).
  public var doubleValue: Double? {
    switch self {
    case .int(let value): return Double(value)
    case .double(let value): return value
    case .bool(let value): return value ? 1 : 0
    case .string(let value): return Double(value)
    default: return nil
    }
  }

  /// Plain text, unformatted: what `{{ x }}` shows before escaping.
  public var plainText: String {
    switch self {
    case .null: return ""
    case .bool(let value): return value ? "true" : "false"
    case .int(let value): return String(value)
    case .double(let value): return ValueFormat.number.format(.double(value))
    case .string(let value): return value
    case .list(let values): return values.map(\.plainText).joined(separator: ", ")
    case .record(let record): return record.values.map(\.plainText).joined(separator: ", ")
    }
  }
}

/// An ordered set of named values (a query row, the page parameters).
public struct TemplateRecord: Sendable, Equatable {
  public private(set) var keys: [String]
  public private(set) var values: [TemplateValue]

  public init(keys: [String] = [], values: [TemplateValue] = []) {
    precondition(keys.count == values.count)
    self.keys = keys
    self.values = values
  }

  /// The value for `key`, or `nil` when there is no such key.
  public subscript(key: String) -> TemplateValue? {
    guard let index = keys.firstIndex(of: key) else { return nil }
    return values[index]
  }

  /// Sets `key`, replacing an existing value.
  public mutating func set(_ key: String, _ value: TemplateValue) {
    if let index = keys.firstIndex(of: key) {
      values[index] = value
    } else {
      keys.append(key)
      values.append(value)
    }
  }
}
