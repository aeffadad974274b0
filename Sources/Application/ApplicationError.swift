/// Why a use case refused a request.
///
/// Each description is one sentence that says what was wrong and how to fix it, without naming a
/// command-line option or an HTTP parameter: the adapter that parsed the request adds its own hint.
public enum ApplicationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The rule files (`source`) define no flag named `name`; `suggestion` is the nearest name.
  case unknownFlag(String, source: String, suggestion: String?)
  /// The flag context does not bind (not JSON, a misspelled key, a wrong type).
  case invalidContext(String)
  /// Matchmaking was asked for, but the rule files (`source`) do not define its gate flag.
  case gateUndefined(flag: String, source: String)
  /// An output file could not be written.
  case cannotWrite(path: String, reason: String)
  /// A request value is out of range or malformed (`field` names it, e.g. `as_of`).
  case invalidValue(field: String, message: String)

  public var description: String {
    switch self {
    case .unknownFlag(let name, let source, let suggestion):
      "There is no flag named \(name) in \(source)"
        + (suggestion.map { "; did you mean \($0)?" } ?? ".")
    case .invalidContext(let message):
      "The flag context is not valid: \(message)"
    case .gateUndefined(let flag, let source):
      "\(flag) is not defined in \(source); matchmaking needs its gate (see docs/flags.md)."
    case .cannotWrite(let path, let reason):
      "\(path): cannot write the file (\(reason))."
    case .invalidValue(let field, let message):
      "\(field): \(message)"
    }
  }
}
