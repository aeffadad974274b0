/// The flags Cuesheet itself reads, and what each one gates: the one table the gating code and
/// `cuesheet flags list` both read, so the list cannot drift from the code (#14).
///
/// A flag in the rule files that is not here is the analyst's own: Cuesheet evaluates it
/// (`flags eval`, OFREP) but nothing in Cuesheet changes with it ("not used by Cuesheet").
///
/// ```swift
/// ShippedFlag.named("IO_TEMPLATE")?.gates
/// // ["cuesheet io export", "GET /api/v1/io/{id}/document"]
/// ```
public enum ShippedFlag: String, CaseIterable, Sendable {
  /// Allows matches to be written.
  case matchmaking = "ENABLE_MATCHMAKING"
  /// Off refuses IO documents as PDF.
  case ioPDF = "ENABLE_IO_PDF"
  /// Picks the IO document's template (`classic` or `modern`).
  case ioTemplate = "IO_TEMPLATE"
  /// Adds delivered vs expected and the under-90% alert to IO listings.
  case pacingAlerts = "ENABLE_PACING_ALERTS"

  /// The flag's name in the rule files.
  public var name: String { rawValue }

  /// The commands and HTTP routes whose behaviour the flag changes.
  public var gates: [String] {
    switch self {
    case .matchmaking:
      return ["cuesheet match recalculate", "cuesheet demo", "POST /api/match/recalculate"]
    case .ioPDF, .ioTemplate:
      return ["cuesheet io export", "GET /api/v1/io/{id}/document"]
    case .pacingAlerts:
      return ["cuesheet io list", "GET /api/v1/io"]
    }
  }

  /// The shipped flag called `name`, or `nil` for a flag Cuesheet does not read.
  public static func named(_ name: String) -> ShippedFlag? { ShippedFlag(rawValue: name) }

  /// What `flags list` says a flag gates: the routes and commands, or `[]` for one Cuesheet does
  /// not read.
  public static func gates(of name: String) -> [String] { named(name)?.gates ?? [] }
}
