import CuesheetTesting
import Foundation
import Hummingbird
import HummingbirdTesting
import Reports
import Store
import Testing

@testable import Server

@Suite(.timeLimit(.minutes(20))) struct LiveServerTests {
  @Test func servesOnALoopbackPort() async throws {
    let fixture = try ServerFixture()
    try await fixture.application.test(.live) { client in
      #expect((client.port ?? 0) > 0)
      try await client.execute(uri: "/healthz", method: .get) { response in
        #expect(response.status == .ok)
      }
      try await client.execute(uri: "/api/v1/deals", method: .get) { response in
        try expectError(response, .unauthorized)
      }
      try await client.execute(
        uri: "/api/v1/etl/upload?kind=metrics-daily", method: .post, headers: fixture.auth,
        body: ByteBuffer(string: UploadTests.good)
      ) { response in
        #expect(response.status == .ok)
        let json8 = try json(response)
        #expect(json8["inserted"]?.int == 2)
      }
    }
  }

  /// Tokens are checked against an in-memory snapshot refreshed in the background: a token created
  /// or revoked from another connection (as `cuesheet tokens create|revoke` would) takes effect
  /// within the refresh window, and the request path never reads the database.
  @Test func aRevokedTokenStopsWorkingWithinTheRefreshWindow() async throws {
    let fixture = try ServerFixture(tokenRefresh: 0.2)
    let tokens = TokenStore(store: fixture.store)
    let doomed = try tokens.create(name: "doomed").token
    try await fixture.application.test(.live) { client in
      func status(_ token: String) async throws -> Int {
        try await client.execute(
          uri: "/api/v1/deals", method: .get, headers: [.authorization: "Bearer \(token)"]
        ) { $0.status.code }
      }
      /// Asks with `token` until the answer is `wanted` (or a generous deadline passes).
      func waitFor(_ wanted: Int, token: String) async throws -> Int {
        var answer = try await status(token)
        let deadline = ContinuousClock.now + .seconds(15)
        while answer != wanted && ContinuousClock.now < deadline {
          try await Task.sleep(for: .milliseconds(50))
          answer = try await status(token)
        }
        return answer
      }
      // A token created after the server started is picked up by the refresh, then revoked.
      #expect(try await waitFor(200, token: doomed) == 200)
      try tokens.revoke(name: "doomed")
      #expect(try await waitFor(401, token: doomed) == 401)
      #expect(try await status(fixture.token) == 200)
    }
  }
}

/// Real-browser tests: headless Chromium against the live server. Skipped when Chromium is absent,
/// except under `CI=true`, where that fails them.
@Suite(.serialized, .timeLimit(.minutes(20))) struct BrowserTests {
  static let chromium = Browser.find()
  static var missing: [String] { HostTools.missing("chromium", unless: chromium != nil) }

  /// Runs before each test: under `CI=true` a missing Chromium fails the test.
  init() throws { try HostTools.require(Self.missing) }

  /// Runs headless Chromium with `--dump-dom` on `url` and returns the DOM it printed.
  static func dumpDOM(_ url: String, profile: URL, budget: Int = 10_000) async throws -> String {
    let chromium = try #require(Self.chromium)
    let output = profile.deletingLastPathComponent().appendingPathComponent(
      "dom-\(UUID().uuidString).html")
    FileManager.default.createFile(atPath: output.path, contents: nil)
    let handle = try FileHandle(forWritingTo: output)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
      "--user-data-dir=\(profile.path)", "--virtual-time-budget=\(budget)", "--dump-dom", url,
    ]
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(90)
    while process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(100)) }
    if process.isRunning { process.terminate() }
    try handle.close()
    return try String(contentsOf: output, encoding: .utf8)
  }

  /// Signs the browser profile in through the real login form, posted from the server's own
  /// origin (the login refuses posts from other sites, `file:` pages included).
  static func signIn(_ fixture: ServerFixture, port: Int, profile: URL) async throws {
    _ = try await dumpDOM("http://127.0.0.1:\(port)/test/sign-in", profile: profile)
  }

  @Test(.enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func uploadPageImportsASampleFile() async throws {
    let fixture = try ServerFixture()
    let profile = fixture.directory.appendingPathComponent("profile")
    // The driver page lives in the dashboards folder so that it is on the server's origin: it opens
    // /upload in a frame, puts the sample file in the real file input and submits the real form.
    let sample = try String(
      contentsOf: PackageRoot.appending("samples/metrics_daily.csv"),
      encoding: .utf8)
    let csvLiteral = String(data: try JSONEncoder().encode(sample), encoding: .utf8)!
    try """
    <!doctype html><html><body><pre id="out">waiting</pre>
    <script>
    // Reads the real /upload form, fills its fields (the file input gets a File holding the
    // sample), and submits it as the browser would: multipart/form-data from the form element.
    (async () => {
      const out = document.getElementById('out');
      try {
        const page = await fetch('/upload', {credentials: 'same-origin'});
        const holder = document.createElement('div');
        holder.innerHTML = await page.text();
        const form = holder.querySelector('form');
        document.body.appendChild(form);
        const transfer = new DataTransfer();
        transfer.items.add(new File([\(csvLiteral)], 'metrics_daily.csv', {type: 'text/csv'}));
        form.querySelector('#file').files = transfer.files;
        form.querySelector('#kind').value = 'metrics-daily';
        const answer = await fetch(form.action, {method: 'POST', body: new FormData(form), credentials: 'same-origin'});
        holder.innerHTML = await answer.text();
        out.textContent = 'RESULT: ' + holder.querySelector('#result').textContent.replace(/\\s+/g, ' ');
      } catch (error) {
        out.textContent = 'FAILED: ' + error;
      }
    })();
    </script></body></html>
    """.write(
      to: fixture.dashboardsDirectory.appendingPathComponent("drive-upload.html"), atomically: true,
      encoding: .utf8)
    try await fixture.applicationWithSignInPage.test(.live) { client in
      let port = try #require(client.port)
      try await Self.signIn(fixture, port: port, profile: profile)
      let dom = try await Self.dumpDOM(
        "http://127.0.0.1:\(port)/dashboards/drive-upload.html", profile: profile, budget: 30_000)
      let result = dom.components(separatedBy: "<pre id=\"out\">").last?.prefix(300) ?? ""
      #expect(result.hasPrefix("RESULT: Imported metrics-daily: 16590 rows"), "\(result)")
    }
    #expect(try fixture.sql("SELECT count(*) FROM metrics_daily") == 16590)
  }

  @Test(.enabled(if: HostTools.shouldRun(missing: missing), "\(HostTools.skipReason(missing))"))
  func dashboardPageOpens() async throws {
    let fixture = try ServerFixture(importMetrics: true)
    var options = BuildOptions()
    options.formats = [.html]
    _ = try ReportBuilder(
      store: fixture.store,
      templatesDirectory: PackageRoot.appending("reports").path
    )
    .build(names: [], into: fixture.dashboardsDirectory.path, options: options)
    let profile = fixture.directory.appendingPathComponent("profile")
    try await fixture.applicationWithSignInPage.test(.live) { client in
      let port = try #require(client.port)
      try await Self.signIn(fixture, port: port, profile: profile)
      let dom = try await Self.dumpDOM(
        "http://127.0.0.1:\(port)/dashboards/creator/night-shift.html", profile: profile)
      let found = dom.contains("Night Shift")
      #expect(found, "\(dom.prefix(1000))")
      #expect(dom.contains("<svg") || dom.contains("<table"))
      #expect(!dom.contains("Sign in"))
    }
  }
}
