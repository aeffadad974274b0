/// An IP address of CEL's network extension (`ip('192.168.0.1')`, type `net.IP`): 4 bytes for
/// IPv4, 16 for IPv6.
///
/// Parsing follows Go's `netip.ParseAddr`, which cel-go uses: dotted IPv4 without leading
/// zeros, IPv6 with at most one `::`; zones (`fe80::1%en0`) and the dotted IPv4-mapped form
/// (`::ffff:1.2.3.4`) are refused. The text form is canonical (RFC 5952: lower-case hex, the
/// longest run of zero groups as `::`).
public struct IPAddress: Hashable, Sendable, CustomStringConvertible {
  public let bytes: [UInt8]

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// 4 or 6.
  public var family: Int { bytes.count == 4 ? 4 : 6 }

  /// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:c0a8:1`), else the address.
  var unmapped: IPAddress {
    if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF,
      bytes[11] == 0xFF
    {
      return IPAddress(bytes: Array(bytes[12...]))
    }
    return self
  }

  /// Parses an address; nil with a reason when it is not one.
  public static func parse(_ text: String) -> Result<IPAddress, EvaluationError> {
    func failure(_ reason: String) -> Result<IPAddress, EvaluationError> {
      .failure(
        EvaluationError(
          .conversion, "IP address \(Format.quote(String(text.prefix(60)))) \(reason)"))
    }
    if text.contains("%") { return failure("has a zone, which is not allowed") }
    if text.contains(":") {
      guard let bytes = parseIPv6(Substring(text)) else { return failure("is not valid") }
      let address = IPAddress(bytes: bytes)
      if text.contains("."), address.unmapped.bytes.count == 4 {
        return failure("is IPv4-mapped IPv6, which is not allowed")
      }
      return .success(address)
    }
    guard let bytes = parseIPv4(Substring(text)) else { return failure("is not valid") }
    return .success(IPAddress(bytes: bytes))
  }

