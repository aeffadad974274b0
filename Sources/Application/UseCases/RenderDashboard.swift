import Foundation
import Reports
import Store

/// Renders one page of a dashboard template as data: `GET /api/v1/dashboard/{creator,advertiser,ops}`.
///
/// The same templates and report engine as `cuesheet reports build` (read-only connection, the
/// same row and time limits). With a ``DashboardCache`` a page set is rendered once per change of
/// the data it reads (or the template, or the day) and later requests answer from memory, as does
/// what the caller derives from a page (`encode`: the JSON body); a page is found by its output
/// name before cleaning (the show id), and one failing page never fails another. Database work
/// runs through the store's asynchronous reads (GRDB's reader threads), never blocking Swift's
/// cooperative threads.
public struct RenderDashboard: Sendable {
  public struct Request: Sendable, Equatable {
    /// The template's name (`creator`, `advertiser`, `ops`).
    public var template: String
    /// The page's output name (a show or advertiser id); `nil` is the first page.
    public var page: String?
    /// The templates directory.
    public var reportsDirectory: String

    public init(template: String, page: String? = nil, reportsDirectory: String = "reports") {
      self.template = template
      self.page = page
      self.reportsDirectory = reportsDirectory
    }
  }

  public let store: CuesheetStore
  /// Pages rendered once per data change (the server's); without it, every call renders.
  public let cache: DashboardCache?

  public init(store: CuesheetStore, cache: DashboardCache? = nil) {
    self.store = store
    self.cache = cache
  }

  /// The page, or `nil` when the template has no page by that name.
  public func run(_ request: Request) async throws -> ReportBuilder.Page? {
    try await run(request) { $0 }
  }

  /// `encode(page)` for the page, or `nil` when the template has no page by that name; with a
  /// cache, computed once per rendering of the page.
  public func run<T: Sendable>(
    _ request: Request, encode: @escaping @Sendable (ReportBuilder.Page) throws -> T
  ) async throws -> T? {
    // The sell-through figures first (at most once a minute); unchanged figures write nothing, so
    // the cache stays valid.
    await RefreshSellThrough(store: store).refreshForDashboards(throttle: 60)
    if let cache, cache.templatesDirectory == request.reportsDirectory {
      return try await store.writer.read { db in
        try cache.derived(
          request.template, named: request.page, versions: DataVersions.read(db), encode)
      }
    }
    return try await store.writer.read { _ in
      let builder = ReportBuilder(store: store, templatesDirectory: request.reportsDirectory)
      guard let template = try builder.loadTemplates([request.template]).first else { return nil }
      var options = BuildOptions()
      options.builtAt = BuildClock.now()
      let pages = try builder.renderPages(template, options: options)
      let page = request.page.map { file in pages.first { $0.file == file } } ?? pages.first
      return try page.map(encode)
    }
  }
}
