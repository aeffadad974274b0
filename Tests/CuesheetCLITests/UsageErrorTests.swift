import Foundation
import Testing

/// Usage errors are one sentence plus the usage line, exit 2, as README.md promises (#14):
/// a missing argument, a missing option, an unknown option, a bad value, a failed validation.
@Suite("Usage errors: one sentence and the usage line, exit 2")
struct UsageErrorTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let arguments: [String]
    let stderr: String
    var testDescription: String { "cuesheet " + arguments.joined(separator: " ") }
  }

  @Test(
    "bad invocations print exactly two lines on stderr, nothing on stdout",
    arguments: [
      Case(
        arguments: ["io", "show"],
        stderr: """
          error: missing the argument '<id>': the IO id.
          usage: cuesheet io show [--db <PATH>] <id> [--as-of <as-of>] [--json]
          """),
      Case(
        arguments: ["deals", "move", "cmp-001"],
        stderr: """
          error: missing the option '--to <to>'.
          usage: cuesheet deals move [--db <PATH>] <campaign> --to <to> [--reason <reason>]
          """),
      Case(
        arguments: ["io", "show", "IO-1001", "--bogus"],
        stderr: """
          error: unknown option '--bogus'.
          usage: cuesheet io show [--db <PATH>] <id> [--as-of <as-of>] [--json]
          """),
      Case(
        arguments: ["deals", "move", "cmp-001", "--to", "won"],
        stderr: """
          error: the value 'won' is invalid for '--to <to>'; use one of 'lead', 'qualified', 'proposal', 'negotiation', 'closed_won' or 'closed_lost'.
          usage: cuesheet deals move [--db <PATH>] <campaign> --to <to> [--reason <reason>]
          """),
      Case(
        arguments: ["io", "show", "IO-1001", "--as-of"],
        stderr: """
          error: missing a value for '--as-of <as-of>'.
          usage: cuesheet io show [--db <PATH>] <id> [--as-of <as-of>] [--json]
          """),
      Case(
        arguments: ["io", "export"],
        stderr: """
          error: name an IO id, or pass --campaign ID for a campaign's IOs.
          usage: cuesheet io export [<options>] [<id>]
          """),
      Case(
        arguments: ["nosuch"],
        stderr: """
          error: unexpected argument 'nosuch'.
          usage: cuesheet <subcommand>
          """),
    ])
  func usageError(_ usage: Case) throws {
    let result = try CLIRunner.run(usage.arguments)
    #expect(result.status == 2)
    #expect(result.stdout == "")
    #expect(result.stderr == usage.stderr + "\n")
  }
}
