import Foundation
import Hummingbird

/// Serves the built dashboards (`cuesheet reports build` output) under `/dashboards/`.
///
/// Only plain files inside the root are served: path segments that are empty, `.`, `..` or hidden
/// are refused, and the resolved path (after symbolic links) must stay inside the root.
struct DashboardFiles: Sendable {
  let root: String

  static let types: [String: String] = [
    "html": "text/html; charset=utf-8", "md": "text/markdown; charset=utf-8",
    "svg": "image/svg+xml",
    "css": "text/css", "json": "application/json", "png": "image/png",
    "txt": "text/plain; charset=utf-8",
  ]

  func response(for relative: String) throws -> Response {
    guard let url = resolve(relative) else {
      throw APIError.notFound(
        "No dashboard file at /dashboards/\(relative); build the dashboards with `cuesheet reports build`."
      )
    }
    let data = try Data(contentsOf: url)
    let type = Self.types[url.pathExtension.lowercased()] ?? "application/octet-stream"
    return Response(
      status: .ok, headers: [.contentType: type, .xContentTypeOptions: "nosniff"],
      body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
  }

  /// The file for a request path, or `nil` when it is unsafe or absent.
  func resolve(_ relative: String) -> URL? {
    let segments = relative.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let cleaned = segments.last == "" ? Array(segments.dropLast()) : segments
    for segment in cleaned {
      if segment.isEmpty || segment.hasPrefix(".") || segment.contains("\\")
        || segment.contains("\0")
      {
        return nil
      }
    }
    let base = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
    var url = cleaned.reduce(base) { $0.appendingPathComponent($1) }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    {
      url = url.appendingPathComponent("index.html")
    }
    let resolved = url.resolvingSymlinksInPath()
    guard resolved.path.hasPrefix(base.path + "/"),
      FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else { return nil }
    return resolved
  }
}
