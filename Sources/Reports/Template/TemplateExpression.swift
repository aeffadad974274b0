import Diagnostics
import Expressions
import Foundation

/// A compiled `{{ expr }}`, `{% for x in expr %}`, `{% if expr %}` or KPI expression.
///
/// This is the seam between templates and the expression language: templates only compile and
/// evaluate through ``TemplateExpressions``, so nothing else in Reports knows about CEL.
protocol TemplateExpression: Sendable {
  /// Evaluates against the variables in scope; throws ``ExpressionFailure`` with a one-line reason.
  func evaluate(_ scope: TemplateRecord) throws -> TemplateValue
}

/// Why an expression could not be compiled or evaluated; the caller adds file, line and column.
struct ExpressionFailure: Error, Sendable {
  var message: String
  /// Offset in the expression text where the problem is, when known (0-based, in characters).
  var offset: Int = 0
}

/// Compiles template expressions with the project's expression language (CEL, module `Expressions`).
///
/// A template expression is CEL, optionally followed by `| format` (`{{ rate_cents | currency }}`),
/// where the format is one of ``ValueFormat``'s names; the format is applied to the CEL result.
enum TemplateExpressions {
  /// Compiles `source`; syntax errors are found here, unknown names when the expression first runs
  /// (page parameters are only known once the `pages:` query has run).
  static func compile(_ source: String) throws -> any TemplateExpression {
    var text = source
    var format: ValueFormat?
    if let match = source.range(of: #"(?<!\|)\|\s*([a-z]+)\s*$"#, options: .regularExpression) {
      let name = source[match].dropFirst().trimmingCharacters(in: .whitespaces)
      guard let known = ValueFormat(rawValue: name) else {
        throw ExpressionFailure(
          message: "unknown format \"\(name)\"; known formats: "
            + ValueFormat.allCases.map(\.rawValue).joined(separator: ", "),
          offset: source.distance(from: source.startIndex, to: match.lowerBound))
      }
      format = known
      text = String(source[..<match.lowerBound]).trimmingCharacters(in: .whitespaces)
    }
    var options = ExpressionOptions()
    options.typeCheck = false
    let result = Expression.analyze(text, in: Environment(options: options))
    if result.program == nil, let error = result.diagnostics.first(where: { $0.severity == .error })
    {
      throw ExpressionFailure(
        message: error.message, offset: characterOffset(error.range?.start ?? 0, in: text))
    }
    return CELTemplateExpression(source: text, format: format)
  }

  static func characterOffset(_ utf8Offset: Int, in text: String) -> Int {
    let index = text.utf8.index(text.utf8.startIndex, offsetBy: min(utf8Offset, text.utf8.count))
    return text.distance(from: text.startIndex, to: index)
  }
}

/// A CEL expression compiled lazily for the names in scope (all `dyn`), cached per set of names.
final class CELTemplateExpression: TemplateExpression, @unchecked Sendable {
  let source: String
  let format: ValueFormat?
  /// Identifiers the expression may refer to as variables.
  private let identifiers: Set<String>
  private let lock = NSLock()
  private var compiled: [[String]: (Program, [VariableSlot], Environment)] = [:]

  init(source: String, format: ValueFormat?) {
    self.source = source
    self.format = format
    identifiers = Self.identifiers(in: source)
  }

  func evaluate(_ scope: TemplateRecord) throws -> TemplateValue {
    let names = scope.keys.filter(identifiers.contains)
    let (program, slots, environment) = try program(for: names)
    var activation = environment.makeActivation()
    for (name, slot) in zip(names, slots) { activation[slot] = Self.cel(scope[name]!) }
    let value: Value
    do {
      value = try program.evaluate(activation)
    } catch let error as EvaluationError {
      throw ExpressionFailure(
        message: error.message,
        offset: TemplateExpressions.characterOffset(error.range?.start ?? 0, in: source))
    }
    let result = Self.template(value)
    return format.map { .string($0.format(result)) } ?? result
  }

  private func program(for names: [String]) throws -> (Program, [VariableSlot], Environment) {
    lock.lock()
    defer { lock.unlock() }
    if let cached = compiled[names] { return cached }
    var environment = Environment()
    let slots = names.map { environment.declareVariable($0, .dyn) }
    do {
      let program = try Expression.compile(source, in: environment)
      compiled[names] = (program, slots, environment)
      return (program, slots, environment)
    } catch let error as DiagnosticsError {
      let first = error.diagnostics.first { $0.severity == .error } ?? error.diagnostics.first
      var message = first?.message ?? "\(error)"
      if let help = first?.help { message += " (\(help))" }
      throw ExpressionFailure(
        message: message,
        offset: TemplateExpressions.characterOffset(first?.range?.start ?? 0, in: source))
    }
  }

  /// Names that appear as identifiers (not after `.`, not inside quotes).
  static func identifiers(in source: String) -> Set<String> {
    var names: Set<String> = []
    var current = ""
    var previous: Character = " "
    var quote: Character?
    var afterDot = false
    for character in source + " " {
      if let open = quote {
        if character == open && previous != "\\" { quote = nil }
        previous = character
        continue
      }
      if character.isLetter || character == "_" || (character.isNumber && !current.isEmpty) {
        if current.isEmpty { afterDot = previous == "." }
        current.append(character)
      } else {
        if !current.isEmpty && !afterDot { names.insert(current) }
        current = ""
        if character == "\"" || character == "'" { quote = character }
      }
      if !character.isWhitespace { previous = character }
    }
    return names
  }

  // MARK: - Values

  static func cel(_ value: TemplateValue) -> Value {
    switch value {
    case .null: return .null
    case .bool(let bool): return .bool(bool)
    case .int(let int): return .int(int)
    case .double(let double): return .double(double)
    case .string(let string): return .string(string)
    case .list(let values): return .list(values.map(cel))
    case .record(let record):
      return .map(
        MapValue(zip(record.keys, record.values).map { (MapKey.string($0.0), cel($0.1)) }))
    }
  }

  static func template(_ value: Value) -> TemplateValue {
    switch value {
    case .null: return .null
    case .bool(let bool): return .bool(bool)
    case .int(let int): return .int(int)
    case .uint(let uint):
      return uint <= UInt64(Int64.max) ? .int(Int64(uint)) : .double(Double(uint))
    case .double(let double): return .double(double)
    case .string(let string): return .string(string)
    case .list(let values): return .list(values.map(template))
    case .map(let map):
      var record = TemplateRecord()
      for key in map.keys {
        guard case .string(let name) = key, let entry = map[key] else { continue }
        record.set(name, template(entry))
      }
      return .record(record)
    case .record(let record):
      var out = TemplateRecord()
      for (index, field) in record.type.fields.enumerated() where index < record.fields.count {
        out.set(field.name, template(record.fields[index]))
      }
      return .record(out)
    default:
      return .string(Format.literal(value))
    }
  }
}
