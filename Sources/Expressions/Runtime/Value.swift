/// A runtime value. Cheap to copy: scalars inline, everything else one reference.
public enum Value: Sendable {
  case null
  case bool(Bool)
  case int(Int64)
  case uint(UInt64)
  case double(Double)
  case string(String)
  case bytes([UInt8])
  case list([Value])
  case map(MapValue)
  case timestamp(CELTimestamp)
  case duration(CELDuration)
  /// A type value such as `int` or the result of `type(x)`.
  case type(TypeValue)
  /// A value of a declared ``RecordType``; fields are slot-indexed.
  case record(RecordValue)
  /// An optional value: `optional.of(x)` (some) or `optional.none()` (nil), also the result of
  /// `m.?field` and `m[?key]`.
  indirect case optional(Value?)
  /// An IP address of the network extension (`ip('10.0.0.1')`, type `net.IP`).
  case ip(IPAddress)
  /// A network of the network extension (`cidr('10.0.0.0/8')`, type `net.CIDR`).
  case cidr(CIDRValue)

  /// The runtime type, as `type(x)` returns it.
  public var typeValue: TypeValue {
    switch self {
    case .null: .nullType
    case .bool: .bool
    case .int: .int
    case .uint: .uint
    case .double: .double
    case .string: .string
    case .bytes: .bytes
    case .list: .list
    case .map: .map
    case .timestamp: .timestamp
    case .duration: .duration
    case .type: .type
    case .record(let record): TypeValue(name: record.type.name)
    case .optional: .optionalType
    case .ip: .ip
    case .cidr: .cidr
    }
  }

  /// Convenience: a map from string keys.
  public static func map(_ entries: [String: Value]) -> Value {
    .map(MapValue(entries.map { (MapKey.string($0.key), $0.value) }))
  }
}

/// A runtime type value (`int`, `list`, `google.protobuf.Timestamp`, or a record name).
public struct TypeValue: Hashable, Sendable, CustomStringConvertible {
  public let name: String
  public init(name: String) { self.name = name }
  public var description: String { name }

  public static let nullType = TypeValue(name: "null_type")
  public static let bool = TypeValue(name: "bool")
  public static let int = TypeValue(name: "int")
  public static let uint = TypeValue(name: "uint")
  public static let double = TypeValue(name: "double")
  public static let string = TypeValue(name: "string")
  public static let bytes = TypeValue(name: "bytes")
  public static let list = TypeValue(name: "list")
  public static let map = TypeValue(name: "map")
  public static let timestamp = TypeValue(name: "google.protobuf.Timestamp")
  public static let duration = TypeValue(name: "google.protobuf.Duration")
  public static let type = TypeValue(name: "type")
  public static let optionalType = TypeValue(name: "optional_type")
  public static let ip = TypeValue(name: "net.IP")
  public static let cidr = TypeValue(name: "net.CIDR")
}

/// A value of a declared record type: the type and one value per field, in declaration order.
public final class RecordValue: Sendable {
  public let type: RecordType
  public let fields: [Value]
  /// The first element of `fields`, for reads in place (see ``RecordView``): `fields` is never
  /// mutated and lives as long as the record, so its storage does not move.
  nonisolated(unsafe) let fieldStorage: UnsafePointer<Value>?

  /// Creates a record; `fields` must have one value per field of `type` (missing ones are null).
  public init(type: RecordType, fields: [Value]) {
    self.type = type
    if fields.count == type.fields.count {
      self.fields = fields
    } else {
      var padded = Array(fields.prefix(type.fields.count))
      padded += Array(repeating: Value.null, count: type.fields.count - padded.count)
      self.fields = padded
    }
    fieldStorage = self.fields.withUnsafeBufferPointer { $0.baseAddress }
  }
}
