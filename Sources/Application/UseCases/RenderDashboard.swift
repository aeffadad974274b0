import Foundation
import Reports
import Store

/// Renders one page of a dashboard template as data: `GET /api/v1/dashboard/{creator,advertiser,ops}`.
///
/// The same templates and report engine as `cuesheet reports build` (read-only connection, the
/// same row and time limits), on every request.
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

  public init(store: CuesheetStore) { self.store = store }

  /// The page, or `nil` when the template has no page by that name.
  public func run(_ request: Request) async throws -> ReportBuilder.Page? {
    let store = self.store
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
