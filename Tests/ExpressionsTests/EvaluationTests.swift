import CuesheetTesting
import Diagnostics
import Foundation
import Testing

@testable import Expressions

/// Records, activations, bindings and the documented language choices.
struct EvaluationTests {
  static let show = RecordType(
    "Show",
    fields: [
      ("name", .string), ("categories", .list(.string)), ("downloads_30d", .int), ("cpm", .double),
      ("explicit", .bool),
    ])

  static func environment() -> (Environment, VariableSlot) {
    var env = Environment()
    env.declareRecord(show)
    let slot = env.declareVariable("show", .record(show))
    env.declareVariable("flags", .map(.string, .dyn))
    return (env, slot)
  }

  static func evaluate(
    _ text: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Value {
    let (env, slot) = environment()
    let program = try Expression.compile(text, in: env)
    var activation = env.makeActivation()
    activation[slot] = try show.value([
      "name": .string("Tech Talk"), "categories": .list([.string("tech"), .string("news")]),
      "downloads_30d": .int(42_000), "cpm": .double(25.5),
    ])
    try activation.bind("flags", json: #"{"beta": true, "ratio": 0.5, "tags": ["a"]}"#)
    return try program.evaluate(activation)
  }

  @Test(arguments: [
    ("show.downloads_30d > 40000", Value.bool(true)),
    ("show.cpm > 20", .bool(true)),  // int literal compared with a double field
    ("show.cpm >= 25.5 && show.cpm < 26", .bool(true)),
    ("'tech' in show.categories", .bool(true)),
    ("has(show.explicit)", .bool(false)),  // unset (null) fields are absent
    ("has(show.name)", .bool(true)),
    ("flags.beta && flags.ratio == 0.5", .bool(true)),
    ("has(flags.gamma)", .bool(false)),
    ("size(flags.tags)", .int(1)),
    ("show.categories.map(c, c.upperAscii()).join(',')", .string("TECH,NEWS")),
    ("double(show.downloads_30d) / 1000.0", .double(42)),
    ("type(show) == type(show)", .bool(true)),
  ])
  func evaluatesAgainstRecord(_ text: String, _ expected: Value) throws {
    let value = try Self.evaluate(text)
    #expect(Operators.equals(value, expected), "\(Format.literal(value))")
  }

  @Test func mixedArithmeticIsACheckErrorWithAHint() {
    let (env, _) = Self.environment()
    let result = Expression.analyze("show.cpm * 2", in: env)
    #expect(result.diagnostics.first?.id == "check.no-matching-overload")
    #expect(result.diagnostics.first?.help == "convert one side, e.g. show.cpm * double(2)")
  }

  @Test func runtimeErrorsCarryTheFailingRange() throws {
    let marked = MarkedSource("show.cpm > 1 && 1️⃣show.downloads_30d / 0 > 1")
    let (env, slot) = Self.environment()
    let program = try Expression.compile(marked.text, in: env)
    var activation = env.makeActivation()
    activation[slot] = try Self.show.value(["cpm": .double(5), "downloads_30d": .int(1)])
    #expect {
      _ = try program.evaluate(activation)
    } throws: { error in
      guard let error = error as? EvaluationError else { return false }
      return error.kind == .divideByZero && error.range?.start == marked["1️⃣"]
    }
  }

  @Test func unboundVariableIsAnEvaluationError() throws {
    let (env, _) = Self.environment()
    let program = try Expression.compile("show.cpm > 1", in: env)
    #expect(throws: EvaluationError.self) { _ = try program.evaluate(env.makeActivation()) }
  }

  @Test func bindingFromFoundationFollowsTheDeclaredType() throws {
    let (env, _) = Self.environment()
    var activation = env.makeActivation()
    try activation.bind(
      "show",
      foundation: ["name": "X", "downloads_30d": 12, "cpm": 3, "categories": ["a"]] as [String: Any]
    )
    guard case .record(let record)? = activation["show"] else {
      Issue.record("not a record")
      return
    }
    #expect(Operators.equals(record.fields[2], .int(12)))
    #expect(Operators.equals(record.fields[3], .double(3)))
    #expect(throws: EvaluationError.self) {
      try activation.bind("show", foundation: ["nmae": "X"] as [String: Any])
    }
  }

  @Test func jsonNumbersBecomeIntsWhenIntegral() throws {
    #expect(Operators.equals(try Value(json: "42"), .int(42)))
    #expect(Operators.equals(try Value(json: "4.5"), .double(4.5)))
    #expect(
      Operators.equals(
        try Value(json: #"{"a": [true, null]}"#), .map(["a": .list([.bool(true), .null])])))
  }

  @Test func programsAreSharedAcrossTasks() async throws {
    let (env, slot) = Self.environment()
    let program = try Expression.compile("show.downloads_30d * 2", in: env)
    let results = try await withThrowingTaskGroup(of: Int64.self) { group in
      for n in 0..<8 {
        group.addTask {
          var activation = env.makeActivation()
          activation[slot] = try Self.show.value(["downloads_30d": .int(Int64(n))])
          guard case .int(let i) = try program.evaluate(activation) else { return -1 }
          return i
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(results.sorted() == [0, 2, 4, 6, 8, 10, 12, 14])
  }

  @Test func constantsAreFoldedButErrorsStayLazy() throws {
    #expect(Operators.equals(try Expression.evaluate("false && 1/0 > 3"), .bool(false)))
    #expect(throws: EvaluationError.self) { _ = try Expression.evaluate("true && 1/0 > 3") }
  }
}
