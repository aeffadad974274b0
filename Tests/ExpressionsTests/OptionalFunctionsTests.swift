import Diagnostics
import Testing

@testable import Expressions

/// Optional values on rule inputs: missing context fields, null record fields, and the checker's
/// view of `?.`, `[?]`, `{?k: v}` and `[?x]`.
struct OptionalFunctionsTests {
  static let account = RecordType(
    "Account", fields: [("tier", .string), ("seats", .int), ("country", .string)])

  /// Evaluates against `account` (tier unset) and `context` (a JSON flag context).
  static func evaluate(_ text: String, typed: Bool = true) throws -> Value {
    var options = ExpressionOptions()
    options.typedCompilation = typed
    var env = Environment(options: options)
    let slot = env.declareVariable("account", .record(account))
    env.declareVariable("context", .map(.string, .dyn))
    let program = try Expression.compile(text, in: env)
    var activation = env.makeActivation()
    activation[slot] = try account.value(["seats": .int(12), "country": .string("GB")])
    try activation.bind("context", json: #"{"plan": "pro", "beta": {"cohort": 3}}"#)
    return try program.evaluate(activation)
  }

  @Test(arguments: [
    // A null record field is an absent optional.
    (#"account.?tier.orValue("free")"#, Value.string("free")),
    (#"account.?country.orValue("US")"#, .string("GB")),
    ("account.?seats.orValue(0) >= 10", .bool(true)),
    ("account.?tier.hasValue()", .bool(false)),
    // Missing keys of a JSON context.
    (#"context.?plan.orValue("free") == "pro""#, .bool(true)),
    (#"context.?region.orValue("eu")"#, .string("eu")),
    ("context.?beta.cohort.orValue(0)", .int(3)),
    ("context.?gamma.cohort.orValue(0)", .int(0)),
    ("has(context.?beta.cohort)", .bool(true)),
    (#"context[?"plan"].value()"#, .string("pro")),
    // Building values from optionals.
    (#"{"plan": "pro", ?"region": context.?region}"#, .map(["plan": .string("pro")])),
    ("[1, ?context.?beta.cohort, ?context.?gamma]", .list([.int(1), .int(3)])),
    ("context.?beta.cohort.optMap(c, c * 10).value()", .int(30)),
    ("context.?gamma.optFlatMap(g, g.?cohort).hasValue()", .bool(false)),
    ("optional.ofNonZeroValue(account.seats - 12).or(optional.of(1)).value()", .int(1)),
    ("type(optional.none()) == optional_type", .bool(true)),
  ])
  func evaluates(_ text: String, _ expected: Value) throws {
    for typed in [true, false] {
      let value = try Self.evaluate(text, typed: typed)
      #expect(Operators.equals(value, expected), "\(text): \(Format.literal(value))")
    }
  }

  @Test func orValueEvaluatesItsArgumentOnlyWhenEmpty() throws {
    // The fallback would divide by zero; it is never evaluated when the optional has a value.
    let value = try Self.evaluate("context.?beta.cohort.orValue(1 / (account.seats - 12))")
    #expect(Operators.equals(value, .int(3)))
    #expect(throws: EvaluationError.self) {
      try Self.evaluate("context.?gamma.orValue(1 / (account.seats - 12))")
    }
  }

  @Test func valueOfAnEmptyOptionalIsAnError() {
    #expect(throws: EvaluationError.self) { try Self.evaluate("context.?region.value()") }
  }

  @Test(arguments: [
    ("[?1]", "check.type-mismatch"),
    ("{?'a': 1}", "check.type-mismatch"),
    ("account.?tier.orValue(1)", "check.no-matching-overload"),
    ("account.seats.optMap(s, s + 1)", "check.type-mismatch"),
    ("account.?tier.optFlatMap(t, t + 'x')", "check.type-mismatch"),
    ("account.?nmae.orValue('')", "check.no-such-field"),
  ])
  func checkerRejects(_ text: String, _ id: String) {
    var env = Environment()
    env.declareVariable("account", .record(Self.account))
    let result = Expression.analyze(text, in: env)
    #expect(result.program == nil)
    #expect(result.diagnostics.map(\.id).contains(id), "\(result.diagnostics.map(\.id))")
  }

  @Test func checkedTypesAreOptional() throws {
    var env = Environment()
    env.declareVariable("account", .record(Self.account))
    #expect(Expression.analyze("account.?tier", in: env).type == .optional(.string))
    #expect(Expression.analyze("account.?tier.orValue('free')", in: env).type == .string)
    #expect(Expression.analyze("optional.of(account).seats", in: env).type == .optional(.int))
    #expect(CELType.parse("optional_type(int)") == .optional(.int))
  }
}
