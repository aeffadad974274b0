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

  /// One line of documentation per field, keyed `advertiser.FIELD` / `show.FIELD` (where the value
  /// comes from; the table in `docs/rule-files.md`), for editors' hover and completion.
  public static let fieldDocs: [String: String] = [
    "advertiser.advertiser_id": "The advertiser's id (`advertisers.advertiser_id`).",
    "advertiser.name": "The advertiser's name (`advertisers.name`).",
    "advertiser.category": "The advertiser's own category (`advertisers.category`).",
    "advertiser.target_categories": "Show categories the advertiser wants (`advertisers`).",
    "advertiser.excluded_categories": "Show categories the advertiser refuses (`advertisers`).",
    "advertiser.allows_explicit": "Whether explicit shows are acceptable.",
    "advertiser.max_cpm":
      "The highest CPM the advertiser pays, in dollars (`max_cpm_cents / 100`).",
    "advertiser.min_downloads": "The downloads a show needs in 30 days to be worth a buy.",
    "show.show_id": "The show's id (`shows.show_id`).",
    "show.name": "The show's name.",
    "show.creator": "The show's creator or network.",
    "show.categories": "The show's categories.",
    "show.explicit": "Whether the show is marked explicit.",
    "show.language": "The show's language code, e.g. `en`.",
    "show.country": "The show's country code.",
    "show.cpm": "The show's CPM in dollars (`cpm_cents / 100`).",
    "show.description": "The show's description.",
    "show.downloads_30d":
      "Downloads in the last 30 days (`metrics_daily`, one source per episode and day: the largest).",
    "show.listeners_30d": "Listeners in the last 30 days (`metrics_daily`).",
    "show.impressions_30d": "Ad impressions in the last 30 days (`metrics_daily`).",
    "show.avg_episode_downloads":
      "downloads_30d ÷ the episodes with downloads in those 30 days.",
    "show.episode_count": "The number of episodes (`episodes`).",
    "show.active_io_count": "Insertion orders scheduled or live on the show (`io_bookings`).",
  ]

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
