/// CEL's network extension: `ip(s)`, `cidr(s)`, `isIP(s)`, `ip.isCanonical(s)`, and the methods
/// of `net.IP` and `net.CIDR` values.
///
/// ```
/// cidr('10.0.0.0/8').containsIP(context.client_ip)
/// ```
enum NetworkFunctions {
  static let ip = CELType.opaque("net.IP")
  static let cidr = CELType.opaque("net.CIDR")

  static func parseIP(_ value: Value, _ function: String) throws -> IPAddress {
    switch value {
    case .ip(let address): return address
    case .string(let text): return try IPAddress.parse(text).get()
    default: throw EvaluationError.noOverload(function, [value])
    }
  }

  static func parseCIDR(_ value: Value, _ function: String) throws -> CIDRValue {
    switch value {
    case .cidr(let network): return network
    case .string(let text): return try CIDRValue.parse(text).get()
    default: throw EvaluationError.noOverload(function, [value])
    }
  }

  /// A `net.IP` method returning a bool.
  static func predicate(_ name: String, _ test: @escaping @Sendable (IPAddress) -> Bool)
    -> Function
  {
    Function(
      name, .member, arities: [1], check: signatures([([ip], .bool)]),
      .unary { value in
        guard case .ip(let address) = value else { throw EvaluationError.noOverload(name, [value]) }
        return .bool(test(address))
      })
  }

  static let all: [Function] = [
    Function(
      "ip", .both, arities: [1], check: signatures([([.string], ip), ([cidr], ip)]),
      .unary { value in
        if case .cidr(let network) = value { return .ip(network.address) }
        guard case .string = value else { throw EvaluationError.noOverload("ip", [value]) }
        return .ip(try parseIP(value, "ip"))
      }),
    Function(
      "cidr", .global, arities: [1], check: signatures([([.string], cidr)]),
      .unary { value in
        guard case .string = value else { throw EvaluationError.noOverload("cidr", [value]) }
        return .cidr(try parseCIDR(value, "cidr"))
      }),
    Function(
      "isIP", .global, arities: [1], check: signatures([([.string], .bool)]),
      .unary { value in
        guard case .string(let text) = value else {
          throw EvaluationError.noOverload("isIP", [value])
        }
        if case .success = IPAddress.parse(text) { return .bool(true) }
        return .bool(false)
      }),
    Function(
      "ip.isCanonical", .global, arities: [1], check: signatures([([.string], .bool)]),
      .unary { value in
        guard case .string(let text) = value else {
          throw EvaluationError.noOverload("ip.isCanonical", [value])
        }
        return .bool(try IPAddress.parse(text).get().description == text)
      }),
    Function(
      "family", .member, arities: [1], check: signatures([([ip], .int)]),
      .unary { value in
        guard case .ip(let address) = value else {
          throw EvaluationError.noOverload("family", [value])
        }
        return .int(Int64(address.family))
      }),
    predicate("isUnspecified") { $0.isUnspecified },
    predicate("isLoopback") { $0.isLoopback },
    predicate("isGlobalUnicast") { $0.isGlobalUnicast },
    predicate("isLinkLocalMulticast") { $0.isLinkLocalMulticast },
    predicate("isLinkLocalUnicast") { $0.isLinkLocalUnicast },
    Function(
      "containsIP", .member, arities: [2],
      check: signatures([([cidr, ip], .bool), ([cidr, .string], .bool)]),
      .binary { network, address in
        guard case .cidr(let range) = network else {
          throw EvaluationError.noOverload("containsIP", [network, address])
        }
        return .bool(range.contains(try parseIP(address, "containsIP")))
      }),
    Function(
      "containsCIDR", .member, arities: [2],
      check: signatures([([cidr, cidr], .bool), ([cidr, .string], .bool)]),
      .binary { network, other in
        guard case .cidr(let range) = network else {
          throw EvaluationError.noOverload("containsCIDR", [network, other])
        }
        return .bool(range.contains(try parseCIDR(other, "containsCIDR")))
      }),
    Function(
      "masked", .member, arities: [1], check: signatures([([cidr], cidr)]),
      .unary { value in
        guard case .cidr(let range) = value else {
          throw EvaluationError.noOverload("masked", [value])
        }
        return .cidr(CIDRValue(address: range.address.masked(range.prefix), prefix: range.prefix))
      }),
    Function(
      "prefixLength", .member, arities: [1], check: signatures([([cidr], .int)]),
      .unary { value in
        guard case .cidr(let range) = value else {
          throw EvaluationError.noOverload("prefixLength", [value])
        }
        return .int(Int64(range.prefix))
      }),
  ]
}
