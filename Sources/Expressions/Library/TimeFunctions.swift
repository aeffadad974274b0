import Foundation

/// `timestamp`, `duration` and their accessors (`getFullYear`, `getHours`, …), with time zones.
enum TimeFunctions {
  static func rangeError(_ what: String) -> EvaluationError {
    EvaluationError(.overflow, "\(what) out of range")
  }

  /// The UTC offset in seconds of a zone (`UTC`, `America/New_York`, `+11:00`, `-02:30`, `02:00`)
  /// at a moment.
  static func offset(_ zone: String, at t: CELTimestamp) throws -> Int64 {
    let scalars = Array(zone.utf8)
    if let first = scalars.first,
      first == UInt8(ascii: "+") || first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39)
    {
      var text = Substring(zone)
      var sign: Int64 = 1
      if text.first == "+" || text.first == "-" {
        sign = text.first == "-" ? -1 : 1
        text = text.dropFirst()
      }
      let parts = text.split(separator: ":")
      guard parts.count == 2, let h = Int64(parts[0]), let m = Int64(parts[1]), h < 24, m < 60
      else {
        throw EvaluationError(.invalidArgument, "invalid time zone offset `\(zone)`")
      }
      return sign * (h * 3600 + m * 60)
    }
    guard let tz = TimeZone(identifier: zone) else {
      throw EvaluationError(.invalidArgument, "unknown time zone `\(zone)`")
    }
    return Int64(tz.secondsFromGMT(for: Date(timeIntervalSince1970: Double(t.seconds))))
  }

  /// Local civil fields of a timestamp: (year, month 1-12, day 1-31, dayOfYear 0-based,
  /// dayOfWeek 0=Sunday, secondsOfDay).
  static func civil(_ t: CELTimestamp, _ zone: String?) throws -> (
    Int64, Int64, Int64, Int64, Int64, Int64
  ) {
    let local = t.seconds + (try zone.map { try offset($0, at: t) } ?? 0)
    let (days, secondsOfDay) = local.floorDivided(by: 86_400)
    let (y, m, d) = Civil.fromDays(days)
    let dayOfYear = days - Civil.toDays(y, 1, 1)
    let dayOfWeek = (days + 4).floorDivided(by: 7).1  // 1970-01-01 was a Thursday
    return (y, m, d, dayOfYear, dayOfWeek, secondsOfDay)
  }

  private static func accessor(
    _ name: String,
    timestamp:
      @escaping @Sendable ((Int64, Int64, Int64, Int64, Int64, Int64), CELTimestamp) -> Int64,
    duration: (@Sendable (CELDuration) -> Int64)? = nil
  ) -> Function {
    var sigs: [([CELType], CELType)] = [([.timestamp], .int), ([.timestamp, .string], .int)]
    if duration != nil { sigs.append(([.duration], .int)) }
    return Function(
      name, .member, arities: [1, 2], check: signatures(sigs),
      .variadic { args in
        switch args[0] {
        case .timestamp(let t):
          var zone: String?
          if args.count == 2 {
            guard case .string(let z) = args[1] else {
              throw EvaluationError.noOverload(name, args)
            }
            zone = z
          }
          return .int(timestamp(try civil(t, zone), t))
        case .duration(let d) where args.count == 1 && duration != nil:
          return .int(duration!(d))
        default:
          throw EvaluationError.noOverload(name, args)
        }
      })
  }

  static let all: [Function] = [
    Function(
      "timestamp", .global, arities: [1],
      check: signatures([
        ([.string], .timestamp), ([.int], .timestamp), ([.timestamp], .timestamp),
      ]),
      .unary { v in
        switch v {
        case .timestamp: return v
        case .string(let s):
          guard let t = CELTimestamp.parse(s) else {
            throw EvaluationError(
              .conversion, "cannot parse timestamp '\(s)' (out of range or not RFC 3339)")
          }
          return .timestamp(t)
        case .int(let i):
          guard let t = CELTimestamp(seconds: i) else { throw rangeError("timestamp") }
          return .timestamp(t)
        default: throw EvaluationError.noOverload("timestamp", [v])
        }
      }),
    Function(
      "duration", .global, arities: [1],
      check: signatures([([.string], .duration), ([.duration], .duration)]),
      .unary { v in
        switch v {
        case .duration: return v
        case .string(let s):
          guard let d = CELDuration.parse(s) else {
            throw EvaluationError(
              .conversion, "cannot parse duration '\(s)' (out of range or malformed)")
          }
          return .duration(d)
        default: throw EvaluationError.noOverload("duration", [v])
        }
      }),
    accessor("getFullYear", timestamp: { c, _ in c.0 }),
    accessor("getMonth", timestamp: { c, _ in c.1 - 1 }),
    accessor("getDate", timestamp: { c, _ in c.2 }),
    accessor("getDayOfMonth", timestamp: { c, _ in c.2 - 1 }),
    accessor("getDayOfYear", timestamp: { c, _ in c.3 }),
    accessor("getDayOfWeek", timestamp: { c, _ in c.4 }),
    accessor("getHours", timestamp: { c, _ in c.5 / 3600 }, duration: { $0.seconds / 3600 }),
    accessor("getMinutes", timestamp: { c, _ in c.5 % 3600 / 60 }, duration: { $0.seconds / 60 }),
    accessor("getSeconds", timestamp: { c, _ in c.5 % 60 }, duration: { $0.seconds }),
    accessor(
      "getMilliseconds", timestamp: { _, t in Int64(t.nanos) / 1_000_000 },
      duration: { Int64($0.nanos) / 1_000_000 }),
  ]
}
