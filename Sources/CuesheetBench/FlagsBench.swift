import ArgumentParser
import Diagnostics
import Foundation
import Rules

/// `cuesheet-bench flags`: evaluations per second over a generated file of 200 flags.
struct FlagsBench: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flags",
    abstract: "Flag evaluations per second: 200 flags with rules, rollouts, splits, prerequisites.")

  @Option(help: "Evaluations per measured run.") var evaluations = 2_000_000
  @Option(help: "Measured runs (the median is reported).") var runs = 5
  @Option(
    help:
      "Only run `evaluations` evaluations of this kind once, untimed (for callgrind): `name` or `index`."
  )
  var only: Only?

  enum Only: String, ExpressibleByArgument, CaseIterable {
    /// `FlagSet.evaluate(_ name:in:)`.
    case name
    /// `FlagSet.evaluate(at:in:)`, names resolved once.
    case index
  }

  func run() async throws {
    let source = Self.generate(count: 200)
    let compile = try BenchSupport.seconds {
      _ = try RuleLoader.load([SourceFile(name: "bench.rules", text: source)])
    }
    let book = try RuleLoader.load([SourceFile(name: "bench.rules", text: source)])
    let contexts = try (0..<64).map { index in
      try book.flags.context(
        json:
          #"{"env": "\#(index % 3 == 0 ? "production" : "staging")", "account": {"id": "acct-\#(index)", "tier": "\#(index % 4 == 0 ? "enterprise" : "startup")", "country": "US", "seats": \#(index)}}"#
      )
    }
    let names = book.flags.flags.map(\.name)
    if let only {
      var sink = 0
      switch only {
      case .name:
        for index in 0..<evaluations {
          let result = book.flags.evaluate(names[index % names.count], in: contexts[index & 63])
          if result.isOn { sink &+= 1 }
        }
      case .index:
        let indexes = names.map { book.flags.index(of: $0)! }
        for index in 0..<evaluations {
          let result = book.flags.evaluate(
            at: indexes[index % indexes.count], in: contexts[index & 63])
          if result.isOn { sink &+= 1 }
        }
      }
      print("flags.only.\(only.rawValue): \(evaluations) evaluations (\(sink) on)")
      return
    }
    var reasons: [FlagReason: Int] = [:]
    for (index, name) in names.enumerated() {
      reasons[book.flags.evaluate(name, in: contexts[index % contexts.count]).reason, default: 0] +=
        1
    }
    var timings: [Double] = []
    var cpuTimings: [Double] = []
    var sink = 0
    for _ in 0..<runs {
      let cpu = ExprBench.threadCPUNanos()
      timings.append(
        BenchSupport.seconds {
          for index in 0..<evaluations {
            let result = book.flags.evaluate(names[index % names.count], in: contexts[index & 63])
            if result.isOn { sink &+= 1 }
          }
        })
      cpuTimings.append((ExprBench.threadCPUNanos() - cpu) / Double(evaluations))
    }
    let seconds = BenchSupport.median(timings)
    // The same evaluations with names resolved to indexes once (FlagSet.evaluate(at:)).
    let indexes = names.map { book.flags.index(of: $0)! }
    var indexTimings: [Double] = []
    var indexCPUTimings: [Double] = []
    for _ in 0..<runs {
      let cpu = ExprBench.threadCPUNanos()
      defer { indexCPUTimings.append((ExprBench.threadCPUNanos() - cpu) / Double(evaluations)) }
      indexTimings.append(
        BenchSupport.seconds {
          for index in 0..<evaluations {
            let result = book.flags.evaluate(
              at: indexes[index % indexes.count], in: contexts[index & 63])
            if result.isOn { sink &+= 1 }
          }
        })
    }
    let indexSeconds = BenchSupport.median(indexTimings)
    print("flags.file: 200 flags, \(source.split(separator: "\n").count) lines")
    print("flags.load_and_compile: \(BenchSupport.format(compile * 1000)) ms")
    print(
      "flags.reasons_mix: \(reasons.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue)=\($0.value)" }.joined(separator: " "))"
    )
    print(
      "flags.eval_ns: \(BenchSupport.format(seconds / Double(evaluations) * 1e9)) ns/evaluation (median of \(runs), one core; thread CPU \(BenchSupport.format(BenchSupport.median(cpuTimings))) ns)"
    )
    print("flags.eval_rate: \(Int(Double(evaluations) / seconds)) evaluations/s")
    print(
      "flags.eval_by_index_ns: \(BenchSupport.format(indexSeconds / Double(evaluations) * 1e9)) ns/evaluation (median of \(runs), one core; thread CPU \(BenchSupport.format(BenchSupport.median(indexCPUTimings))) ns)"
    )
    if sink == -1 { print(sink) }
  }

  /// 200 flags: a quarter with a rollout, some splits, some prerequisites, schedules, kill switches.
  static func generate(count: Int) -> String {
    var text = ""
    for index in 0..<count {
      text += "flag FLAG_\(index) {\n"
      switch index % 8 {
      case 0:
        text +=
          "  default off\n  when env == \"staging\" => on\n  when has(account.tier) && account.tier == \"enterprise\" => rollout 25% by account.id\n"
      case 1:
        text +=
          "  variants {\n    a = \"a\"\n    b = \"b\"\n    c = \"c\"\n  }\n  default a\n  when env == \"production\" => split by account.id { a 34%, b 33%, c 33% }\n"
      case 2:
        text += "  requires FLAG_\(index - 2)\n  default on\n"
      case 3:
        text +=
          "  default off\n  when account.country in [\"US\", \"CA\", \"GB\"] && account.seats >= 10 => on\n"
      case 4:
        text += "  active from 2026-01-01T00:00:00Z until 2027-01-01T00:00:00Z\n  default on\n"
      case 5:
        text += "  enabled false\n  default on\n"
      case 6:
        text +=
          "  default off\n  when env == \"development\" => on\n  when account.id == \"acct-7\" => on\n  when account.seats > 50 => on\n"
      default:
        text += "  default on\n"
      }
      text += "}\n"
    }
    return text
  }
}