  static func parseIPv4(_ text: Substring) -> [UInt8]? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 4 else { return nil }
    var bytes: [UInt8] = []
    for part in parts {
      guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }),
        part == "0" || part.first != "0", let value = UInt8(part)
      else { return nil }
      bytes.append(value)
    }
    return bytes
  }

  static func parseIPv6(_ text: Substring) -> [UInt8]? {
    func groups(_ part: Substring) -> [UInt16]? {
      if part.isEmpty { return [] }
      var result: [UInt16] = []
      let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
      for (index, piece) in pieces.enumerated() {
        if index == pieces.count - 1, piece.contains(".") {
          guard let v4 = parseIPv4(piece) else { return nil }
          result.append(UInt16(v4[0]) << 8 | UInt16(v4[1]))
          result.append(UInt16(v4[2]) << 8 | UInt16(v4[3]))
          continue
        }
        guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else {
          return nil
        }
        result.append(value)
      }
      return result
    }
    let halves = text.components(separatedBy: "::")
    let all: [UInt16]
    switch halves.count {
    case 1:
      guard let g = groups(text), g.count == 8 else { return nil }
      all = g
    case 2:
      guard let head = groups(Substring(halves[0])), let tail = groups(Substring(halves[1])),
        head.count + tail.count < 8, !halves[1].hasPrefix(":"), !halves[0].hasSuffix(":")
      else { return nil }
      all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
    default:
      return nil
    }
    return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
  }

  /// The canonical text: dotted IPv4, or RFC 5952 IPv6 (`::ffff:1.2.3.4` for mapped IPv4).
  public var description: String {
    if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
    let unmapped = self.unmapped
    if unmapped.bytes.count == 4 { return "::ffff:" + unmapped.description }
    let groups = stride(from: 0, to: 16, by: 2).map {
      UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1])
    }
    // The longest run of two or more zero groups (the first when tied) becomes `::`.
    var best: (start: Int, length: Int) = (-1, 0)
    var index = 0
    while index < 8 {
      if groups[index] == 0 {
        var end = index
        while end < 8, groups[end] == 0 { end += 1 }
        if end - index > best.length { best = (index, end - index) }
        index = end
      } else {
        index += 1
      }
    }
    func hex(_ range: Range<Int>) -> String {
      groups[range].map { String($0, radix: 16) }.joined(separator: ":")
    }
    guard best.length >= 2 else { return hex(0..<8) }
    return hex(0..<best.start) + "::" + hex((best.start + best.length)..<8)
  }

  // MARK: - Classification (as Go's netip)

  public var isUnspecified: Bool { bytes.allSatisfy { $0 == 0 } }

  public var isLoopback: Bool {
    let ip = unmapped
    if ip.bytes.count == 4 { return ip.bytes[0] == 127 }
    return ip.bytes[0..<15].allSatisfy { $0 == 0 } && ip.bytes[15] == 1
  }

  public var isMulticast: Bool {
    let ip = unmapped
    if ip.bytes.count == 4 { return ip.bytes[0] & 0xF0 == 0xE0 }
    return ip.bytes[0] == 0xFF
  }

  public var isLinkLocalMulticast: Bool {
    let ip = unmapped
    if ip.bytes.count == 4 { return ip.bytes[0] == 224 && ip.bytes[1] == 0 && ip.bytes[2] == 0 }
    return ip.bytes[0] == 0xFF && ip.bytes[1] & 0x0F == 0x02
  }

  public var isLinkLocalUnicast: Bool {
    let ip = unmapped
    if ip.bytes.count == 4 { return ip.bytes[0] == 169 && ip.bytes[1] == 254 }
    return ip.bytes[0] == 0xFE && ip.bytes[1] & 0xC0 == 0x80
  }

  public var isGlobalUnicast: Bool {
    let ip = unmapped
    if ip.bytes.count == 4, ip.bytes == [255, 255, 255, 255] { return false }
    return !ip.isUnspecified && !ip.isLoopback && !ip.isMulticast && !ip.isLinkLocalUnicast
  }

  /// The address with all bits after the first `prefix` cleared.
  func masked(_ prefix: Int) -> IPAddress {
    var result = bytes
    for index in result.indices {
      let kept = min(max(prefix - index * 8, 0), 8)
      result[index] &= kept == 8 ? 0xFF : ~(0xFF >> UInt8(kept))
    }
    return IPAddress(bytes: result)
  }
}

/// A network of CEL's network extension (`cidr('10.0.0.0/8')`, type `net.CIDR`): an address
/// and a prefix length (the address is kept as written; `masked()` clears the host bits).
public struct CIDRValue: Hashable, Sendable, CustomStringConvertible {
  public let address: IPAddress
  public let prefix: Int

  public var description: String { "\(address)/\(prefix)" }

  public static func parse(_ text: String) -> Result<CIDRValue, EvaluationError> {
    func failure(_ reason: String) -> Result<CIDRValue, EvaluationError> {
      .failure(
        EvaluationError(.conversion, "CIDR \(Format.quote(String(text.prefix(60)))) \(reason)"))
    }
    guard let slash = text.lastIndex(of: "/") else { return failure("has no /prefix") }
    let digits = text[text.index(after: slash)...]
    guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      digits == "0" || digits.first != "0", let prefix = Int(digits)
    else { return failure("has no valid prefix length") }
    switch IPAddress.parse(String(text[..<slash])) {
    case .failure(let error): return .failure(error)
    case .success(let address):
      guard prefix <= address.bytes.count * 8 else {
        return failure("has a prefix longer than the address")
      }
      return .success(CIDRValue(address: address, prefix: prefix))
    }
  }

  /// Whether the network holds the address (both of the same family).
  public func contains(_ ip: IPAddress) -> Bool {
    ip.bytes.count == address.bytes.count && ip.masked(prefix) == address.masked(prefix)
  }

  /// Whether the network holds every address of `other`.
  public func contains(_ other: CIDRValue) -> Bool {
    other.prefix >= prefix && contains(other.address)
  }
}
