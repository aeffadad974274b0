import ArgumentParser
import Diagnostics
import Expressions
import Foundation

/// `cuesheet eval`: type-checks and evaluates one expression.
struct EvalCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Type-check and evaluate one rule-language (CEL) expression.",
    discussion: """
      Variables are bound with --var name=JSON and are of type dyn; JSON integers become int,
      other numbers double, objects maps, arrays lists.
        cuesheet eval '1 + 2'
        cuesheet eval 'show.cpm > 20' --var 'show={"cpm": 25.5}'
        cuesheet eval -- '-7 % 3'        (use -- when the expression starts with -)
      Prints the value and its type; on a syntax, type or evaluation error prints the diagnostics
      and exits with 65.
      """)

  @Argument(help: "The expression.") var expression: String
  @Option(
    name: .customLong("var"),
    help: ArgumentHelp("Bind a variable: name=JSON (repeatable).", valueName: "name=JSON"))
  var variables: [String] = []
  @Flag(help: "Print the result as JSON: {\"value\": …, \"type\": …}.") var json = false

  /// Parsed `--var` bindings, in order.
  func bindings() throws -> [(String, Value)] {
    try variables.map { binding in
      guard let equals = binding.firstIndex(of: "="), equals != binding.startIndex else {
        throw CLIError.usage("--var '\(binding)' must look like name=JSON, e.g. --var 'x=42'.")
      }
      let name = String(binding[..<equals])
      guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else {
        throw CLIError.usage("--var name '\(name)' may contain only letters, digits, _ and '.'.")
      }
      do {
        return (name, try Value(json: String(binding[binding.index(after: equals)...])))
      } catch {
        throw CLIError.usage(
          "--var \(name): the value is not valid JSON; quote strings, e.g. \(name)='\"text\"'.")
      }
    }
  }

  func run() async throws {
    try await ExitStatus.run {
      let bound = try bindings()
      var environment = Environment()
      for (name, _) in bound { environment.declareVariable(name, .dyn) }
      let result = Expression.analyze(expression, in: environment, name: "<expr>")
      guard let program = result.program else {
        Output.error(DiagnosticRenderer.render(result.diagnostics, colour: Output.stderrIsTerminal))
        throw ExitStatus.badInput
      }
      var activation = environment.makeActivation()
      for (name, value) in bound { try activation.bind(name, value) }
      let value: Value
      do {
        value = try program.evaluate(activation)
      } catch let error as EvaluationError {
        Output.error(DiagnosticRenderer.render(error.diagnostic, colour: Output.stderrIsTerminal))
        throw ExitStatus.badInput
      }
      // The checked type when it is precise (list(int)), else the runtime type.
      let type = program.resultType == .dyn ? value.typeValue.name : program.resultType.description
      if json {
        let object: [String: Any] = ["value": value.jsonObject, "type": type]
        let data = try JSONSerialization.data(
          withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
      } else {
        print("\(Format.literal(value)) : \(type)")
      }
    }
  }
}
