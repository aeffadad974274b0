import Foundation
import Hummingbird
import Testing

@testable import Server

/// The bearer token is trimmed as `trimmingCharacters(in: .whitespaces)` trims it, without
/// Foundation for the usual ASCII token (issue #13, the request path).
@Suite struct BearerTokenTrimTests {
  static let values: [String] = [
    "cst_abc", " cst_abc", "cst_abc ", "\t cst_abc \t", "", " ", "\t\t", "cst abc",
    "\u{00A0}cst_abc", "cst_abc\u{3000}", " \u{2003}cst_abc\u{2003} ", "é", " é ", "cst_é",
    "\u{00A0}", "\ncst_abc\n", "cst_abc\r",
  ]

  @Test(arguments: values)
  func trimsAsFoundationDoes(_ value: String) {
    #expect(
      BearerAuthMiddleware<BasicRequestContext>.trimmed(Substring(value))
        == value.trimmingCharacters(in: .whitespaces))
  }
}
