import Foundation
import Hummingbird
import Logging
import NIOPosix

/// Serves the built dashboards (`cuesheet reports build` output) under `/dashboards/` through
/// Hummingbird's file middleware: file bytes stream from NIO's thread pool, never read whole on
/// the request path, with ETag, Last-Modified and range support.
///
/// Only plain files inside the root are served: path segments that are empty, `.`, `..` or hidden
/// are refused, and the resolved path (after symbolic links, checked on NIO's thread pool) must
/// stay inside the root. Anything refused is a 404 in the one error shape.
struct DashboardFiles: FileProvider {
  typealias FileAttributes = LocalFileSystem.FileAttributes
  typealias FileIdentifier = String

  let root: String
  private let base: String
  private let files: LocalFileSystem

  init(root: String) {
    self.root = root
    base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath().path
    files = LocalFileSystem(
      rootFolder: base, threadPool: .singleton, logger: Logger(label: "cuesheet.dashboards"))
  }

  /// The media types beyond Hummingbird's own table.
  static let types: [String: MediaType] = [
    "md": MediaType(type: .text, subType: "markdown", parameter: ("charset", "utf-8")),
    "html": MediaType(type: .text, subType: "html", parameter: ("charset", "utf-8")),
    "txt": MediaType(type: .text, subType: "plain", parameter: ("charset", "utf-8")),
  ]

  /// The middleware for a route group mounted at `/dashboards`.
  func middleware<Context: RequestContext>(_: Context.Type = Context.self)
    -> DashboardFileMiddleware<
      Context
    >
  {
    DashboardFileMiddleware(
      files: FileMiddleware(
        fileProvider: self, urlBasePath: "/dashboards", searchForIndexHtml: true
      ).withAdditionalMediaTypes(forFileExtensions: Self.types))
  }

  /// Whether a path below the root is allowed: no empty (but a trailing slash), `.`-prefixed,
  /// backslash or NUL segment.
  static func isSafe(_ relative: String) -> Bool {
    let segments = relative.split(separator: "/", omittingEmptySubsequences: false)
    let cleaned = segments.last == "" ? segments.dropLast() : segments[...]
    return !cleaned.contains { segment in
      segment.isEmpty || segment.hasPrefix(".") || segment.contains("\\") || segment.contains("\0")
    }
  }

  func getFileIdentifier(_ path: String) -> String? {
    let relative = path.hasPrefix("/") ? String(path.dropFirst()) : path
    guard Self.isSafe(relative) else { return nil }
    return files.getFileIdentifier(relative)
  }

  func getAttributes(id path: String) async throws -> FileAttributes? {
    let base = self.base
    let inside = try await NIOThreadPool.singleton.runIfActive { () -> Bool in
      guard let resolved = realpath(path, nil) else { return false }
      defer { free(resolved) }
      let path = String(cString: resolved)
      return path == base || path.hasPrefix(base + "/")
    }
    guard inside, let attributes = try await files.getAttributes(id: path) else { return nil }
    return attributes
  }

  func loadFile(id path: String, context: some RequestContext) async throws -> ResponseBody {
    try await files.loadFile(id: path, context: context)
  }

  func loadFile(id path: String, range: ClosedRange<Int>, context: some RequestContext)
    async throws -> ResponseBody
  {
    try await files.loadFile(id: path, range: range, context: context)
  }
}

/// Runs the file middleware for safe paths only (a `..` or hidden segment is a 404 before the
/// file system is touched), adds `X-Content-Type-Options: nosniff`, and answers a missing file
/// with the one JSON error shape.
struct DashboardFileMiddleware<Context: RequestContext>: RouterMiddleware {
  let files: FileMiddleware<Context, DashboardFiles>

  func handle(
    _ request: Request, context: Context, next: (Request, Context) async throws -> Response
  ) async throws -> Response {
    let path = request.uri.path.removingPercentEncoding ?? ""
    let relative =
      path.hasPrefix("/dashboards/") ? String(path.dropFirst("/dashboards/".count)) : ""
    guard DashboardFiles.isSafe(relative), !relative.contains("..") else {
      throw Self.notFound(path)
    }
    do {
      var response = try await files.handle(request, context: context, next: next)
      response.headers[.xContentTypeOptions] = "nosniff"
      return response
    } catch let error as any HTTPResponseError where error.status == .notFound {
      throw Self.notFound(path)
    }
  }

  static func notFound(_ path: String) -> APIError {
    APIError.notFound(
      "No dashboard file at \(String(path.prefix(200))); build the dashboards with `cuesheet reports build`."
    )
  }
}
