import Application
import Avails
import Foundation
import Hummingbird
import HummingbirdCore
import Reports
import Rules
import Store

/// The HTTP server: the same module calls as the CLI, behind bearer-token auth.
///
/// ```swift
/// let server = CuesheetServer(configuration: configuration, store: store, rules: watcher)
/// try await server.application().runService()
/// ```
public struct CuesheetServer: Sendable {
  /// Where the server listens and what it serves.
  public struct Configuration: Sendable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Report templates (for the dashboard JSON endpoints).
    public var reportsDirectory = "reports"
    /// Built dashboards (the output of `cuesheet reports build`), served under `/dashboards/`.
    public var dashboardsDirectory = "out/reports"
    /// The largest upload body accepted, in bytes.
    public var maxUploadBytes = 100 * 1024 * 1024
    /// Feature-flag overrides (`CUESHEET_FLAG_*`), as the CLI applies them.
    public var flagOverrides = FlagOverrides.none
    /// Seconds a connection may stay silent (no request, or a request that stops arriving) before
    /// the server closes it (`--idle-timeout`).
    public var idleTimeoutSeconds = 30
    /// The most connections served at once (`--max-connections`); beyond it new connections wait
    /// in the listen backlog until one closes.
    public var maxConnections = 512
    /// The most PDFs printed at once; beyond it a PDF request gets 503 `busy`.
    public var maxConcurrentPDFs = 2
    /// Seconds WeasyPrint may take for one PDF before it is stopped (then 500 `pdf_failed`).
    public var pdfTimeoutSeconds = 60
    /// Where uploads are streamed to (default: the system's temporary folder).
    public var uploadDirectory: String?
    /// Adds `Secure` to the session cookie (`--secure-cookie`): set it when a TLS proxy is in front.
    public var secureCookies = false
    /// How often the active API tokens are re-read in the background, in seconds: a revoked
    /// token stops working within this window.
    public var tokenRefresh: TimeInterval = 2
    /// The placement-shares settings of `GET /api/v1/avails` (`nil`: `./avails.json` when it
    /// exists, else the default split; see docs/avails.md).
    public var availsSharesPath: String?

    public init() {}
  }

  public let configuration: Configuration
  public let store: CuesheetStore
  public let rules: RuleWatcher
  public let verifier: TokenVerifier
  /// The page sessions opened by `/login`.
  public let sessions = SessionStore()
  /// Bounds the WeasyPrint processes running at once.
  let pdfGate: PDFGate
  /// Dashboard pages for the JSON endpoints, rendered once per data change.
  public let dashboards: DashboardCache?

  /// A server; removes the upload folders that a killed server left behind.
  public init(configuration: Configuration, store: CuesheetStore, rules: RuleWatcher) {
    self.configuration = configuration
    self.store = store
    self.rules = rules
    self.verifier = TokenVerifier(
      tokens: TokenStore(store: store), refresh: configuration.tokenRefresh)
    self.pdfGate = PDFGate(
      capacity: configuration.maxConcurrentPDFs, timeoutSeconds: configuration.pdfTimeoutSeconds)
    self.dashboards = try? DashboardCache(
      store: store, templatesDirectory: configuration.reportsDirectory,
      clock: { BuildClock.now() })
    UploadReceiver.removeStale(in: uploadDirectory)
  }

  /// Where uploads are streamed to.
  var uploadDirectory: URL {
    configuration.uploadDirectory.map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.temporaryDirectory
  }

  /// The placement shares of the avails checks and `GET /api/v1/avails`, read per request so an
  /// edited settings file applies at once.
  func availsShares() throws -> PlacementShares {
    try PlacementShares.resolve(explicit: configuration.availsSharesPath)
  }

  /// The router with every route.
  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    let served = MethodNotAllowedMiddleware<BasicRequestContext>.Routes()
    router.add(middleware: SecurityHeadersMiddleware())
    router.add(middleware: ErrorShapeMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: served))
    router.get("/healthz") { _, _ in try JSONResponse.make(["status": "ok"]) }
    let api = router.group("api").add(middleware: BearerAuthMiddleware(verifier: verifier))
    UploadRoutes(server: self).add(to: api)
    DealRoutes(server: self).add(to: api)
    IORoutes(server: self).add(to: api)
    DashboardRoutes(server: self).add(to: api)
    FlagRoutes(server: self).add(to: api)
    EventRoutes(server: self).add(to: api)
    MatchRoutes(server: self).add(to: api)
    AvailsRoutes(server: self).add(to: api)
    OFREPRoutes(server: self).add(to: router)
    Pages(server: self).add(to: router)
    served.load(
      router.routes.map { route in
        (route.path.components.map(\.description), route.method.rawValue)
      })
    return router
  }

  /// The application, listening on the configured host and port, with the idle timeout and the
  /// connection cap.
  public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> some ApplicationProtocol
  {
    application(router: router(), onServerRunning: onServerRunning)
  }

  /// The application with a given router (tests add routes to ``router()``'s).
  func application(
    router: Router<BasicRequestContext>,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
  ) -> some ApplicationProtocol {
    Hummingbird.Application(
      router: router,
      server: .http1(
        configuration: .init(idleTimeout: .seconds(Int64(max(1, configuration.idleTimeoutSeconds))))
      ),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "cuesheet",
        availableConnectionsDelegate: MaximumAvailableConnections(
          max(1, configuration.maxConnections))),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) })
  }
}
