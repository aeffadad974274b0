import Foundation

extension Value {
  /// The value as a JSON-compatible Foundation object: numbers, strings, bools, `NSNull`,
  /// arrays and string-keyed dictionaries. Bytes become base64, timestamps and durations their
  /// text form, non-finite doubles `"NaN"`/`"Infinity"`/`"-Infinity"`, records objects.
  public var jsonObject: Any {
    switch self {
    case .null: return NSNull()
    case .bool(let b): return b
    case .int(let i): return i
    case .uint(let u): return u
    case .double(let d):
      if d.isNaN { return "NaN" }
      if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
      return d
    case .string(let s): return s
    case .bytes(let b): return Data(b).base64EncodedString()
    case .list(let items): return items.map(\.jsonObject)
    case .map(let map):
      var object: [String: Any] = [:]
      for key in map.keys {
        let name: String
        if case .string(let s) = key { name = s } else { name = StringFormatter.text(key) }
        object[name] = map[key]!.jsonObject
      }
      return object
    case .timestamp(let t): return t.description
    case .duration(let d): return d.description
    case .type(let t): return t.name
    case .record(let record):
      var object: [String: Any] = [:]
      for (field, value) in zip(record.type.fields, record.fields) {
        object[field.name] = value.jsonObject
      }
      return object
    case .optional(let inner): return inner?.jsonObject ?? NSNull()
    case .ip(let address): return address.description
    case .cidr(let network): return network.description
    }
  }

  /// The value as JSON text with sorted keys.
  public func jsonText(pretty: Bool = false) -> String {
    var options: JSONSerialization.WritingOptions = [
      .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes,
    ]
    if pretty { options.insert(.prettyPrinted) }
    guard let data = try? JSONSerialization.data(withJSONObject: jsonObject, options: options)
    else {
      return "null"
    }
    return String(decoding: data, as: UTF8.self)
  }
}
