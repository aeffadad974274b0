import Application
import ArgumentParser
import Foundation
import Rules
import Server

/// `cuesheet serve`: the HTTP API and web pages, on loopback by default.
struct ServeCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "serve",
    abstract: "Serve the HTTP API and the web pages (upload, dashboards).",
    discussion: """
      Binds to 127.0.0.1 unless --host says otherwise. Every /api route needs
      Authorization: Bearer TOKEN (see `cuesheet tokens create`). Rule files are reloaded when they
      change; if they fail to load, the last good rules stay in force. SIGINT or SIGTERM stops the
      server after the requests in flight finish. See docs/server.md.
      """)

  @OptionGroup var database: DatabaseOptions
  @Option(help: "The address to listen on.") var host = "127.0.0.1"
  @Option(help: "The port to listen on (0 picks a free one).") var port = 8080
  @Option(
    help: ArgumentHelp(
      "A rule file or a folder of them (default: $CUESHEET_RULES, else ./rules, else the shipped rules).",
      valueName: "DIR"))
  var rules: [String] = []
  @Option(
    help: ArgumentHelp(
      "The report templates directory (default: $CUESHEET_REPORTS, else ./reports, else the shipped reports).",
      valueName: "DIR"))
  var reports: String?

  /// `--rules`, else the rules folder by ``ShippedFiles``' lookup order.
  var rulePaths: [String] {
    rules.isEmpty ? [ShippedFiles.locate(.rules, option: nil)?.path ?? "rules"] : rules
  }
  @Option(help: ArgumentHelp("The built dashboards served under /dashboards/.", valueName: "DIR"))
  var dashboards = "out/reports"
  @Option(help: "The largest upload accepted, in megabytes.") var maxUploadMb = 100
  @Option(help: "How often to check the rule files for changes, in seconds.") var rulesPoll = 2.0
  @Option(help: "Seconds a connection may stay silent before it is closed.") var idleTimeout = 30
  @Option(help: "The most connections served at once; more wait until one closes.")
  var maxConnections = 512
  @Flag(help: "Mark the session cookie Secure (set it when a TLS proxy is in front).")
  var secureCookie = false
  @Flag(help: "Ignore CUESHEET_FLAG_* overrides from the environment and ./.env.")
  var ignoreOverrides = false

  func validate() throws {
    guard (0...65535).contains(port) else {
      throw ValidationError("--port must be 0 to 65535, got \(port).")
    }
    guard idleTimeout >= 1, maxConnections >= 1 else {
      throw ValidationError(
        "--idle-timeout and --max-connections must be at least 1, got \(idleTimeout) and \(maxConnections)."
      )
    }
    guard maxUploadMb >= 1 else {
      throw ValidationError("--max-upload-mb must be at least 1, got \(maxUploadMb).")
    }
    guard rulesPoll > 0 else {
      throw ValidationError("--rules-poll must be positive, got \(rulesPoll).")
    }
  }

  func run() async throws {
    try await ExitStatus.run {
      let store = try database.open()
      let watcher = RuleWatcher(paths: rulePaths) { message in
        Output.error(message)
      }
      var configuration = CuesheetServer.Configuration()
      configuration.host = host
      configuration.port = port
      configuration.reportsDirectory =
        ShippedFiles.locate(.reports, option: reports)?.path ?? "reports"
      configuration.dashboardsDirectory = dashboards
      configuration.maxUploadBytes = maxUploadMb * 1024 * 1024
      configuration.idleTimeoutSeconds = idleTimeout
      configuration.maxConnections = maxConnections
      configuration.secureCookies = secureCookie
      configuration.flagOverrides = ignoreOverrides ? .none : FlagOverrides.load()
      // A malformed override is an error at startup, not silently ignored on every request.
      if let book = try? RuleLoader.load(paths: rulePaths) {
        try book.flags.validate(configuration.flagOverrides)
      }
      let server = CuesheetServer(configuration: configuration, store: store, rules: watcher)
      let app = server.application { port in
        Output.error("cuesheet: listening on http://\(host):\(port) (database \(store.path))")
      }
      let poll = rulesPoll
      try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await watcher.run(every: .milliseconds(Int(poll * 1000))) }
        group.addTask { await server.maintainWAL() }
        try await app.runService()
        group.cancelAll()
      }
      Output.error("cuesheet: stopped")
    }
  }
}
