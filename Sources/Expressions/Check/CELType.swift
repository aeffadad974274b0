/// A static type in the checker, and the type of a variable declaration.
///
/// ```swift
/// env.declareVariable("tags", .list(.string))
/// env.declareVariable("flags", .map(.string, .dyn))
/// ```
public indirect enum CELType: Hashable, Sendable, CustomStringConvertible {
  case int, uint, double, bool, string, bytes
  /// The type of `null`.
  case null
  /// Any type, checked at runtime.
  case dyn
  case timestamp, duration
  case list(CELType)
  case map(CELType, CELType)
  /// The type of a type value such as `int` or `type(x)`.
  case type
  /// A declared record type (see ``RecordType``).
  case record(RecordType)
  /// The result of an expression that already failed to check (suppresses follow-on errors).
  case error
  /// An optional value of a type: `optional.of(1)` is `optional_type(int)`.
  case optional(CELType)
  /// A built-in type known by name only: `net.IP`, `net.CIDR`.
  case opaque(String)

  /// The name as written in CEL (`list(string)`, `map(string, dyn)`).
  public var description: String {
    switch self {
    case .int: "int"
    case .uint: "uint"
    case .double: "double"
    case .bool: "bool"
    case .string: "string"
    case .bytes: "bytes"
    case .null: "null_type"
    case .dyn: "dyn"
    case .timestamp: "google.protobuf.Timestamp"
    case .duration: "google.protobuf.Duration"
    case .list(let element): "list(\(element))"
    case .map(let key, let value): "map(\(key), \(value))"
    case .type: "type"
    case .record(let record): record.name
    case .error: "*error*"
    case .optional(let inner): "optional_type(\(inner))"
    case .opaque(let name): name
    }
  }

  /// True for `dyn` and `*error*`, which match anything.
  var isDynamic: Bool { self == .dyn || self == .error }

  /// True for int, uint and double.
  var isNumeric: Bool { self == .int || self == .uint || self == .double }

  /// Whether a value of type `other` may be used where `self` is expected.
  func accepts(_ other: CELType) -> Bool {
    if isDynamic || other.isDynamic { return true }
    switch (self, other) {
    case (.list(let a), .list(let b)): return a.accepts(b)
    case (.map(let k1, let v1), .map(let k2, let v2)): return k1.accepts(k2) && v1.accepts(v2)
    case (.optional(let a), .optional(let b)): return a.accepts(b)
    default: return self == other
    }
  }

  /// The common type of two types (dyn when they differ).
  func join(_ other: CELType) -> CELType {
    if self == .error { return other }
    if other == .error { return self }
    if self == other { return self }
    switch (self, other) {
    case (.list(let a), .list(let b)): return .list(a.join(b))
    case (.map(let k1, let v1), .map(let k2, let v2)): return .map(k1.join(k2), v1.join(v2))
    case (.optional(let a), .optional(let b)): return .optional(a.join(b))
    default: return .dyn
    }
  }

  /// Parses a type name: `int`, `list(string)`, `map(string, dyn)`, or a declared record name.
  ///
  /// - Parameter records: record types by name, for names that are not built in.
  public static func parse(_ text: String, records: [String: RecordType] = [:]) -> CELType? {
    var input = Substring(text.filter { !$0.isWhitespace })
    guard let type = parseType(&input, records: records), input.isEmpty else { return nil }
    return type
  }

  private static func parseType(_ input: inout Substring, records: [String: RecordType]) -> CELType?
  {
    let name = input.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    input = input.dropFirst(name.count)
    func arguments(_ count: Int) -> [CELType]? {
      guard input.first == "(" else { return nil }
      input = input.dropFirst()
      var result: [CELType] = []
      for index in 0..<count {
        guard let type = parseType(&input, records: records) else { return nil }
        result.append(type)
        let separator: Character = index == count - 1 ? ")" : ","
        guard input.first == separator else { return nil }
        input = input.dropFirst()
      }
      return result
    }
    switch name {
    case "int": return .int
    case "uint": return .uint
    case "double": return .double
    case "bool": return .bool
    case "string": return .string
    case "bytes": return .bytes
    case "null_type", "null": return .null
    case "dyn", "any": return .dyn
    case "type": return .type
    case "timestamp", "google.protobuf.Timestamp": return .timestamp
    case "duration", "google.protobuf.Duration": return .duration
    case "list": return arguments(1).map { .list($0[0]) }
    case "map": return arguments(2).map { .map($0[0], $0[1]) }
    case "optional_type", "optional": return arguments(1).map { .optional($0[0]) }
    case "net.IP", "net.CIDR": return .opaque(String(name))
    default: return records[String(name)].map { .record($0) }
    }
  }
}
