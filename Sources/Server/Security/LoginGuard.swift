import Foundation
import Hummingbird

/// The checks around the login form: where it may redirect, and who may post it.
enum LoginGuard {
  /// A redirect target that stays on this site: a path starting with one `/`, of printable ASCII
  /// without white space or backslashes, with no scheme or authority part. Anything else is `/`.
  ///
  /// Browsers drop tabs and line breaks from URLs and read `\` as `/`, so `/<TAB>/evil.example`
  /// would leave the site as `//evil.example`: such characters are refused, not stripped.
  static func safeNext(_ next: String?) -> String {
    guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), next.utf8.count <= 2048 else {
      return "/"
    }
    for byte in next.utf8 where byte <= 0x20 || byte >= 0x7F || byte == UInt8(ascii: "\\") {
      return "/"
    }
    guard let components = URLComponents(string: next), components.scheme == nil,
      components.host == nil
    else { return "/" }
    return next
  }

  /// True when a form post comes from this server's own pages.
  ///
  /// A browser names the page's origin in `Origin` (and `Sec-Fetch-Site`); it must be this
  /// server's host and port, as the browser addressed it (`Host`). A request without `Origin`
  /// (not a browser, or a very old one) passes; `Origin: null` (a sandboxed frame, a file) does not.
  static func isSameOrigin(_ request: Request) -> Bool {
    if let site = request.headers[.secFetchSite]?.lowercased(),
      site == "cross-site" || site == "same-site"
    {
      return false
    }
    guard let origin = request.headers[.origin] else { return true }
    guard let authority = request.head.authority,
      let components = URLComponents(string: origin), components.scheme != nil,
      var host = components.host
    else { return false }
    if host.contains(":"), !host.hasPrefix("[") { host = "[\(host)]" }
    let originAuthority = components.port.map { "\(host):\($0)" } ?? host
    return originAuthority.lowercased() == authority.lowercased()
  }
}
