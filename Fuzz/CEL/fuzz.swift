// libFuzzer target: the expression language, end to end (lex, parse, check, compile, evaluate)
// with the cost limit on. Build and run with `scripts/fuzz.sh cel`.
//
// Property beyond "no crash": an expression that checks evaluates without a trap, any error it
// raises is an EvaluationError, and a value of a checked primitive type has that type.
import Diagnostics
import Expressions

/// Variables of every kind the checker knows, bound to small values.
nonisolated(unsafe) private let fixture: (Environment, Activation) = {
  var options = ExpressionOptions()
  options.costLimit = 100_000
  var environment = Environment(options: options)
  let declarations: [(String, String, String)] = [
    ("i", "int", "-7"), ("u", "uint", "3"), ("f", "double", "2.5"), ("s", "string", "\"héllo\""),
    ("b", "bool", "true"), ("l", "list(int)", "[1, 2, 3]"),
    ("m", "map(string, int)", "{\"a\": 1, \"b\": 2}"),
    ("d", "dyn", "{\"k\": [1, \"x\", null, 2.5, {\"n\": true}]}"),
    ("ls", "list(string)", "[\"tech\", \"news\", \"\"]"),
  ]
  for (name, type, _) in declarations {
    _ = environment.declareVariable(name, environment.parseType(type)!)
  }
  var activation = environment.makeActivation()
  for (name, _, json) in declarations {
    try! activation.bind(name, json: json)
  }
  return (environment, activation)
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  let (environment, activation) = fixture
  let result = Expression.analyze(text, in: environment)
  guard let program = result.program else { return 0 }
  let value: Value
  do {
    value = try program.evaluate(activation)
  } catch is EvaluationError {
    return 0
  } catch {
    fatalError("evaluation threw \(type(of: error)), not an EvaluationError: \(error)")
  }
  let expected: CELType? =
    switch program.resultType {
    case .int, .uint, .double, .bool, .string, .bytes: program.resultType
    default: nil
    }
  if let expected, value.typeValue.name != expected.description {
    fatalError("`\(text)` checks as \(expected) but evaluates to \(value)")
  }
  return 0
}
