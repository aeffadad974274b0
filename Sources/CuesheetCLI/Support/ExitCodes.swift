import Application
import ArgumentParser
import Diagnostics
import Foundation

/// The exit codes in DESIGN.md, and the one place errors become them.
///
/// An error's category (``ErrorCategory``, stated once beside the error type) picks the exit code
/// through ``code(for:)``; the HTTP server maps the same categories to statuses, so the two agree.
enum ExitStatus {
  static let checkFailed = ExitCode(1)
  static let usage = ExitCode(2)
  static let badInput = ExitCode(65)
  /// EX_SOFTWARE: a bug, nothing the caller can fix.
  static let internalError = ExitCode(70)
  static let ioError = ExitCode(74)

  /// The exit code of each error category.
  static func code(for category: ErrorCategory) -> ExitCode {
    switch category {
    case .invalidRequest, .undefinedName: usage
    case .invalidInput, .notFound, .conflict: badInput
    case .checkFailed: checkFailed
    case .busy, .io: ioError
    case .internal: internalError
    }
  }

  /// Runs a command body: prints any error as one sentence on stderr and exits with its code.
  static func run(_ body: () async throws -> Void) async throws {
    do {
      try await body()
    } catch let exit as ExitCode {
      throw exit
    } catch let error as CleanExit {
      throw error
    } catch let error as ValidationError {
      throw error
    } catch {
      let (message, code) = describe(error)
      Output.error("error: \(message)")
      throw code
    }
  }

  /// The message (with the CLI's hint, if any) and exit code for an error.
  static func describe(_ error: Error) -> (String, ExitCode) {
    switch error {
    case let error as CLIError:
      return (error.message, error.code)
    case let error as DiagnosticsError:
      return (error.rendered, code(for: error.category))
    default:
      let failure = ClassifiedFailure(error)
      let hint = failure.hint ?? CLIHints.hint(for: failure.code)
      return (failure.message + (hint.map { " (\($0))" } ?? ""), code(for: failure.category))
    }
  }
}

/// An error raised by the CLI itself, with its message and exit code.
struct CLIError: Error {
  let message: String
  let code: ExitCode

  static func usage(_ message: String) -> CLIError {
    CLIError(message: message, code: ExitStatus.usage)
  }
  static func io(_ message: String) -> CLIError {
    CLIError(message: message, code: ExitStatus.ioError)
  }
  static func badInput(_ message: String) -> CLIError {
    CLIError(message: message, code: ExitStatus.badInput)
  }
}
