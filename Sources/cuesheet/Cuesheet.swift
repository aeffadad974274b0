import ArgumentParser
import CuesheetCLI
import Foundation

/// The `cuesheet` executable: the command tree lives in `CuesheetCLI` so that tests can drive it.
@main
struct Cuesheet: AsyncParsableCommand {
  static let configuration = CuesheetCommand.configuration

  /// Parses, runs, and maps ArgumentParser's usage exit code (64) to the documented 2, with one
  /// sentence and the usage line (``UsageMessage``).
  static func main() async {
    do {
      var command = try parseAsRoot()
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await runAsync(&asyncCommand)
      } else {
        try command.run()
      }
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(
          Data((UsageMessage.render(fullMessage(for: error)) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }

  private static func runAsync<Command: AsyncParsableCommand>(_ command: inout Command) async throws
  {
    try await command.run()
  }
}
