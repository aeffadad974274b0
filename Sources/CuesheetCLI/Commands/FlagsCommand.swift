import Application
import ArgumentParser
import Foundation
import Rules
import Store

/// `cuesheet flags …`: list, evaluate and explain feature flags.
struct FlagsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "flags",
    abstract: "List, evaluate and explain feature flags.",
    subcommands: [List.self, Eval.self, Explain.self, OFREP.self]
  )

  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every flag in the rule files, with the commands and routes each one gates.",
      discussion: """
        A flag Cuesheet does not read (an analyst's own, for OFREP clients) shows "gates: not used
        by Cuesheet" (--json: "gates": []).
        """)
    @OptionGroup var ruleOptions: RuleOptions
    @Flag(help: "Print the flags as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let book = try ruleOptions.load()
        let rows = book.flags.flags.map(FlagRow.init)
        if json {
          try Output.json(rows)
          return
        }
        for row in rows {
          var facts = [
            row.kind == "boolean" ? "boolean" : "variants: \(row.variants.joined(separator: ", "))"
          ]
          facts.append("default \(row.defaultOutcome)")
          if !row.enabled { facts.append("DISABLED") }
          if let from = row.activeFrom { facts.append("from \(from)") }
          if let until = row.activeUntil { facts.append("until \(until)") }
          if !row.requires.isEmpty {
            facts.append("requires \(row.requires.joined(separator: ", "))")
          }
          facts.append("\(row.rules) rule\(row.rules == 1 ? "" : "s")")
          print("\(row.name)  (\(facts.joined(separator: "; ")))  \(row.location)")
          if !row.description.isEmpty { print("    \(row.description)") }
          print(
            "    gates: "
              + (row.gates.isEmpty ? "not used by Cuesheet" : row.gates.joined(separator: ", ")))
        }
      }
    }
  }

  struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Evaluate one flag for a context: value, variant and reason.",
      discussion: """
        The context is --env and --account (default $CUESHEET_ENV, else development;
        $CUESHEET_ACCOUNT, else network), as for every command that evaluates flags, or a whole
        JSON object with env, account, user and optionally now, e.g.
        --context '{"env": "production", "account": {"id": "acme", "tier": "enterprise"}}'.
        CUESHEET_FLAG_<NAME> in the environment or in ./.env overrides the rules.
        """)
    @Argument(help: "The flag's name.") var name: String
    @OptionGroup var options: EvaluationOptions
    @Flag(help: "Print the result as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let result = try options.evaluate(flag: name).result
        if json {
          try Output.json(FlagResultJSON(result))
        } else {
          print(FlagResultJSON(result).sentence)
        }
      }
    }
  }

  struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Walk a flag's evaluation step by step: rules tried, conditions, the unit's bucket."
    )
    @Argument(help: "The flag's name.") var name: String
    @OptionGroup var options: EvaluationOptions
    @Flag(help: "Print the steps and the result as JSON.") var json = false

    func run() async throws {
      try await ExitStatus.run {
        let answer = try options.evaluate(flag: name, explain: true)
        let (result, steps) = (answer.result, answer.steps)
        if json {
          struct Explanation: Encodable {
            let result: FlagResultJSON
            let steps: [FlagTraceStep]
          }
          try Output.json(Explanation(result: FlagResultJSON(result), steps: steps))
          return
        }
        print("\(answer.flag.name)  (\(answer.flag.file):\(answer.flag.line))")
        for (index, step) in steps.enumerated() {
          print("  \(index + 1). \(step.check)")
          print("     → \(step.result)")
        }
        print(FlagResultJSON(result).sentence)
      }
    }
  }
  struct OFREP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ofrep",
      abstract: "Print what an OpenFeature client gets over OFREP for a context.",
      discussion: """
        The context is an OpenFeature evaluation context, as the OFREP routes of `cuesheet serve`
        take it: --context '{"targetingKey": "acme", "env": "production", "account.tier": "enterprise"}'.
        Prints the OFREP JSON answer for one flag, or for every flag without a name (see
        docs/openfeature.md). Exits 2 when the context is refused or the flag is unknown, 1 when
        the flag's evaluation failed.
        """)
    @Argument(help: "The flag's name (default: every flag, as the bulk route answers).")
    var name: String?
    @Option(help: "The OpenFeature evaluation context as a JSON object.") var context = "{}"
    @OptionGroup var ruleOptions: RuleOptions
    @Flag(help: "Ignore CUESHEET_FLAG_* overrides from the environment and ./.env.")
    var ignoreOverrides = false

    func run() async throws {
      try await ExitStatus.run {
        let rules = try ruleOptions.load()
        let overrides = ignoreOverrides ? FlagOverrides.none : FlagOverrides.load()
        try rules.flags.validate(overrides)
        let request = EvaluateOpenFeature.Request(
          rules: rules, overrides: overrides, body: Data(#"{"context":\#(context)}"#.utf8))
        guard let name else {
          switch EvaluateOpenFeature().evaluateAll(request) {
          case .evaluated(let results, _): print(OFREPJSON.bulk(results))
          case .notModified: break
          case .failed(let error):
            print(OFREPJSON.failure(error))
            throw error
          }
          return
        }
        let result = EvaluateOpenFeature().evaluate(flag: name, request)
        print(OFREPJSON.resolution(result))
        if let error = result.error {
          switch error {
          case .flagNotFound, .parseError, .invalidContext: throw error
          case .targetingKeyMissing, .general: throw ExitCode(1)
          }
        }
      }
    }
  }
}

