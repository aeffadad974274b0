/// The command line's own hints, by stable error code: the option that fixes the error.
///
/// Library messages name no command-line option (the HTTP API shows them too); the CLI adds the
/// option here, after the message.
enum CLIHints {
  static func hint(for code: String) -> String? {
    switch code {
    case "database_missing": "pass --db PATH or set CUESHEET_DB"
    case "invalid_rows": "pass --skip-invalid --rejects FILE to import the valid rows"
    case "document_has_no_lines": "--allow-draft includes drafts"
    case "terms_invalid": "--terms PATH names another terms file"
    case "io_exists": "pass another --id, or leave it out for the next free one"
    case "separation_conflict": "--allow-conflict schedules anyway"
    case "report_warnings", "document_warnings": "--strict is on"
    case "pdf_unavailable": "--format md and html still work"
    case "unknown_schema_version", "wrong_migration_direction":
      "`cuesheet db migrate --to N` goes up, `cuesheet db rollback --to N` goes down; `cuesheet db status` lists the versions"
    default: nil
    }
  }
}
