import Diagnostics
import Testing

@testable import Expressions

/// Two-variable comprehensions, `cel.bind`, `cel.block` and the encoders, on rule-shaped inputs.
struct CompilerBindingsTests {
  static let show = RecordType(
    "Show", fields: [("categories", .list(.string)), ("downloads_30d", .int)])
  static let advertiser = RecordType(
    "Advertiser", fields: [("category_weights", .map(.string, .double))])

  static func evaluate(_ text: String, typed: Bool = true, costLimit: Int = 1_000_000) throws
    -> Value
  {
    var options = ExpressionOptions()
    options.typedCompilation = typed
    options.costLimit = costLimit
    var env = Environment(options: options)
    let showSlot = env.declareVariable("show", .record(show))
    let advertiserSlot = env.declareVariable("advertiser", .record(advertiser))
    env.declareVariable("x", .int)
    let program = try Expression.compile(text, in: env)
    var activation = env.makeActivation()
    activation[showSlot] = try show.value([
      "categories": .list([.string("technology"), .string("business")]),
      "downloads_30d": .int(42_000),
    ])
    activation[advertiserSlot] = try advertiser.value([
      "category_weights": .map([
        "technology": .double(0.6), "business": .double(0.3), "comedy": .double(0.1),
      ])
    ])
    activation[env.slot(of: "x")!] = .int(0)
    return try program.evaluate(activation)
  }

  @Test(arguments: [
    // Per-category weights: the best weight among the show's categories.
    (
      "math.greatest([0.0] + advertiser.category_weights.transformList(c, w, c in show.categories, w))",
      Value.double(0.6)
    ),
    (
      "advertiser.category_weights.exists(c, w, w >= 0.5 && c in show.categories)", .bool(true)
    ),
    ("advertiser.category_weights.all(c, w, w > 0.0 && w < 1.0)", .bool(true)),
    ("show.categories.existsOne(i, c, i == 0 && c == 'technology')", .bool(true)),
    (
      "show.categories.transformMap(i, c, c.size())",
      .map(MapValue([(.int(0), .int(10)), (.int(1), .int(8))]))
    ),
    (
      "advertiser.category_weights.transformMap(c, w, c in show.categories, w * 100.0)",
      .map(["technology": .double(60), "business": .double(30)])
    ),
    (
      "show.categories.transformMapEntry(i, c, {c: i})",
      .map(["technology": .int(0), "business": .int(1)])
    ),
    ("cel.bind(d, show.downloads_30d, d > 10000 && d < 50000)", .bool(true)),
    ("cel.bind(d, show.downloads_30d / 1000, d * 2)", .int(84)),
    (
      "cel.block([show.downloads_30d, cel.index(0) * 2], cel.index(1) - cel.index(0))", .int(42_000)
    ),
    // Block values are computed when first used: `10 / x` is never evaluated when x is 0.
    ("cel.block([10 / x], x != 0 && cel.index(0) > 1)", .bool(false)),
    ("base64.encode(b'hello')", .string("aGVsbG8=")),
    ("base64.decode('aGVsbG8')", .bytes(Array("hello".utf8))),
  ])
  func evaluates(_ text: String, _ expected: Value) throws {
    for typed in [true, false] {
      let value = try Self.evaluate(text, typed: typed)
      #expect(Operators.equals(value, expected), "\(text): \(Format.literal(value))")
    }
  }

  @Test func transformMapEntryRejectsARepeatedKey() {
    #expect(throws: EvaluationError.self) {
      try Self.evaluate("show.categories.transformMapEntry(i, c, {'same': i})")
    }
  }

  @Test func twoVariableComprehensionsSpendTheBudget() {
    #expect {
      try Self.evaluate(
        "[1, 2, 3, 4].transformList(i, v, [1, 2, 3, 4].transformList(j, w, i * w))",
        costLimit: 10)
    } throws: { error in
      (error as? EvaluationError)?.kind == .costLimit
    }
  }

  @Test(arguments: [
    ("show.categories.exists(i, i, true)", "check.duplicate-variable"),
    ("show.categories.all(i, c, c + 1)", "check.no-matching-overload"),
    ("show.categories.transformMapEntry(i, c, c)", "check.type-mismatch"),
    ("base64.encode('text')", "check.no-matching-overload"),
    ("cel.bind(x + 1, 2, 3)", "syntax.bad-macro"),
  ])
  func checkerRejects(_ text: String, _ id: String) {
    var env = Environment()
    env.declareVariable("show", .record(Self.show))
    env.declareVariable("x", .int)
    let result = Expression.analyze(text, in: env)
    #expect(result.program == nil)
    #expect(result.diagnostics.map(\.id).contains(id), "\(result.diagnostics.map(\.id))")
  }
}
