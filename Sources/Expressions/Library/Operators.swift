/// CEL's core operators on runtime values: equality, ordering, arithmetic, indexing, `in`.
enum Operators {
  // MARK: - Equality

  /// Heterogeneous equality: numbers compare by value across int, uint and double; values of
  /// different kinds are unequal; NaN equals nothing.
  static func equals(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.string(let x), .string(let y)): return StringBytes.equal(x, y)
    case (.bytes(let x), .bytes(let y)): return x == y
    case (.int, _), (.uint, _), (.double, _):
      return numericOrder(a, b) == 0
    case (.list(let x), .list(let y)):
      guard x.count == y.count else { return false }
      for (p, q) in zip(x, y) where !equals(p, q) { return false }
      return true
    case (.map(let x), .map(let y)):
      guard x.count == y.count else { return false }
      for (key, value) in x.storage {
        guard let other = y.storage[key], equals(value, other) else { return false }
      }
      return true
    case (.timestamp(let x), .timestamp(let y)): return x == y
    case (.duration(let x), .duration(let y)): return x == y
    case (.type(let x), .type(let y)): return x == y
    case (.record(let x), .record(let y)):
      guard x.type === y.type else { return false }
      for (p, q) in zip(x.fields, y.fields) where !equals(p, q) { return false }
      return true
    case (.ip(let x), .ip(let y)): return x.unmapped == y.unmapped
    case (.cidr(let x), .cidr(let y)): return x == y
    case (.optional(let x), .optional(let y)):
      switch (x, y) {
      case (nil, nil): return true
      case (let p?, let q?): return equals(p, q)
      default: return false
      }
    default: return false
    }
  }

  /// -1, 0 or 1 comparing two numbers of any numeric kinds exactly; nil when either is NaN or
  /// a value is not a number.
  static func numericOrder(_ a: Value, _ b: Value) -> Int? {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.uint(let x), .uint(let y)): return x < y ? -1 : (x > y ? 1 : 0)
    case (.double(let x), .double(let y)):
      if x.isNaN || y.isNaN { return nil }
      return x < y ? -1 : (x > y ? 1 : 0)
    case (.int(let x), .uint(let y)):
      if x < 0 { return -1 }
      let ux = UInt64(x)
      return ux < y ? -1 : (ux > y ? 1 : 0)
    case (.uint, .int): return numericOrder(b, a).map { -$0 }
    case (.int(let x), .double(let y)):
      if y.isNaN { return nil }
      let dx = Double(x)
      return dx < y ? -1 : (dx > y ? 1 : 0)
    case (.double, .int): return numericOrder(b, a).map { -$0 }
    case (.uint(let x), .double(let y)):
      if y.isNaN { return nil }
      let dx = Double(x)
      return dx < y ? -1 : (dx > y ? 1 : 0)
    case (.double, .uint): return numericOrder(b, a).map { -$0 }
    default: return nil
    }
  }

  // MARK: - Ordering

  /// Compares for `<` and friends; numbers compare across kinds (a documented choice).
  static func order(_ name: String, _ a: Value, _ b: Value) throws -> Int? {
    switch (a, b) {
    case (.int, _), (.uint, _), (.double, _):
      switch b {
      case .int, .uint, .double: return numericOrder(a, b)
      default: break
      }
    case (.string(let x), .string(let y)): return StringBytes.compare(x, y)
    case (.bytes(let x), .bytes(let y)):
      return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
    case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
    case (.timestamp(let x), .timestamp(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    case (.duration(let x), .duration(let y)): return x < y ? -1 : (x == y ? 0 : 1)
    default: break
    }
    throw EvaluationError.noOverload(name, [a, b])
  }

  // MARK: - Arithmetic

  static func overflow(_ op: String) -> EvaluationError {
    EvaluationError(.overflow, "integer overflow in \(op)")
  }

  static func add(_ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.addingReportingOverflow(y)
      if o { throw overflow("addition") }
      return .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.addingReportingOverflow(y)
      if o { throw overflow("addition") }
      return .uint(r)
    case (.double(let x), .double(let y)): return .double(x + y)
    case (.string(let x), .string(let y)): return .string(x + y)
    case (.bytes(let x), .bytes(let y)): return .bytes(x + y)
    case (.list(let x), .list(let y)): return .list(x + y)
    case (.timestamp(let t), .duration(let d)), (.duration(let d), .timestamp(let t)):
      guard
        let r = CELTimestamp(
          seconds: t.seconds &+ d.seconds, nanos: Int64(t.nanos) + Int64(d.nanos)),
        !t.seconds.addingReportingOverflow(d.seconds).overflow
      else { throw EvaluationError(.overflow, "timestamp out of range") }
      return .timestamp(r)
    case (.duration(let x), .duration(let y)):
      guard
        let r = CELDuration(seconds: x.seconds &+ y.seconds, nanos: Int64(x.nanos) + Int64(y.nanos))
      else { throw EvaluationError(.overflow, "duration out of range") }
      return .duration(r)
    default: throw EvaluationError.noOverload("_+_", [a, b])
    }
  }

  static func subtract(_ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.subtractingReportingOverflow(y)
      if o { throw overflow("subtraction") }
      return .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.subtractingReportingOverflow(y)
      if o { throw overflow("subtraction") }
      return .uint(r)
    case (.double(let x), .double(let y)): return .double(x - y)
    case (.timestamp(let t), .duration(let d)):
      guard
        let r = CELTimestamp(
          seconds: t.seconds &- d.seconds, nanos: Int64(t.nanos) - Int64(d.nanos))
      else { throw EvaluationError(.overflow, "timestamp out of range") }
      return .timestamp(r)
    case (.timestamp(let x), .timestamp(let y)):
      guard
        let r = CELDuration(seconds: x.seconds - y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos)),
        r.totalNanos != nil
      else { throw EvaluationError(.overflow, "duration out of range") }
      return .duration(r)
    case (.duration(let x), .duration(let y)):
      guard
        let r = CELDuration(seconds: x.seconds &- y.seconds, nanos: Int64(x.nanos) - Int64(y.nanos))
      else { throw EvaluationError(.overflow, "duration out of range") }
      return .duration(r)
    default: throw EvaluationError.noOverload("_-_", [a, b])
    }
  }

  static func multiply(_ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      let (r, o) = x.multipliedReportingOverflow(by: y)
      if o { throw overflow("multiplication") }
      return .int(r)
    case (.uint(let x), .uint(let y)):
      let (r, o) = x.multipliedReportingOverflow(by: y)
      if o { throw overflow("multiplication") }
      return .uint(r)
    case (.double(let x), .double(let y)): return .double(x * y)
    default: throw EvaluationError.noOverload("_*_", [a, b])
    }
  }

  static func divide(_ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      if y == 0 { throw EvaluationError(.divideByZero, "division by zero") }
      let (r, o) = x.dividedReportingOverflow(by: y)
      if o { throw overflow("division") }
      return .int(r)
    case (.uint(let x), .uint(let y)):
      if y == 0 { throw EvaluationError(.divideByZero, "division by zero") }
      return .uint(x / y)
    case (.double(let x), .double(let y)): return .double(x / y)
    default: throw EvaluationError.noOverload("_/_", [a, b])
    }
  }

  static func modulo(_ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
      if y == 0 { throw EvaluationError(.divideByZero, "modulus by zero") }
      let (r, o) = x.remainderReportingOverflow(dividingBy: y)
      if o { throw overflow("modulus") }
      return .int(r)
    case (.uint(let x), .uint(let y)):
      if y == 0 { throw EvaluationError(.divideByZero, "modulus by zero") }
      return .uint(x % y)
    default: throw EvaluationError.noOverload("_%_", [a, b])
    }
  }

  static func negate(_ a: Value) throws -> Value {
    switch a {
    case .int(let x):
      if x == Int64.min { throw overflow("negation") }
      return .int(-x)
    case .double(let x): return .double(-x)
    case .duration(let d):
      guard let r = CELDuration(seconds: -d.seconds, nanos: -Int64(d.nanos)) else {
        throw overflow("negation")
      }
      return .duration(r)
    default: throw EvaluationError.noOverload("-_", [a])
    }
  }

  static func not(_ a: Value) throws -> Value {
    if case .bool(let b) = a { return .bool(!b) }
    throw EvaluationError.noOverload("!_", [a])
  }

  // MARK: - Indexing and membership

  static func index(_ container: Value, _ key: Value) throws -> Value {
    switch container {
    case .list(let items):
      let position: Int64
      switch key {
      case .int(let i): position = i
      case .uint(let u): position = u > UInt64(Int64.max) ? Int64.max : Int64(u)
      case .double(let d):
        guard let i = Int64(exactly: d) else {
          throw EvaluationError(.invalidArgument, "list index \(d) is not an integer")
        }
        position = i
      default:
        throw EvaluationError(
          .invalidArgument, "a list index must be an int, not \(key.typeValue.name)")
      }
      guard position >= 0, position < items.count else {
        throw EvaluationError(
          .indexOutOfRange, "index \(position) out of range for a list of \(items.count) elements")
      }
      return items[Int(position)]
    case .map(let map):
      guard let value = map[key] else {
        throw EvaluationError(.noSuchKey, "no such key: \(Format.literal(key))")
      }
      return value
    case .optional:
      // Indexing an optional is optional indexing inside it: `optional.of(l)[0]`.
      return try OptionalFunctions.optionalIndex(container, key)
    default:
      throw EvaluationError.noOverload("_[_]", [container, key])
    }
  }

  /// Whether a list holds a string equal to `needle` (byte-wise, as CEL compares strings).
  static func listContains(_ items: [Value], string needle: String) -> Bool {
    items.withUnsafeBufferPointer { buffer in
      for index in buffer.indices {
        if case .string(let s) = buffer[index], StringBytes.equal(s, needle) { return true }
      }
      return false
    }
  }

  static func contains(_ element: Value, _ container: Value) throws -> Value {
    switch container {
    case .list(let items):
      if case .string(let needle) = element { return .bool(listContains(items, string: needle)) }
      for item in items where equals(item, element) { return .bool(true) }
      return .bool(false)
    case .map(let map):
      return .bool(map[element] != nil)
    default:
      throw EvaluationError.noOverload("@in", [element, container])
    }
  }
}
