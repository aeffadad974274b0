import ArgumentParser
import Diagnostics
import Expressions
import Foundation
import GRDB
import Ingest
import Matchmaking
import Pipeline
import Reports
import Rules
import Server
import Store

/// The exit codes in DESIGN.md, and the one place errors become them.
enum ExitStatus {
  static let checkFailed = ExitCode(1)
  static let usage = ExitCode(2)
  static let badInput = ExitCode(65)
  static let ioError = ExitCode(74)

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

  /// The message and exit code for an error.
  static func describe(_ error: Error) -> (String, ExitCode) {
    switch error {
    case let error as StoreError:
      switch error {
      case .databaseMissing, .cannotOpen: return (error.description, ioError)
      case .unknownVersion, .wrongDirection: return (error.description, usage)
      case .notMigrated, .newerThanKnown: return (error.description, badInput)
      }
    case let error as DatabaseError:
      return ("SQLite error \(error.resultCode): \(error.message ?? "unknown")", ioError)
    case let error as CocoaError:
      return (error.localizedDescription, ioError)
    case let error as DiagnosticsError:
      return (error.rendered, badInput)
    case let error as EvaluationError:
      return (error.description, badInput)
    case let error as ImportError:
      return (error.description, ImportCommand.exitCode(for: error))
    case let error as ReportError:
      switch error {
      case .io: return (error.description, ioError)
      case .unknownReport: return (error.description, usage)
      case .warnings: return (error.description, checkFailed)
      case .template, .query, .schedule: return (error.description, badInput)
      }
    case let error as IODocumentError:
      return (error.description, badInput)
    case let error as PDFError:
      return (error.description, ioError)
    case let error as TokenStore.TokenError:
      switch error {
      case .invalidName: return (error.description, usage)
      case .nameTaken, .notFound: return (error.description, badInput)
      }
    case let error as MatchmakingError:
      switch error {
      case .unknownRuleSet: return (error.description, usage)
      default: return (error.description, badInput)
      }
    case let error as FlagOverrideError:
      return (error.description, usage)
    case let error as CLIError:
      return (error.message, error.code)
    case let error as PipelineError:
      return (error.description, error.isUsage ? usage : badInput)
    default:
      return ("\(error)", badInput)
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
