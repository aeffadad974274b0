/// What string and list functions cost, by the size of what they produce.
///
/// A comprehension iteration costs one step of the evaluation budget; a function whose output
/// grows with its input (`replace`, `+` on strings and lists, `join`, `split`, `format`, …) costs
/// one step per ``bytesPerStep`` bytes (or per list element) it produces, and scanning functions
/// (`lowerAscii`, `indexOf`, …) one step per ``bytesPerStep`` bytes they read. The size is
/// estimated from the arguments **before** the call (an upper bound where the exact size needs the
/// work itself), so `s.replace("a", s)` nested ten deep fails at the cost limit instead of
/// allocating gigabytes first. With the default limit of 1,000,000 steps, one evaluation can
/// produce about 8 MB of strings.
enum SizeCost {
  /// Bytes of string or bytes output per step of budget.
  static let bytesPerStep = 8

  /// How a function's cost is computed from its arguments (shaped like its implementation, so the
  /// compiled call builds no argument array to charge it).
  enum Charge: Sendable {
    /// From the first argument (the receiver) alone.
    case receiver(@Sendable (Value) -> Int)
    /// From the two arguments of a binary function.
    case pair(@Sendable (Value, Value) -> Int)
    /// From all the arguments.
    case arguments(@Sendable ([Value]) -> Int)

    /// The cost of a call with `args`.
    func cost(_ args: [Value]) -> Int {
      switch self {
      case .receiver(let f): return clamp(f(args[0]))
      case .pair(let f): return args.count == 2 ? clamp(f(args[0], args[1])) : 0
      case .arguments(let f): return clamp(f(args))
      }
    }

    /// The cost of a one-argument call.
    func cost(_ a: Value) -> Int {
      switch self {
      case .receiver(let f): return clamp(f(a))
      case .pair: return 0
      case .arguments(let f): return clamp(f([a]))
      }
    }

    /// The cost of a two-argument call.
    func cost(_ a: Value, _ b: Value) -> Int {
      switch self {
      case .receiver(let f): return clamp(f(a))
      case .pair(let f): return clamp(f(a, b))
      case .arguments(let f): return clamp(f([a, b]))
      }
    }

    /// Keeps a cost far from overflowing the budget arithmetic.
    @inline(__always)
    private func clamp(_ cost: Int) -> Int { min(max(cost, 0), 1 << 40) }
  }

  /// The cost of a call of `name`, by name; functions not listed cost nothing extra.
  static let table: [String: Charge] = [
    "_+_": .pair { a, b in
      switch (a, b) {
      case (.string(let x), .string(let y)): return bytes(x.utf8.count + y.utf8.count)
      case (.bytes(let x), .bytes(let y)): return bytes(x.count + y.count)
      case (.list(let x), .list(let y)): return x.count + y.count
      default: return 0
      }
    },
    "replace": .arguments { args in
      guard case .string(let s) = args[0], case .string(let old) = args[1],
        case .string(let new) = args[2]
      else { return 0 }
      let length = s.utf8.count
      let oldLength = old.utf8.count
      let newLength = new.utf8.count
      // Upper bound on replacements: every scalar position for an empty pattern, else every
      // non-overlapping match; an explicit limit caps it.
      var replacements = oldLength == 0 ? length + 1 : length / oldLength
      if args.count > 3, case .int(let limit) = args[3], limit >= 0 {
        replacements = min(replacements, Int(clamping: limit))
      }
      guard newLength > oldLength else { return bytes(length) }
      let grown = replacements.multipliedReportingOverflow(by: newLength - oldLength)
      if grown.overflow { return Int.max / 2 }
      return bytes(length + grown.partialValue)
    },
    "split": .arguments { args in
      guard case .string(let s) = args[0] else { return 0 }
      // Every piece is one list element; an empty separator splits every scalar.
      let length = s.utf8.count
      if case .string(let separator) = args[1], !separator.isEmpty {
        return bytes(length) + length / separator.utf8.count + 1
      }
      return bytes(length) + length
    },
    "join": .arguments { args in
      guard case .list(let items) = args[0] else { return 0 }
      var total = 0
      for case .string(let item) in items { total += item.utf8.count }
      if args.count > 1, case .string(let separator) = args[1] {
        total += separator.utf8.count * max(items.count - 1, 0)
      }
      return bytes(total) + items.count
    },
    "format": .arguments { args in
      // The output is at most the format plus each argument's text; the text of a list or map
      // argument is bounded by its element count times the size of its elements.
      guard case .string(let s) = args[0], case .list(let items) = args[1] else { return 0 }
      var total = s.utf8.count
      for item in items { total += size(item) }
      return bytes(total) + items.count
    },
    "lowerAscii": scan, "upperAscii": scan, "reverse": scan, "trim": scan, "strings.quote": quote,
    "substring": scan, "charAt": scan, "indexOf": scan, "lastIndexOf": scan, "contains": scan,
    "string": scan, "bytes": scan, "base64.encode": scan, "base64.decode": scan,
  ]

  /// Functions that read (and at most copy) their receiver once.
  private static let scan = Charge.receiver { size($0) / bytesPerStep }

  /// `strings.quote` writes at most six bytes (`\u00XX`) per input byte.
  private static let quote = Charge.receiver {
    bytes(size($0).multipliedReportingOverflow(by: 6).partialValue)
  }

  @inline(__always)
  private static func bytes(_ count: Int) -> Int { count / bytesPerStep }

  /// An estimate of a value's size in bytes (strings, bytes) or elements (lists, maps, counted
  /// with their elements' sizes, one level deep).
  static func size(_ value: Value) -> Int {
    switch value {
    case .string(let s): return s.utf8.count
    case .bytes(let b): return b.count
    case .list(let items):
      var total = items.count
      for item in items {
        switch item {
        case .string(let s): total += s.utf8.count
        case .bytes(let b): total += b.count
        case .list(let inner): total += inner.count
        case .map(let inner): total += inner.count
        default: break
        }
      }
      return total
    case .map(let map): return map.count * 2
    default: return 8
    }
  }
}
