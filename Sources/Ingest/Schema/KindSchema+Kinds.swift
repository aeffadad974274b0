/// The six CSV kinds. Header names are the documented ones (`docs/import.md`); optional columns
/// have `required: false`.
extension KindSchema {
  static let pipelineStages = [
    "lead", "qualified", "proposal", "negotiation", "closed_won", "closed_lost",
  ]
  static let ioStatuses = ["draft", "scheduled", "live", "completed", "cancelled"]

  static let shows = KindSchema(
    kind: .shows,
    fields: [
      FieldSpec("show_id", .identifier),
      FieldSpec("name", .nonEmptyText),
      FieldSpec("creator", .nonEmptyText),
      FieldSpec("categories", .list),
      FieldSpec("explicit", .boolean),
      FieldSpec("language", .language),
      FieldSpec("country", .country),
      FieldSpec("cpm", .money, column: "cpm_cents"),
      FieldSpec("description", .text, required: false),
    ],
    key: ["show_id"], references: [], rules: [], changeStamp: nil, hasTimestamps: true)

  static let episodes = KindSchema(
    kind: .episodes,
    fields: [
      FieldSpec("episode_id", .identifier),
      FieldSpec("show_id", .identifier),
      FieldSpec("title", .nonEmptyText),
      FieldSpec("published_on", .day),
      FieldSpec("duration_seconds", .count),
    ],
    key: ["episode_id"],
    references: [
      Reference(field: "show_id", table: "shows", column: "show_id", importFirst: .shows)
    ],
    rules: [], changeStamp: nil, hasTimestamps: true)

  static let advertisers = KindSchema(
    kind: .advertisers,
    fields: [
      FieldSpec("advertiser_id", .identifier),
      FieldSpec("name", .nonEmptyText),
      FieldSpec("category", .nonEmptyText),
      FieldSpec("target_categories", .list),
      FieldSpec("excluded_categories", .list),
      FieldSpec("allows_explicit", .boolean),
      FieldSpec("max_cpm", .money, column: "max_cpm_cents"),
      FieldSpec("min_downloads", .count),
      FieldSpec("agency", .nonEmptyText, required: false, nullable: true),
      FieldSpec(
        "agency_commission", .percentBasisPoints, column: "agency_commission_bps",
        required: false, nullable: true),
      FieldSpec("contact_name", .nonEmptyText, required: false, nullable: true),
      FieldSpec("contact_email", .email, required: false, nullable: true),
      // IO document parties (migration pack 6).
      FieldSpec("legal_name", .nonEmptyText, required: false, nullable: true),
      FieldSpec("address", .nonEmptyText, required: false, nullable: true),
      FieldSpec("billing_contact_name", .nonEmptyText, required: false, nullable: true),
      FieldSpec("billing_contact_email", .email, required: false, nullable: true),
      FieldSpec(
        "invoice_to", .oneOf(["advertiser", "agency"]), required: false, nullable: true),
      FieldSpec("agency_legal_name", .nonEmptyText, required: false, nullable: true),
      FieldSpec("agency_address", .nonEmptyText, required: false, nullable: true),
      FieldSpec("agency_contact_name", .nonEmptyText, required: false, nullable: true),
      FieldSpec("agency_contact_email", .email, required: false, nullable: true),
    ],
    key: ["advertiser_id"], references: [], rules: [], changeStamp: nil, hasTimestamps: true)

  static let campaigns = KindSchema(
    kind: .campaigns,
    fields: [
      FieldSpec("campaign_id", .identifier),
      FieldSpec("advertiser_id", .identifier),
      FieldSpec("name", .nonEmptyText),
      FieldSpec("stage", .oneOf(pipelineStages)),
      FieldSpec("budget", .money, column: "budget_cents"),
      FieldSpec("starts_on", .day),
      FieldSpec("ends_on", .day),
      FieldSpec("po_number", .nonEmptyText, required: false, nullable: true),
      FieldSpec("talking_points", .nonEmptyText, required: false, nullable: true),
    ],
    key: ["campaign_id"],
    references: [
      Reference(
        field: "advertiser_id", table: "advertisers", column: "advertiser_id",
        importFirst: .advertisers)
    ],
    rules: [
      { row in
        guard let start = row.string("starts_on"), let end = row.string("ends_on"), end < start
        else { return nil }
        return ("ends_on", "a date on or after starts_on (\(start))")
      },
      { row in
        guard let po = row.string("po_number"), po.count > 64 else { return nil }
        return ("po_number", "a PO number of at most 64 characters")
      },
    ],
    changeStamp: ChangeStamp(field: "stage", stampColumn: "stage_changed_at"), hasTimestamps: true)

  static let ioBookings = KindSchema(
    kind: .ioBookings,
    fields: [
      FieldSpec("io_id", .identifier),
      FieldSpec("campaign_id", .identifier),
      FieldSpec("show_id", .identifier),
      FieldSpec("placement", .oneOf(["pre", "mid", "post"])),
      FieldSpec("spots", .count, nullable: true),
      FieldSpec("flight_start", .day),
      FieldSpec("flight_end", .day),
      FieldSpec("rate_type", .oneOf(["cpm", "flat"])),
      FieldSpec("rate", .money, column: "rate_cents"),
      FieldSpec("impressions_goal", .count, nullable: true),
      FieldSpec("promo_code", .code(maxLength: 32), nullable: true),
      FieldSpec("vanity_url", .url, nullable: true),
      FieldSpec("status", .oneOf(ioStatuses)),
      FieldSpec("ad_format", .oneOf(["host_read", "produced"]), required: false),
      FieldSpec(
        "spot_length", .count, column: "spot_length_seconds", required: false, nullable: true),
    ],
    key: ["io_id"],
    references: [
      Reference(
        field: "campaign_id", table: "campaigns", column: "campaign_id", importFirst: .campaigns),
      Reference(field: "show_id", table: "shows", column: "show_id", importFirst: .shows),
    ],
    rules: [
      { row in
        guard let start = row.string("flight_start"), let end = row.string("flight_end"),
          end < start
        else { return nil }
        return ("flight_end", "a date on or after flight_start (\(start))")
      },
      { row in
        guard row.string("rate_type") == "cpm", row["impressions_goal"] == .null else { return nil }
        return ("impressions_goal", "an impressions goal, since rate_type is cpm")
      },
      { row in
        guard row.string("rate_type") == "flat", row["spots"] == .null else { return nil }
        return ("spots", "a number of spots, since rate_type is flat")
      },
      { row in
        guard let seconds = row.int("spot_length"), !(1...600).contains(seconds) else {
          return nil
        }
        return ("spot_length", "a spot length of 1 to 600 seconds")
      },
    ],
    changeStamp: ChangeStamp(field: "status", stampColumn: "status_changed_at"),
    hasTimestamps: true)

  static let metricsDaily = KindSchema(
    kind: .metricsDaily,
    fields: [
      FieldSpec("day", .day),
      FieldSpec("episode_id", .identifier),
      FieldSpec("source", .code(maxLength: 32)),
      FieldSpec("downloads", .count),
      FieldSpec("listeners", .count),
      FieldSpec("impressions", .count),
    ],
    key: ["day", "episode_id", "source"],
    references: [
      Reference(
        field: "episode_id", table: "episodes", column: "episode_id", importFirst: .episodes)
    ],
    rules: [
      { row in
        guard let downloads = row.int("downloads"), let listeners = row.int("listeners"),
          listeners > downloads
        else { return nil }
        return ("listeners", "at most downloads (\(downloads))")
      }
    ],
    changeStamp: nil, hasTimestamps: false)
}
