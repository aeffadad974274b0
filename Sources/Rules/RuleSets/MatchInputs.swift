import Expressions

/// The typed inputs of matchmaking rule sets: `advertiser` and `show` records.
///
/// The store fills them (see `docs/rule-files.md` for where each field comes from); the checker
/// knows every field, so a misspelled one is a load-time error with a suggestion.
public enum MatchInputs {
  /// `advertiser`: one row of `advertisers`, money in dollars as doubles.
  public static let advertiser = RecordType(
    "Advertiser",
    fields: [
      ("advertiser_id", .string), ("name", .string), ("category", .string),
      ("target_categories", .list(.string)), ("excluded_categories", .list(.string)),
      ("allows_explicit", .bool), ("max_cpm", .double), ("min_downloads", .int),
    ])

  /// `show`: one row of `shows` with metrics derived from `metrics_daily`, `episodes` and
  /// `io_bookings`.
  public static let show = RecordType(
    "Show",
    fields: [
      ("show_id", .string), ("name", .string), ("creator", .string), ("categories", .list(.string)),
      ("explicit", .bool), ("language", .string), ("country", .string), ("cpm", .double),
      ("description", .string), ("downloads_30d", .int), ("listeners_30d", .int),
      ("impressions_30d", .int), ("avg_episode_downloads", .double), ("episode_count", .int),
      ("active_io_count", .int),
    ])

  /// A record from JSON where fields left out take their type's zero value (`""`, `0`, `0.0`,
  /// `false`, `[]`), so rule tests and `rules explain --show-json` stay short.
  public static func record(_ type: RecordType, json: String) throws -> Value {
    guard case .record(let partial) = try Value(json: json, as: .record(type)) else {
      throw EvaluationError(.conversion, "expected a JSON object for \(type.name)")
    }
    var fields = partial.fields
    for (index, field) in type.fields.enumerated() {
      if case .null = fields[index] { fields[index] = zero(of: field.type) }
    }
    return .record(RecordValue(type: type, fields: fields))
  }

  static func zero(of type: CELType) -> Value {
    switch type {
    case .string: .string("")
    case .int: .int(0)
    case .uint: .uint(0)
    case .double: .double(0)
    case .bool: .bool(false)
    case .list: .list([])
    default: .null
    }
  }
}
