import ArgumentParser
import Diagnostics
import Foundation
import Rules

extension RulesCommand {
  /// `cuesheet rules fmt [--check] [PATH...]`: lay rule files out canonically.
  struct Fmt: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "fmt",
      abstract: "Format rule files canonically (indentation, blank lines); comments are kept.",
      discussion: """
        Formats the .rules and .test files given (folders non-recursively; default: ./rules) in
        place. A file is written only when formatting keeps its meaning (the same flags, rule sets,
        lets and tests); otherwise it is left alone and the command fails with exit 70. With
        --check nothing is written: the files that would change are listed and the exit code is 1
        when there are any.
        """)
    @Argument(help: "Rule files or folders (default: ./rules).")
    var paths: [String] = []
    @Flag(help: "Write nothing; list the files that would change and exit 1 if any.")
    var check = false

    func run() async throws {
      try await ExitStatus.run {
        let files: [String]
        do {
          files = try RuleLoader.files(in: paths.isEmpty ? ["rules"] : paths)
        } catch let error as RuleFileReadError {
          throw CLIError.io(error.description)
        }
        var changed: [String] = []
        var refused = 0
        for path in files {
          guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw CLIError.io("Cannot read rule file \(path): it is missing or not UTF-8 text.")
          }
          let formatted: String
          do {
            formatted = try RuleFormatter.format(text, name: path)
          } catch let error as RuleFormatError {
            Output.error(error.description)
            refused += 1
            continue
          }
          guard formatted != text else { continue }
          changed.append(path)
          if check {
            print(path)
          } else {
            do {
              try formatted.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
              throw CLIError.io("cannot write \(path): \(error.localizedDescription)")
            }
          }
        }
        if !check {
          print(
            "formatted \(files.count) file\(files.count == 1 ? "" : "s"): \(changed.count) changed"
          )
        }
        if refused > 0 { throw ExitStatus.internalError }
        if check && !changed.isEmpty {
          Output.error(
            "\(changed.count) file\(changed.count == 1 ? "" : "s") would be reformatted; run `cuesheet rules fmt`"
          )
          throw ExitStatus.checkFailed
        }
      }
    }
  }
}
