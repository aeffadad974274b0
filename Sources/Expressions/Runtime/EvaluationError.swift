import Diagnostics

/// An error raised while evaluating: division by zero, overflow, a missing key, no matching
/// overload at runtime, exceeding the cost limit, …
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
  public enum Kind: String, Sendable {
    case noSuchOverload = "eval.no-such-overload"
    case divideByZero = "eval.divide-by-zero"
    case overflow = "eval.overflow"
    case noSuchKey = "eval.no-such-key"
    case noSuchField = "eval.no-such-field"
    case indexOutOfRange = "eval.index-out-of-range"
    case invalidArgument = "eval.invalid-argument"
    case conversion = "eval.conversion"
    case unboundVariable = "eval.unbound-variable"
    case unknownFunction = "eval.unknown-function"
    case costLimit = "eval.cost-limit"
    case badRegex = "eval.bad-regex"
  }

  public var kind: Kind
  public var message: String
  /// The expression that failed, when known.
  public var range: SourceRange?
  /// The source the range points into.
  public var file: SourceFile?

  public init(_ kind: Kind, _ message: String, range: SourceRange? = nil) {
    self.kind = kind
    self.message = message
    self.range = range
  }

  /// The stable id, e.g. `eval.divide-by-zero`.
  public var id: String { kind.rawValue }

  public var description: String {
    if let file, let range {
      return "\(file.name):\(file.position(of: range.start)): \(message)"
    }
    return message
  }

  /// The error as a diagnostic, for rendering with a caret under the failing expression.
  public var diagnostic: Diagnostic {
    Diagnostic(id: id, message: message, file: file, range: range)
  }

  static func noOverload(_ function: String, _ args: [Value]) -> EvaluationError {
    let types = args.map { $0.typeValue.name }.joined(separator: ", ")
    return EvaluationError(
      .noSuchOverload, "no such overload: \(displayName(function)) applied to (\(types))")
  }

  static func displayName(_ function: String) -> String {
    switch function {
    case "_+_": "`+`"
    case "_-_": "`-`"
    case "_*_": "`*`"
    case "_/_": "`/`"
    case "_%_": "`%`"
    case "-_": "unary `-`"
    case "!_": "`!`"
    case "_==_": "`==`"
    case "_!=_": "`!=`"
    case "_<_": "`<`"
    case "_<=_": "`<=`"
    case "_>_": "`>`"
    case "_>=_": "`>=`"
    case "@in": "`in`"
    case "_[_]": "indexing"
    case "_&&_": "`&&`"
    case "_||_": "`||`"
    case "_?_:_": "`?:`"
    default: "`\(function)`"
    }
  }
}
