import CuesheetTesting
import Foundation
import Hummingbird
import Testing

@testable import Server

@Suite struct OpenAPITests {
  /// `METHOD /path` for every operation in docs/openapi.yaml (read line by line: paths are at two
  /// spaces of indent, their methods at four).
  static func documented() throws -> Set<String> {
    let text = try String(
      contentsOf: PackageRoot.appending("docs/openapi.yaml"), encoding: .utf8)
    var operations: Set<String> = []
    var inPaths = false
    var path: String?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "paths:" { inPaths = true; continue }
      if inPaths, !line.isEmpty, !line.hasPrefix(" ") { break }
      guard inPaths else { continue }
      if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
        path = String(line.dropFirst(2).dropLast())
      } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
        let key = line.trimmingCharacters(in: .whitespaces).dropLast()
        if ["get", "post", "put", "patch", "delete"].contains(String(key)) {
          operations.insert("\(key.uppercased()) \(path)")
        }
      }
    }
    return operations
  }

  /// `METHOD /path` for every route the server serves, in OpenAPI's `{name}` form.
  static func served() throws -> Set<String> {
    let fixture = try ServerFixture()
    return Set(
      fixture.server.router().routes.map { route in
        let path = route.path.components.map { element -> String in
          let text = element.description
          if text == "**" { return "{path}" }
          if text.hasPrefix(":") { return "{\(text.dropFirst())}" }
          return text
        }.joined(separator: "/")
        let normalised = "/" + path
        return
          "\(route.method.rawValue) \(normalised.hasSuffix("/") && normalised != "/" && route.path.description.hasSuffix("/") ? normalised : normalised)"
      })
  }

  @Test func everyServedRouteIsDocumentedAndViceVersa() throws {
    let documented = try Self.documented()
    let served = try Self.served()
    #expect(documented.count > 20)
    #expect(served.subtracting(documented).sorted() == [], "served but not in docs/openapi.yaml")
    #expect(documented.subtracting(served).sorted() == [], "in docs/openapi.yaml but not served")
  }
}
