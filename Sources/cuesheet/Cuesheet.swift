import ArgumentParser
import CuesheetCLI

/// The `cuesheet` executable: the command tree lives in `CuesheetCLI` so that tests can drive it.
@main
struct Cuesheet: AsyncParsableCommand {
  static let configuration = CuesheetCommand.configuration
}
