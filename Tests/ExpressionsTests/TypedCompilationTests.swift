import Diagnostics
import Testing

@testable import Expressions

/// Typed compilation (unboxed `bool`/`int`/`double` closures) gives the same value or the same
/// error as boxed compilation, including when a record field holds another kind than declared,
/// on overflow, division by zero, NaN, and errors absorbed by `&&` / `||`.
struct TypedCompilationTests {
  static let record = RecordType(
    "R",
    fields: [
      ("i", .int), ("j", .int), ("d", .double), ("e", .double), ("b", .bool), ("s", .string),
      ("l", .list(.string)),
    ])

  /// Field values to try: ordinary ones, extremes, and values of the wrong kind.
  static let records: [[String: Value]] = [
    [
      "i": .int(7), "j": .int(3), "d": .double(2.5), "e": .double(-0.0), "b": .bool(true),
      "s": .string("tech"), "l": .list([.string("a")]),
    ],
    [
      "i": .int(.max), "j": .int(-1), "d": .double(.nan), "e": .double(.infinity),
      "b": .bool(false),
      "s": .string(""), "l": .list([]),
    ],
    [
      "i": .int(.min), "j": .int(0), "d": .double(0), "e": .double(0), "b": .bool(true),
      "s": .string("Über TECH Talk \u{212A}"), "l": .list([.string("tech"), .string("b")]),
    ],
    // Missing fields are null; wrong kinds stand for loosely bound data.
    [
      "i": .uint(7), "j": .double(3), "d": .int(2), "b": .string("yes"), "s": .int(3),
      "l": .list([.int(1), .string("a")]),
    ],
    [:],
    // Strings compared in place: a long one (heap storage, not bit-identical to the constant)
    // and a short one equal to a constant.
    [
      "i": .int(25), "j": .int(50_000), "d": .double(1.5), "e": .double(2), "b": .bool(true),
      "s": .string(String(repeating: "enterprise", count: 2)),
      "l": .list([.string("GB"), .string("enterprise")]),
    ],
    [
      "i": .int(10), "j": .int(42_000), "d": .double(-1), "e": .double(.nan), "b": .bool(false),
      "s": .string("GB"), "l": .list([.string("news"), .string("GB")]),
    ],
  ]

  static let expressions = [
    "r.i + r.j", "r.i - r.j", "r.i * r.j", "r.i / r.j", "r.i % r.j", "-r.i", "-r.d",
    "r.i > 5 && r.b", "r.i >= 10 || !r.b", "r.i == 7", "r.i != r.j", "r.d < r.e", "r.d <= 2.5",
    "r.d == r.d", "r.d != r.d", "r.d > 0.0 ? r.d * 2.0 : r.e - 1.0", "r.b ? r.i : r.j",
    "double(r.i) / r.d", "math.least(1.0, r.d / r.e)", "math.greatest(r.i, r.j)",
    "math.least(r.i, 3)", "r.i / r.j > 1 || r.b", "r.b || r.i / r.j > 1",
    "r.i / r.j > 1 && false", "r.s == 'tech' && r.i > 0 && r.l.exists(x, x == 'a')",
    "size(r.l) > 0 || r.d > 1.0", "x + y * 2 > 10", "x / (y - y) == 0 || true", "f < 0.5",
    "b && x > 1", "[r.i, r.j].exists(v, v > 5)", "r.l.map(v, size(v) > 0).all(p, p == r.b)",
    "(r.i > 1 ? r.d : r.e) >= 1.0", "int(r.d) + r.i", "r.d + r.e + r.d * r.e",
    // Fusions: lowered search, (?i) literals, counting filters, membership loops.
    "r.s.lowerAscii().contains('tech')", "r.s.lowerAscii().contains('')",
    "r.s.lowerAscii().contains('ü')", "r.s.lowerAscii().contains('k')",
    "r.s.matches('(?i)TECH')", "r.s.matches('(?i)k')", "r.s.matches('(?i)s t')",
    "size(r.l.filter(x, x.startsWith('a')))", "size(m.items.filter(x, x > 1))",
    "size(m.items.filter(x, x == 1))", "r.l.exists(c, c in m.tags)",
    "r.l.exists(c, c in m.missing)", "m.items.exists(c, c in m.items)",
    "r.l.exists(c, c in m.count)", "m.items.exists(c, c in m.tags)",
    "[].exists(c, c in m.missing)", "r.l.exists(c, c in r.l)", "r.l.exists(c, c in ['GB'])",
    // Fields read in place by string tests, comparisons, logic chains and double operands.
    "r.s == 'GB'", "r.s != 'GB'", "r.s == 'enterpriseenterprise'", "r.s in ['US', 'CA', 'GB']",
    "r.s in ['enterpriseenterprise', 'x']", "r.s in ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']",
    "r.s == 'GB' && r.s in ['GB'] && r.i >= 10", "r.s == 'x' || r.i < 10 || r.b",
    "r.b && r.i > 0 && r.j > 0 && r.d > 0.0 && r.s != ''",
    "r.b || r.i > 100 || r.j < 0 || r.d == 1.5 || r.e != r.e || r.s == 'GB'",
    "r.d > 1.0", "r.d == 1.5", "r.d != 2.5", "r.d <= r.e", "double(r.i) / double(r.j)",
    "math.least(1.0, double(r.i) / double(r.j))", "math.greatest(double(r.j), r.d) - 1.0",
    "r.d * 2.0 + double(r.i)",
    // Optionals, bindings, blocks and two-variable comprehensions.
    "cel.bind(t, r.i * 2, t > r.j)", "cel.bind(t, r.d, t + r.e)",
    "cel.block([r.i / r.j], r.j != 0 && cel.index(0) > 1)", "cel.block([r.d * 2.0], cel.index(0))",
    "r.l.exists(i, v, i == 0 && v == 'a')", "r.l.all(i, v, i >= 0 && v != r.s)",
    "r.l.transformList(i, v, size(v) + i)", "m.?count.orValue(0) + r.i",
    "m.?missing.orValue(r.d) > 1.0", "optional.of(r.i).optMap(v, v + 1).orValue(0) > 0",
  ]

