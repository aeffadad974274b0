import CuesheetTesting
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Ingest
import Store
import Testing

@testable import Server

/// A fresh migrated database with the sample shows, advertisers, campaigns and IOs, a token, a copy
/// of the rule files and an empty dashboards folder, all in one temporary directory.
final class ServerFixture: @unchecked Sendable {
  let database: TemporaryDatabase
  var directory: URL { database.directory }
  let store: CuesheetStore
  let token: String
  let rulesDirectory: URL
  let dashboardsDirectory: URL
  let server: CuesheetServer
  let watcher: RuleWatcher

  init(
    maxUploadBytes: Int = 100 * 1024 * 1024, importMetrics: Bool = false,
    analystFlags: Bool = false, tokenRefresh: TimeInterval = 2,
    configure: (inout CuesheetServer.Configuration) -> Void = { _ in }
  ) throws {
    let fm = FileManager.default
    database = try TemporaryDatabase(prefix: "server")
    store = try database.openMigrated()
    let directory = database.directory
    let samples = PackageRoot.url.appendingPathComponent("samples")
    var kinds: [(ImportKind, String)] = [
      (.shows, "shows.csv"), (.episodes, "episodes.csv"), (.advertisers, "advertisers.csv"),
      (.campaigns, "campaigns.csv"), (.ioBookings, "io_bookings.csv"),
    ]
    if importMetrics { kinds.append((.metricsDaily, "metrics_daily.csv")) }
    _ = try Importer(store: store).importFiles(
      kinds.map { ($0.0, samples.appendingPathComponent($0.1).path) })
    token = try TokenStore(store: store).create(name: "tests").token
    rulesDirectory = directory.appendingPathComponent("rules")
    try fm.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
    for name in ["flags.rules", "matchmaking.rules"] {
      try fm.copyItem(
        at: PackageRoot.url.appendingPathComponent("rules").appendingPathComponent(name),
        to: rulesDirectory.appendingPathComponent(name))
    }
    // An analyst's own flags (an object-valued, scheduled one and a kill-switched one), which
    // the shipped rules no longer have (#14).
    if analystFlags {
      try fm.copyItem(
        at: PackageRoot.appending("Tests/Fixtures/Flags/tools.rules"),
        to: rulesDirectory.appendingPathComponent("tools.rules"))
    }
    dashboardsDirectory = directory.appendingPathComponent("dashboards")
    try fm.createDirectory(at: dashboardsDirectory, withIntermediateDirectories: true)
    watcher = RuleWatcher(paths: [rulesDirectory.path])
    var configuration = CuesheetServer.Configuration()
    configuration.port = 0
    configuration.reportsDirectory = PackageRoot.url.appendingPathComponent("reports").path
    configuration.dashboardsDirectory = dashboardsDirectory.path
    configuration.maxUploadBytes = maxUploadBytes
    configuration.uploadDirectory = directory.appendingPathComponent("uploads").path
    try fm.createDirectory(
      atPath: configuration.uploadDirectory!, withIntermediateDirectories: true)
    configuration.tokenRefresh = tokenRefresh
    // The test client keeps one connection alive between requests; on a loaded machine a test can
    // pause longer than the production idle timeout (30 s) between two of them. The idle-timeout
    // tests set their own.
    configuration.idleTimeoutSeconds = 600
    configure(&configuration)
    server = CuesheetServer(configuration: configuration, store: store, rules: watcher)
  }

  var application: some ApplicationProtocol { server.application() }

  var auth: HTTPFields { [.authorization: "Bearer \(token)"] }

  /// A page session for the fixture's token, as the login form would open it.
  func sessionCookie() -> HTTPFields {
    [
      .cookie:
        "\(CookieAuthMiddleware<BasicRequestContext>.cookieName)=\(server.sessions.open(tokenName: "tests"))"
    ]
  }

  /// The application with one test-only page, `/test/sign-in`: the real login form, filled in with
  /// the fixture's token and posted by script from the server's own origin, as a person would.
  var applicationWithSignInPage: some ApplicationProtocol {
    let router = server.router()
    let html = """
      <!doctype html><html><body>
      <form id="f" method="post" action="/login">
      <input name="token" value="\(token)"><input name="next" value="/">
      </form><script>document.getElementById('f').submit()</script></body></html>
      """
    router.get("/test/sign-in") { _, _ in
      Response(
        status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
        body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
    return server.application(router: router)
  }

  func headers(_ extra: HTTPFields = [:]) -> HTTPFields {
    var headers = auth
    headers.append(contentsOf: extra)
    return headers
  }

  func sql<T: DatabaseValueConvertible>(_ query: String, as type: T.Type = Int.self) throws -> T? {
    try store.writer.read { db in try T.fetchOne(db, sql: query) }
  }
}

/// The JSON body of a test response.
func json(_ response: TestResponse, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> JSONValue
{
  do {
    return try JSONValue(parsing: String(buffer: response.body))
  } catch {
    Issue.record("not JSON: \(String(buffer: response.body))", sourceLocation: sourceLocation)
    throw error
  }
}

extension JSONValue {
  subscript(key: String) -> JSONValue? {
    if case .object(let object) = self { return object[key] }
    return nil
  }
  subscript(index: Int) -> JSONValue? {
    if case .array(let array) = self, array.indices.contains(index) { return array[index] }
    return nil
  }
  var string: String? { if case .string(let text) = self { text } else { nil } }
  var int: Int64? { if case .int(let value) = self { value } else { nil } }
  var count: Int {
    switch self {
    case .array(let array): array.count
    case .object(let object): object.count
    default: 0
    }
  }
}

/// Checks that a response is an error in the one JSON shape, with this status and code.
func expectError(
  _ response: TestResponse, _ status: HTTPResponse.Status, code: String? = nil,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  #expect(
    response.status == status, "\(String(buffer: response.body))", sourceLocation: sourceLocation)
  let body = try json(response, sourceLocation: sourceLocation)
  let error = try #require(body["error"], sourceLocation: sourceLocation)
  #expect(error["message"]?.string?.isEmpty == false, sourceLocation: sourceLocation)
  if case .array = error["details"] {
  } else {
    Issue.record("details is not an array", sourceLocation: sourceLocation)
  }
  if let code { #expect(error["code"]?.string == code, sourceLocation: sourceLocation) }
}
