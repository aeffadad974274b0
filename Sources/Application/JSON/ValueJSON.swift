import Expressions
import Foundation
import Store

/// Expression values as JSON for `--json` output.
public enum ValueJSON {
  /// The value as a ``JSONValue`` (timestamps and durations as strings, bytes as base64).
  public static func json(_ value: Value) -> JSONValue {
    switch value {
    case .null: return .null
    case .bool(let flag): return .bool(flag)
    case .int(let number): return .int(number)
    case .uint(let number):
      return number <= UInt64(Int64.max) ? .int(Int64(number)) : .double(Double(number))
    case .double(let number):
      return number.isFinite ? .double(number) : .string(Format.double(number))
    case .string(let text): return .string(text)
    case .bytes(let bytes): return .string(Data(bytes).base64EncodedString())
    case .list(let items): return .array(items.map(json))
    case .map(let map):
      var object: [String: JSONValue] = [:]
      for key in map.keys {
        let name: String
        if case .string(let text) = key { name = text } else { name = Format.literal(key) }
        object[name] = map[key].map(json) ?? .null
      }
      return .object(object)
    case .timestamp(let time): return .string(time.description)
    case .duration(let duration): return .string(duration.description)
    case .type(let type): return .string(type.name)
    case .record(let record):
      var object: [String: JSONValue] = [:]
      for (field, item) in zip(record.type.fields, record.fields) {
        object[field.name] = json(item)
      }
      return .object(object)
    case .optional(let inner): return inner.map(json) ?? .null
    case .ip(let address): return .string(address.description)
    case .cidr(let network): return .string(network.description)
    }
  }
}
