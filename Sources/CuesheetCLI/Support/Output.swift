import Application
import Foundation

/// Writing to stdout and stderr, and JSON for `--json`.
enum Output {
  /// Prints a line on standard error.
  static func error(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  /// Prints a value as pretty JSON with sorted snake_case keys on standard output (the API's keys).
  static func json(_ value: some Encodable) throws {
    print(String(decoding: try JSONKeys.encoder(pretty: true).encode(value), as: UTF8.self))
  }

  /// True when standard error is a terminal (colour and progress bars only then).
  static var stderrIsTerminal: Bool { isatty(2) == 1 }
  static var stdoutIsTerminal: Bool { isatty(1) == 1 }
}
