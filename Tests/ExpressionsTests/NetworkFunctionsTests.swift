import Testing

@testable import Expressions

/// The network extension on flag-context values, and the address text forms.
struct NetworkFunctionsTests {
  @Test(arguments: [
    ("cidr('10.0.0.0/8').containsIP(context.client_ip)", Value.bool(true)),
    ("cidr('10.0.0.0/8').containsIP(ip(context.client_ip))", .bool(true)),
    ("ip(context.client_ip).isLoopback()", .bool(false)),
    ("isIP(context.client_ip) && !isIP(context.note)", .bool(true)),
    ("string(ip('2001:0db8:0000:0000:0000:0000:0000:0068'))", .string("2001:db8::68")),
    ("string(ip('2001:db8:0:0:1:0:0:1'))", .string("2001:db8::1:0:0:1")),
    ("string(ip('0:0:0:0:0:0:0:1'))", .string("::1")),
    ("string(ip('1:0:2:3:4:5:6:7'))", .string("1:0:2:3:4:5:6:7")),
    ("string(cidr('10.1.2.3/8').masked())", .string("10.0.0.0/8")),
    ("cidr('2001:db8::/32').containsCIDR('2001:db8:1::/48')", .bool(true)),
    ("ip.isCanonical('2001:db8::1')", .bool(true)),
  ])
  func evaluates(_ text: String, _ expected: Value) throws {
    let value = try Expression.evaluate(
      text, ["context": .map(["client_ip": .string("10.20.30.40"), "note": .string("n/a")])])
    #expect(Operators.equals(value, expected), "\(text): \(Format.literal(value))")
  }

  @Test(arguments: [
    "1.2.3", "01.2.3.4", "256.1.1.1", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "",
  ])
  func rejectsMalformedAddresses(_ text: String) {
    if case .success(let address) = IPAddress.parse(text) {
      Issue.record("\(text) parsed as \(address)")
    }
  }
}
