import Application
import CuesheetTesting
import Matchmaking
import Rules
import Testing

/// The table of flags Cuesheet reads (#14): it agrees with the gating code and the shipped file.
@Suite("ShippedFlag: one table for the gates and `flags list`")
struct ShippedFlagTests {
  @Test("the gating code reads the table's names")
  func gatingCodeAgrees() {
    #expect(MatchRecalculation.gateFlag == ShippedFlag.matchmaking.name)
    #expect(IODocumentFlags.pdfFlag == ShippedFlag.ioPDF.name)
    #expect(IODocumentFlags.templateFlag == ShippedFlag.ioTemplate.name)
  }

  @Test("rules/flags.rules defines exactly the table's flags, each gating something")
  func shippedFileMatchesTable() throws {
    for path in ["rules", "samples/rules-proposed"] {
      let book = try RuleLoader.load(paths: [PackageRoot.path(path)])
      #expect(
        Set(book.flags.flags.map(\.name)) == Set(ShippedFlag.allCases.map(\.name)), "\(path)")
    }
    for flag in ShippedFlag.allCases { #expect(!flag.gates.isEmpty, "\(flag.name)") }
    #expect(ShippedFlag.gates(of: "SOMEONE_ELSES_FLAG") == [])
  }

  @Test("FlagRunContext: --context as given, else --env/--account, CUESHEET_*, the defaults")
  func runContext() throws {
    let environment = ["CUESHEET_ENV": "staging", "CUESHEET_ACCOUNT": "acme"]
    #expect(
      try FlagRunContext.defaults().json(environment: [:])
        == #"{"account":{"id":"network"},"env":"development"}"#)
    #expect(
      try FlagRunContext.defaults().json(environment: environment)
        == #"{"account":{"id":"acme"},"env":"staging"}"#)
    #expect(
      try FlagRunContext(context: nil, env: "ci", account: "x").json(environment: environment)
        == #"{"account":{"id":"x"},"env":"ci"}"#)
    #expect(
      try FlagRunContext(context: #"{"env": "production"}"#, env: "ci", account: nil)
        .json(environment: environment) == #"{"env": "production"}"#)
  }
}
