import ArgumentParser
import Dispatch

/// `cuesheet-bench`: release-built benchmarks of Cuesheet's hot paths.
///
/// Run with `swift run -c release cuesheet-bench <name>`. Each benchmark prints its figures in a
/// stable, line-oriented format (`name: value unit`); the figures go in `docs/benchmarks.md`.
struct Bench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cuesheet-bench",
    abstract: "Release-built benchmarks of Cuesheet's hot paths.",
    subcommands: [
      StoreBench.self, ExprBench.self, FlagsBench.self, ImportBench.self, PipelineBench.self,
      MatchBench.self, ReportsBench.self, ScaleBench.self, AvailsBench.self,
      RulesDiffBench.self, OFREPBench.self, LSPBench.self,
    ]
  )
}

/// The entry point is synchronous on purpose: the parsed command runs on a detached task while
/// the main thread waits on a semaphore. Swift's async `main` parks the main thread in
/// `dispatch_main`, whose `sigsuspend` makes valgrind (3.19 and 3.24 alike) die with an internal
/// SIGSEGV, so `scripts/bench-instructions.sh` could not count instructions under callgrind.
@main
enum BenchEntry {
  static func main() {
    nonisolated(unsafe) var command: ParsableCommand
    do {
      command = try Bench.parseAsRoot()
    } catch {
      Bench.exit(withError: error)
    }
    nonisolated(unsafe) var failure: Error?
    let finished = DispatchSemaphore(value: 0)
    Task.detached {
      do {
        if var asyncCommand = command as? AsyncParsableCommand {
          try await asyncCommand.run()
        } else {
          try command.run()
        }
      } catch {
        failure = error
      }
      finished.signal()
    }
    finished.wait()
    if let failure {
      Bench.exit(withError: failure)
    }
  }
}
