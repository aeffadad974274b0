import Testing
@testable import Expressions

@Test func smoke() throws {
  let value = try Expression.evaluate("1 + 2")
  #expect(Operators.equals(value, .int(3)))
}
