import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Ingest
import Rules
import Server
import Store
import Testing

/// Every `--json` output and API response, checked against docs/openapi.yaml by
/// scripts/check_json_schema.py (objects closed, so a camelCase or undocumented key fails).
///
/// Needs `.venv` (scripts/setup.sh) with PyYAML and jsonschema; skipped visibly without it, except
/// on CI where it must run.
@Suite(
  "JSON keys: every --json output and API response matches docs/openapi.yaml",
  .timeLimit(.minutes(20)))
struct JSONSchemaTests {
  static let python = PackageRoot.appending(".venv/bin/python").path
  static var missing: [String] {
    HostTools.missing(
      ".venv with PyYAML and jsonschema",
      unless: FileManager.default.isExecutableFile(atPath: python))
  }

  /// One document to check.
  struct Case: Encodable, Sendable {
    let name: String
    let schema: String
    let json: JSONValue
  }

  @Test(.enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func everyOutputMatchesItsSchema() async throws {
    try HostTools.require(Self.missing)
    let temp = try TemporaryDirectory()
    let db = temp.path("c.db")
    var cases: [Case] = []
    func cli(_ schema: String, _ arguments: [String], allowFailure: Bool = false) throws {
      let result = try CLIRunner.run(
        arguments + ["--json"], environment: ["CUESHEET_BUILD_TIME": "2026-11-25T08:00:00Z"])
      if !allowFailure { #expect(result.status == 0, "\(arguments): \(result.stderr)") }
      cases.append(
        Case(
          name: "cuesheet " + arguments.joined(separator: " "), schema: schema,
          json: try JSONValue(parsing: result.stdout)))
    }
    let bad = temp.path("bad.csv")
    try "show_id,name\n".write(toFile: bad, atomically: true, encoding: .utf8)
    try cli("MigrationOutcome", ["db", "migrate", "--db", db])
    try cli("MigrationStatus", ["db", "status", "--db", db])
    try cli("Verification", ["db", "verify", "--db", db])
    try cli("ImportResults", ["import", "samples", "--db", db])
    try cli("ImportResults", ["import", "shows", "samples/shows.csv", "--dry-run", "--db", db])
    try cli("ImportFailure", ["import", "shows", bad, "--db", db], allowFailure: true)
    try cli("Deals", ["deals", "list", "--db", db])
    try cli("StageChanges", ["deals", "history", "cmp-001", "--db", db])
    try cli("IOs", ["io", "list", "--db", db])
    try cli("IO", ["io", "show", "IO-1001", "--db", db])
    try cli(
      "Deal",
      [
        "deals", "create", "--advertiser", "adv-velo", "--name", "Schema", "--budget", "10",
        "--starts", "2027-01-01", "--ends", "2027-01-31", "--db", db,
      ])
    try cli(
      "IO",
      [
        "io", "create", "--campaign", "cmp-002", "--show", "full-court", "--placement", "mid",
        "--flight", "2026-12-01..2026-12-28", "--cpm", "25.00", "--impressions", "1000", "--id",
        "IO-SCHEMA", "--db", db,
      ])
    try cli("IOActionResult", ["io", "schedule", "IO-SCHEMA", "--allow-conflict", "--db", db])
    try cli("IOExport", ["io", "export", "IO-1001", "--out", temp.path("doc.md"), "--db", db])
    try cli("Recalculation", ["match", "recalculate", "--env", "staging", "--db", db])
    try cli("Recalculation", ["match", "recalculate", "--env", "production", "--db", db])
    try cli("Matches", ["match", "list", "--advertiser", "adv-velo", "--db", db])
    try cli(
      "Avails",
      [
        "avails", "--from", "2026-11-25", "--to", "2026-12-22", "--advertiser", "adv-ledgerly",
        "--impressions", "100000", "--db", db,
      ])
    try cli(
      "Avails", ["avails", "check", "--from", "2026-11-25", "--to", "2026-11-30", "--db", db])
    try cli("AvailsBacktest", ["avails", "backtest", "--as-of", "2026-10-27", "--db", db])
    try cli("RuleCheck", ["rules", "check"])
    try cli("RuleTests", ["rules", "test"])
    try cli(
      "PairExplanation",
      ["rules", "explain", "--advertiser", "adv-velo", "--show", "night-shift", "--db", db])
    try cli(
      "PairExplanation", ["rules", "explain", "--advertiser-json", "{}", "--show-json", "{}"])
    try cli("FlagList", ["flags", "list"])
    try cli("FlagResult", ["flags", "eval", "IO_TEMPLATE", "--context", #"{"env": "production"}"#])
    try cli("FlagExplanation", ["flags", "explain", "ENABLE_MATCHMAKING"])
    try cli("EvalResult", ["eval", "[1, 2.5, 'x']"])
    try cli("Events", ["events", "--db", db])
    try cli("ReportBuild", ["reports", "build", "--out", temp.path("out"), "--db", db])
    try cli("ReportRuns", ["reports", "run", "--due", "--out", temp.path("out"), "--db", db])
    try cli("ReportList", ["reports", "list", "--db", db])
    try cli("TokenCreated", ["tokens", "create", "schema", "--db", db])
    try cli("Tokens", ["tokens", "list", "--db", db])

    cases += try await apiCases(root: temp.url)

    let file = temp.path("cases.json")
    try JSONEncoder().encode(cases).write(to: URL(fileURLWithPath: file))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Self.python)
    process.arguments = [
      PackageRoot.appending("scripts/check_json_schema.py").path,
      PackageRoot.appending("docs/openapi.yaml").path, file,
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = out
    try process.run()
    let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    #expect(cases.count > 40)
  }

  /// The API's answers (and its error shape) on a fresh sample database.
  func apiCases(root: URL) async throws -> [Case] {
    let directory = root.appendingPathComponent("server")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let store = try CuesheetStore.openUnchecked(
      path: directory.appendingPathComponent("s.db").path, create: true)
    _ = try Migrator().migrate(store, backupDirectory: directory.appendingPathComponent("b").path)
    _ = try Importer(store: store).importDirectory(
      PackageRoot.appending("samples").path)
    let token = try TokenStore(store: store).create(name: "schema").token
    var configuration = CuesheetServer.Configuration()
    configuration.reportsDirectory = PackageRoot.appending("reports").path
    configuration.dashboardsDirectory = directory.path
    let server = CuesheetServer(
      configuration: configuration, store: store,
      rules: RuleWatcher(paths: [PackageRoot.appending("rules").path]))
    let auth: HTTPFields = [.authorization: "Bearer \(token)"]
    let context = #"{"env":"staging"}"#.addingPercentEncoding(
      withAllowedCharacters: .alphanumerics)!
    let requests: [(String, HTTPRequest.Method, String, String, String)] = [
      ("Health", .get, "/healthz", "", ""),
      ("Deals", .get, "/api/v1/deals", "", ""),
      ("DealMoved", .patch, "/api/v1/deals/cmp-012", #"{"stage": "qualified"}"#, ""),
      ("IOs", .get, "/api/v1/io", "", ""),
      ("IO", .get, "/api/v1/io/IO-1001", "", ""),
      (
        "IO", .post, "/api/v1/io",
        #"{"campaign_id": "cmp-002", "show_id": "night-shift", "placement": "pre", "flight_start": "2027-03-01", "flight_end": "2027-03-31", "cpm": "25.00", "impressions": 10000}"#,
        ""
      ),
      ("IOActionResult", .post, "/api/v1/io/IO-1001/cancel", #"{"reason": "schema test"}"#, ""),
      ("FlagResult", .get, "/api/v1/flags/ENABLE_MATCHMAKING?context=\(context)", "", ""),
      ("Events", .get, "/api/v1/events?limit=5", "", ""),
      (
        "Avails", .get,
        "/api/v1/avails?from=2026-11-25&to=2026-12-22&show=night-shift&placement=mid&category=finance&impressions=5000",
        "", ""
      ),
      ("AvailsBacktest", .get, "/api/v1/avails/backtest?as_of=2026-10-27&weeks=2", "", ""),
      ("Error", .get, "/api/v1/avails?from=2026-12-22&to=2026-11-25", "", ""),
      ("Recalculation", .post, "/api/match/recalculate", #"{"dry_run": true}"#, ""),
      ("Dashboard", .get, "/api/v1/dashboard/ops", "", ""),
      ("ImportResult", .post, "/api/v1/etl/upload?kind=shows", "", "samples/shows.csv"),
      ("Error", .get, "/api/v1/io/NOPE", "", ""),
      ("Error", .get, "/api/v1/flags/NOPE", "", ""),
      ("Error", .post, "/api/v1/etl/upload?kind=shows", "show_id,name\n", ""),
      (
        "OFREPEvaluation", .post, "/ofrep/v1/evaluate/flags/IO_TEMPLATE",
        #"{"context": {"targetingKey": "acme", "env": "production"}}"#, ""
      ),
      ("OFREPEvaluation", .post, "/ofrep/v1/evaluate/flags/NOPE", #"{"context": {}}"#, ""),
      (
        "OFREPEvaluation", .post, "/ofrep/v1/evaluate/flags/ENABLE_MATCHMAKING",
        #"{"context": {"env": "production", "account.tier": "enterprise"}}"#, ""
      ),
      (
        "OFREPBulk", .post, "/ofrep/v1/evaluate/flags",
        #"{"context": {"targetingKey": "acme", "env": "production"}}"#, ""
      ),
      ("OFREPBulkFailure", .post, "/ofrep/v1/evaluate/flags", #"{"context": {"email": "x"}}"#, ""),
    ]
    return try await server.application().test(.router) { client in
      var cases: [Case] = []
      for (schema, method, path, body, file) in requests {
        let payload =
          file.isEmpty
          ? body
          : try String(
            contentsOf: PackageRoot.appending(file), encoding: .utf8)
        cases.append(
          try await client.execute(
            uri: path, method: method, headers: auth, body: ByteBuffer(string: payload)
          ) { response in
            Case(
              name: "\(method) \(path) (\(response.status.code))", schema: schema,
              json: try JSONValue(parsing: String(buffer: response.body)))
          })
      }
      return cases
    }
  }
}
