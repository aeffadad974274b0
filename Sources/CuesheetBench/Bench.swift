import ArgumentParser

/// `cuesheet-bench`: release-built benchmarks of Cuesheet's hot paths.
///
/// Run with `swift run -c release cuesheet-bench <name>`. Each benchmark prints its figures in a
/// stable, line-oriented format (`name: value unit`); the figures go in `docs/benchmarks.md`.
@main
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