  static func outcome(_ text: String, typed: Bool, fields: [String: Value]) -> String {
    var options = ExpressionOptions()
    options.typedCompilation = typed
    var env = Environment(options: options)
    let slot = env.declareVariable("r", .record(record))
    env.declareVariable("x", .int)
    env.declareVariable("y", .int)
    env.declareVariable("f", .double)
    env.declareVariable("b", .bool)
    env.declareVariable("m", .dyn)
    do {
      let program = try Expression.compile(text, in: env)
      var activation = env.makeActivation()
      activation[slot] = try record.value(fields)
      // Variables bound from the same field values (wrong kinds included); `b` stays unbound
      // when there is no `b` field.
      activation[env.slot(of: "x")!] = fields["i"]
      activation[env.slot(of: "y")!] = fields["j"]
      activation[env.slot(of: "f")!] = fields["d"]
      activation[env.slot(of: "b")!] = fields["b"]
      activation[env.slot(of: "m")!] = .map([
        "tags": fields["l"] ?? .list([.string("tech")]),
        "items": .list([.int(1), .int(2), .string("x")]), "count": .int(3),
      ])
      let value = try program.evaluate(activation)
      if case .double(let d) = value, d.isNaN { return "double NaN" }
      if case .double(let d) = value { return "double \(d) sign \(d.sign)" }
      return "\(value.typeValue) \(Format.literal(value))"
    } catch {
      return "error \(error)"
    }
  }

  @Test("typed and boxed compilation agree", arguments: expressions)
  func agree(_ text: String) {
    for (index, fields) in Self.records.enumerated() {
      let typed = Self.outcome(text, typed: true, fields: fields)
      let boxed = Self.outcome(text, typed: false, fields: fields)
      #expect(typed == boxed, "record #\(index): typed `\(typed)`, boxed `\(boxed)`")
    }
  }

  @Test("a slot bound again is read again: another record, another value, unbound")
  func rebinding() throws {
    var env = Environment()
    let slot = env.declareVariable("r", .record(Self.record))
    let program = try Expression.compile(
      "r.s in ['GB', 'US'] && r.i >= 10 && double(r.i) / r.d > 1.0", in: env)
    var activation = env.makeActivation()
    activation[slot] = try Self.record.value(["s": .string("GB"), "i": .int(20), "d": .double(2)])
    func result(_ activation: Activation) throws -> Bool? {
      if case .bool(let b) = try program.evaluate(activation) { return b }
      return nil
    }
    #expect(try result(activation) == true)
    let before = activation
    activation[slot] = try Self.record.value(["s": .string("FR"), "i": .int(20), "d": .double(2)])
    #expect(try result(activation) == false)
    // The copy taken before still sees its own record.
    #expect(try result(before) == true)
    activation[slot] = .map(["s": .string("GB"), "i": .int(20), "d": .double(2)])
    #expect(try result(activation) == true)
    activation[slot] = nil
    #expect(throws: EvaluationError.self) { try program.evaluate(activation) }
  }

  @Test("typed evaluation restores the budget when it gives up")
  func budgetOnFallback() throws {
    var options = ExpressionOptions()
    options.costLimit = 3
    var env = Environment(options: options)
    env.declareVariable("l", .list(.int))
    env.declareVariable("x", .int)
    // The comprehension spends 3 steps; then `x` (bound to a string) makes the typed `&&` give
    // up, and the boxed evaluation must start again from the full budget, not from zero.
    let program = try Expression.compile("l.exists(v, v > 2) && x > 0", in: env)
    var activation = env.makeActivation()
    activation[env.slot(of: "l")!] = .list([.int(1), .int(2), .int(3)])
    activation[env.slot(of: "x")!] = .string("not an int")
    #expect {
      _ = try program.evaluate(activation)
    } throws: { error in
      (error as? EvaluationError)?.kind == .noSuchOverload
    }
  }
}
