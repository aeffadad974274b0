/// A map key: CEL allows int, uint, bool and string keys.
///
/// Numeric keys are normalised so `{1: 'a'}[1u]` and `{1: 'a'}[1.0]` find the entry, following
/// CEL's heterogeneous numeric equality: a uint that fits in an int is stored as an int.
public enum MapKey: Hashable, Sendable {
  case int(Int64)
  case uint(UInt64)
  case bool(Bool)
  case string(String)

  /// The key for a value, or nil when the value cannot be a key.
  public init?(_ value: Value) {
    switch value {
    case .int(let i): self = .int(i)
    case .uint(let u): self = u <= UInt64(Int64.max) ? .int(Int64(u)) : .uint(u)
    case .bool(let b): self = .bool(b)
    case .string(let s): self = .string(s)
    default: return nil
    }
  }

  /// The key for a lookup value; doubles with an exact integer value are allowed.
  init?(lookup value: Value) {
    if case .double(let d) = value {
      if let i = Int64(exactly: d) { self = .int(i); return }
      if let u = UInt64(exactly: d) { self = .uint(u); return }
      return nil
    }
    self.init(value)
  }

  /// The key as a value (normalised keys come back as ints).
  public var value: Value {
    switch self {
    case .int(let i): .int(i)
    case .uint(let u): .uint(u)
    case .bool(let b): .bool(b)
    case .string(let s): .string(s)
    }
  }
}

/// An immutable map with unordered semantics; iteration follows insertion order.
public final class MapValue: Sendable {
  /// Keys in insertion order (with their original values, e.g. `1u` stays a uint).
  public let keys: [Value]
  public let storage: [MapKey: Value]

  /// Creates a map; a later duplicate key replaces an earlier one.
  public init(_ entries: [(MapKey, Value)]) {
    var storage: [MapKey: Value] = [:]
    var keys: [Value] = []
    storage.reserveCapacity(entries.count)
    for (key, value) in entries {
      if storage.updateValue(value, forKey: key) == nil { keys.append(key.value) }
    }
    self.storage = storage
    self.keys = keys
  }

  init(storage: [MapKey: Value], keys: [Value]) {
    self.storage = storage
    self.keys = keys
  }

  public var count: Int { storage.count }

  /// The value for a key (numeric keys compare by value).
  public subscript(key: Value) -> Value? {
    guard let mapKey = MapKey(lookup: key) else { return nil }
    return storage[mapKey]
  }

  /// The value for a string key.
  public subscript(string key: String) -> Value? { storage[.string(key)] }
}