/// `--rules PATH` and the flag context (`--env`, `--account`, `--context`, `--ignore-overrides`),
/// shared by `flags eval` and `explain`.
struct EvaluationOptions: ParsableArguments {
  @OptionGroup var ruleOptions: RuleOptions
  @OptionGroup var flagContext: FlagContextOptions

  var overrides: FlagOverrides { flagContext.overrides }

  /// Loads the rules and evaluates the flag; unknown flags and bad contexts are usage errors.
  func evaluate(flag name: String, explain: Bool = false) throws -> EvaluateFlag.Answer {
    let rules = try ruleOptions.load()
    try rules.flags.validate(overrides)
    return try EvaluateFlag().run(
      .init(
        rules: rules, rulesSource: ruleOptions.paths.joined(separator: ", "),
        flag: name, context: try flagContext.runContext.json(), overrides: overrides,
        explain: explain))
  }
}

extension FlagResultJSON {
  /// `ENABLE_MATCHMAKING = true (variant on, reason TARGETING_MATCH, rule #1 on line 9)`.
  var sentence: String {
    var details = ["variant \(variant)", "reason \(reason)"]
    if let ruleIndex, let ruleLine { details.append("rule #\(ruleIndex + 1) on line \(ruleLine)") }
    if let message { details.append(message) }
    let valueText: String
    switch value {
    case .string(let text): valueText = "\"\(text)\""
    default: valueText = (try? EventLog.encodePayload(value)) ?? "\(value)"
    }
    return "\(flag) = \(valueText) (\(details.joined(separator: ", ")))"
  }
}

/// A flag as `flags list` shows it.
struct FlagRow: Encodable {
  let name: String
  let description: String
  let kind: String
  let variants: [String]
  let defaultOutcome: String
  let enabled: Bool
  let activeFrom: String?
  let activeUntil: String?
  let requires: [String]
  let rules: Int
  let location: String
  /// The commands and routes the flag gates (``ShippedFlag``); empty for a flag Cuesheet does
  /// not read.
  let gates: [String]

  init(_ flag: FeatureFlag) {
    name = flag.name
    description = flag.description
    kind = flag.isBoolean ? "boolean" : "variants"
    variants = flag.variants.map(\.name)
    switch flag.defaultOutcome {
    case .variant(let index): defaultOutcome = flag.variants[index].name
    case .rollout(let percent, let variant, _, _):
      defaultOutcome = "rollout \(percent)% of \(flag.variants[variant].name)"
    case .split: defaultOutcome = "split"
    }
    enabled = flag.enabled
    let formatter = ISO8601DateFormatter()
    activeFrom = flag.activeFrom.map { formatter.string(from: $0) }
    activeUntil = flag.activeUntil.map { formatter.string(from: $0) }
    requires = flag.prerequisites.map {
      $0.variant == "on" ? $0.flag : "\($0.flag) is \($0.variant)"
    }
    rules = flag.rules.count
    location = "\(flag.file):\(flag.line)"
    gates = ShippedFlag.gates(of: flag.name)
  }
}
