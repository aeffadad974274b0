import Foundation

extension Value {
  /// Converts a Foundation value (`[String: Any]`, `[Any]`, `NSNumber`, `String`, `Bool`,
  /// `NSNull`, `Date`, `Data`) to a value of `type`; with `dyn`, integral numbers become ints,
  /// other numbers doubles, dictionaries maps and arrays lists.
  ///
  /// - Throws: ``EvaluationError`` when the value does not fit the type.
  public init(foundation object: Any, as type: CELType = .dyn) throws {
    func mismatch() -> EvaluationError {
      EvaluationError(
        .conversion, "cannot use \(Swift.type(of: object)) value \(object) as \(type)")
    }
    if object is NSNull {
      // null is an empty optional for an optional type, else null.
      if case .optional = type { self = .optional(nil) } else { self = .null }
      return
    }
    switch type {
    case .optional(let inner):
      self = .optional(try Value(foundation: object, as: inner))
    case .record(let record):
      guard let dictionary = object as? [String: Any] else { throw mismatch() }
      var fields = [Value](repeating: .null, count: record.fields.count)
      for (key, item) in dictionary {
        guard let index = record.index(of: key) else {
          throw EvaluationError(.noSuchField, "record type \(record.name) has no field `\(key)`")
        }
        fields[index] = try Value(foundation: item, as: record.fields[index].type)
      }
      self = .record(RecordValue(type: record, fields: fields))
    case .list(let element):
      guard let array = object as? [Any] else { throw mismatch() }
      self = .list(try array.map { try Value(foundation: $0, as: element) })
    case .map(let keyType, let valueType):
      guard let dictionary = object as? [String: Any] else { throw mismatch() }
      var entries: [(MapKey, Value)] = []
      for key in dictionary.keys.sorted() {
        let keyValue: Value
        switch keyType {
        case .int: guard let i = Int64(key) else { throw mismatch() }; keyValue = .int(i)
        case .uint: guard let u = UInt64(key) else { throw mismatch() }; keyValue = .uint(u)
        case .bool: guard let b = Bool(key) else { throw mismatch() }; keyValue = .bool(b)
        default: keyValue = .string(key)
        }
        entries.append((MapKey(keyValue)!, try Value(foundation: dictionary[key]!, as: valueType)))
      }
      self = .map(MapValue(entries))
    case .int, .uint, .double:
      guard let number = object as? NSNumber, !Value.isBool(number) else { throw mismatch() }
      switch type {
      case .int:
        guard
          let i = Int64(exactly: number.doubleValue)
            ?? (number.doubleValue == number.doubleValue.rounded() ? number.int64Value : nil)
        else { throw mismatch() }
        self = .int(i)
      case .uint:
        guard number.doubleValue >= 0, number.doubleValue.rounded() == number.doubleValue else {
          throw mismatch()
        }
        self = .uint(number.uint64Value)
      default: self = .double(number.doubleValue)
      }
    case .bool:
      guard let number = object as? NSNumber, Value.isBool(number) else { throw mismatch() }
      self = .bool(number.boolValue)
    case .string:
      guard let s = object as? String else { throw mismatch() }
      self = .string(s)
    case .bytes:
      if let data = object as? Data { self = .bytes(Array(data)); return }
      guard let s = object as? String, let data = Data(base64Encoded: s) else { throw mismatch() }
      self = .bytes(Array(data))
    case .timestamp:
      if let date = object as? Date, let t = CELTimestamp(date) { self = .timestamp(t); return }
      guard let s = object as? String, let t = CELTimestamp.parse(s) else { throw mismatch() }
      self = .timestamp(t)
    case .duration:
      guard let s = object as? String, let d = CELDuration.parse(s) else { throw mismatch() }
      self = .duration(d)
    case .null:
      throw mismatch()
    case .opaque(let name):
      // `net.IP` and `net.CIDR` values come as their text.
      guard let text = object as? String else { throw mismatch() }
      self =
        name == "net.CIDR"
        ? .cidr(try CIDRValue.parse(text).get()) : .ip(try IPAddress.parse(text).get())
    case .dyn, .error, .type:
      switch object {
      case let s as String: self = .string(s)
      case let number as NSNumber:
        if Value.isBool(number) {
          self = .bool(number.boolValue)
        } else if let i = Int64(exactly: number.doubleValue), !"\(number)".contains(".") {
          self = .int(i)
        } else {
          self = .double(number.doubleValue)
        }
      case let array as [Any]: self = .list(try array.map { try Value(foundation: $0) })
      case let dictionary as [String: Any]:
        self = .map(
          MapValue(
            try dictionary.keys.sorted().map {
              (MapKey.string($0), try Value(foundation: dictionary[$0]!))
            }))
      case let date as Date:
        guard let t = CELTimestamp(date) else { throw mismatch() }
        self = .timestamp(t)
      case let data as Data: self = .bytes(Array(data))
      case let value as Value: self = value
      default: throw mismatch()
      }
    }
  }

  /// Parses JSON text (any JSON value, including a bare string or number) as a value of `type`.
  public init(json: String, as type: CELType = .dyn) throws {
    let object: Any
    do {
      object = try JSONSerialization.jsonObject(with: Data(json.utf8), options: [.fragmentsAllowed])
    } catch {
      throw EvaluationError(.conversion, "invalid JSON: \(json.prefix(80))")
    }
    try self.init(foundation: object, as: type)
  }

  private static func isBool(_ number: NSNumber) -> Bool {
    #if canImport(Darwin)
      return CFGetTypeID(number) == CFBooleanGetTypeID()
    #else
      return String(cString: number.objCType) == "c"
    #endif
  }
}
