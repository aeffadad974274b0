import Application
import Avails
import Foundation
import Hummingbird
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
  /// Dashboard pages for the JSON endpoints, rendered once per data change.
  public let dashboards: DashboardCache?

  public init(configuration: Configuration, store: CuesheetStore, rules: RuleWatcher) {
    self.configuration = configuration
    self.store = store
    self.rules = rules
    self.verifier = TokenVerifier(
      tokens: TokenStore(store: store), refresh: configuration.tokenRefresh)
    self.dashboards = try? DashboardCache(
      store: store, templatesDirectory: configuration.reportsDirectory,
      clock: { BuildClock.now() })
  }

  /// The placement shares of the avails checks and `GET /api/v1/avails`, read per request so an
  /// edited settings file applies at once.
  func availsShares() throws -> PlacementShares {
    try PlacementShares.resolve(explicit: configuration.availsSharesPath)
  }

  /// The router with every route.
  public func router() -> Router<BasicRequestContext> {
    let router = Router(context: BasicRequestContext.self)
    router.add(middleware: ErrorShapeMiddleware())
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
    return router
  }

  /// The application, listening on the configured host and port.
  public func application(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
    -> some ApplicationProtocol
  {
    Hummingbird.Application(
      router: router(),
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port), serverName: "cuesheet"),
      onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) })
  }
}
