/// A declared record type with named, typed fields, such as a `Show` rule input.
///
/// Record values store their fields in declaration order, so a field access compiles to an
/// array index:
/// ```swift
/// let show = RecordType("Show", fields: [
///   ("name", .string), ("categories", .list(.string)), ("downloads_30d", .int),
/// ])
/// env.declareVariable("show", .record(show))
/// activation[slot] = show.value(["name": .string("Tech Talk"), …])
/// ```
public final class RecordType: Hashable, Sendable, CustomStringConvertible {
  /// One field of a record.
  public struct Field: Sendable, Hashable {
    public let name: String
    public let type: CELType
  }

  /// The type's name, e.g. `Show`.
  public let name: String
  /// The fields in declaration order; a field's position is its slot in a ``RecordValue``.
  public let fields: [Field]
  private let indexByName: [String: Int]

  /// Declares a record type; field names must be unique.
  public init(_ name: String, fields: [(String, CELType)]) {
    self.name = name
    self.fields = fields.map { Field(name: $0.0, type: $0.1) }
    var index: [String: Int] = [:]
    for (position, field) in fields.enumerated() where index[field.0] == nil {
      index[field.0] = position
    }
    self.indexByName = index
  }

  /// The slot of a field, or nil when there is no such field.
  public func index(of field: String) -> Int? { indexByName[field] }

  public var description: String { name }

  public static func == (lhs: RecordType, rhs: RecordType) -> Bool { lhs === rhs }
  public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

  /// Builds a value of this type from field values by name; missing fields are `null`.
  ///
  /// - Throws: ``EvaluationError`` naming a field this type does not have.
  public func value(_ fields: [String: Value]) throws -> Value {
    var slots = [Value](repeating: .null, count: self.fields.count)
    for (name, value) in fields {
      guard let index = indexByName[name] else {
        throw EvaluationError(
          .noSuchField, "record type \(self.name) has no field `\(name)`")
      }
      slots[index] = value
    }
    return .record(RecordValue(type: self, fields: slots))
  }
}
