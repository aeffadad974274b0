import Foundation
import Reports
import Store

/// Renders one page of a dashboard template as data: `GET /api/v1/dashboard/{creator,advertiser,ops}`.
///
/// The same templates and report engine as `cuesheet reports build` (read-only connection, the
/// same row and time limits). With a ``DashboardCache`` a page set is rendered once per change of
/// the data (or the template, or the day) and later requests answer from memory; a page is found by
/// its output name before cleaning (the show id), and one failing page never fails another.
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
    let store = self.store
    // The sell-through figures first (at most once a minute); unchanged figures write nothing, so
    // the cache stays valid.
    try await Offload.run { _ = RefreshSellThrough(store: store).runForDashboards(throttle: 60) }
    if let cache, cache.templatesDirectory == request.reportsDirectory {
      return try await Offload.run { try cache.page(request.template, named: request.page) }
    }
    return try await Offload.run {
      let builder = ReportBuilder(store: store, templatesDirectory: request.reportsDirectory)
      guard let template = try builder.loadTemplates([request.template]).first else { return nil }
      var options = BuildOptions()
      options.builtAt = BuildClock.now()
      let pages = try builder.renderPages(template, options: options)
      return request.page.map { file in pages.first { $0.file == file } } ?? pages.first
    }
  }
}
