import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Rules

/// A malformed `CUESHEET_FLAG_*` override is an error naming the variable and the allowed values
/// (issue #14), not silently ignored.
@Suite("Flag override validation")
struct FlagOverrideValidationTests {
  static func flags() throws -> FlagSet {
    try RuleLoader.load(paths: [PackageRoot.path("rules")]).flags
  }

  @Test(
    "bad overrides are named with the allowed values",
    arguments: [
      (
        ["CUESHEET_FLAG_IO_TEMPLATE": "bogus"],
        "CUESHEET_FLAG_IO_TEMPLATE=bogus is not a value of IO_TEMPLATE; allowed: classic, modern."
      ),
      (
        ["CUESHEET_FLAG_ENABLE_MATCHMAKING": "yes"],
        "CUESHEET_FLAG_ENABLE_MATCHMAKING=yes is not a value of ENABLE_MATCHMAKING; allowed: off, on."
      ),
      (
        ["CUESHEET_FLAG_ENABLE_MATCHMAKNG": "on"],
        "Did you mean CUESHEET_FLAG_ENABLE_MATCHMAKING?"
      ),
    ])
  func rejected(environment: [String: String], message: String) throws {
    let overrides = FlagOverrides.load(environment: environment, dotEnvPath: nil)
    do {
      try Self.flags().validate(overrides)
      Issue.record("expected an error")
    } catch let error as FlagOverrideError {
      #expect(error.description.contains(message), "\(error)")
    }
  }

  @Test("good overrides pass")
  func accepted() throws {
    let overrides = FlagOverrides.load(
      environment: [
        "CUESHEET_FLAG_IO_TEMPLATE": "modern", "CUESHEET_FLAG_ENABLE_MATCHMAKING": "off",
      ], dotEnvPath: nil)
    try Self.flags().validate(overrides)
    try Self.flags().validate(.none)
  }
}
